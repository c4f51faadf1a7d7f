//! The build driver: what the target interpreter needs (`python`), turning generated C into an
//! extension module (`compile`, with the cached runtime library `rtlib` and precompiled
//! header `pch`, numpy's headers `numpy`), the per-user cache (`cache`), and the `.pxd` files pyxc ships
//! and the search for cimported declarations (`stdlib`).

pub mod cache;
pub mod compile;
pub mod distutils;
pub mod numpy;
pub mod pch;
pub mod python;
pub mod rtlib;
pub mod stdlib;

pub use cache::cache_dir;
pub use compile::{compile_extension, host_triple, CompileOptions};
pub use python::{probe, PythonInfo};
pub use stdlib::{find_pxd, stdlib_pxd};
