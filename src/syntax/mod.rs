//! The front end: source decoding, tokens, layout, grammar, AST and syntax-level checks.

pub mod ast;
pub mod build;
pub mod cdecl;
pub mod compile_time;
pub mod dump;
pub mod fstring;
pub mod include;
pub mod layout;
pub mod literal;
pub mod parse;
pub mod source;
pub mod token;
pub mod validate;
pub mod walk;

pub use parse::{parse_bytes, parse_text, Parsed};
pub use source::Dialect;

/// Stack size for threads that parse: deeply nested input makes deep trees, and walking or
/// dropping them recurses.
pub const PARSER_STACK: usize = 256 * 1024 * 1024;
