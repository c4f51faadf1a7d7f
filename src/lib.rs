//! pyxc: a Cython-like compiler. The pipeline has one module per stage; data flows one way:
//! `syntax` (source → tokens → AST) → later stages (checking, IR, C, build).

pub mod diagnostics;
pub mod syntax;
