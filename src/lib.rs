//! pyxc: a Cython-like compiler. The pipeline has one module per stage; data flows one way:
//! `syntax` (source → tokens → AST) → `sema` (typed program) → `ir` (ownership IR) →
//! `codegen` (C) → `driver` (C compiler, interpreter probe). `pipeline` runs them in order.

pub mod annotate;
pub mod codegen;
pub mod diagnostics;
pub mod driver;
pub mod ir;
pub mod pipeline;
pub mod sema;
pub mod stubs;
pub mod syntax;
