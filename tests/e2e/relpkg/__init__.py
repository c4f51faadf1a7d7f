"""A package for the relative-import test (tests/e2e.rs, relative_imports)."""
ANSWER = 42
