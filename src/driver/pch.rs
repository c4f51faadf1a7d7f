//! The precompiled prelude. Every module starts with the same headers (`Python.h` and the
//! standard C headers, `runtime/prelude.h`), and reading them is about a quarter of a small
//! module's compile time. With gcc, the driver compiles the prelude once per interpreter and
//! flag set into a `.gch` in the cache and passes `-include <prelude>.h`: gcc then loads the
//! parsed headers instead of reading them, and the module's own copy of the prelude is skipped
//! by its include guard.
//!
//! gcc checks that a precompiled header matches the compilation (flags, macros defined on the
//! command line) and reads the text header when it does not, so a mismatch costs time, never
//! correctness. Any failure to build one means building without it.

use super::cache;
use super::compile::{command_line, compiler_command, compiler_is_gcc, CompileOptions};
use super::python::PythonInfo;
use std::path::PathBuf;

/// The prelude header to pass with `-include` (its `.gch` beside it), or None when the
/// compiler is not gcc or the header cannot be built.
pub fn precompiled_prelude(py: &PythonInfo, opts: &CompileOptions) -> Option<PathBuf> {
    // The module's `-I` directories do not change what the prelude means; its own flags
    // (`-D`, `-fopenmp`) may, so they are part of the key and of the header's compilation.
    let pch_opts = CompileOptions {
        include_dirs: Vec::new(),
        sources: Vec::new(),
        link_args: Vec::new(),
        ..opts.clone()
    };
    if !compiler_is_gcc(&pch_opts) {
        return None;
    }
    let mut compiler = compiler_command(py, &pch_opts).ok()?;
    let text = crate::codegen::RUNTIME_PRELUDE;
    let key = cache::stable_hash(format!("{}\n{text}", command_line(&compiler)).as_bytes());
    let header = cache::cache_subdir("pch")
        .ok()?
        .join(format!("pyxc-prelude-{key:016x}.h"));
    if !header.is_file() {
        cache::write_atomic(&header, text.as_bytes()).ok()?;
    }
    let gch = format!("pyxc-prelude-{key:016x}.h.gch");
    cache::cached_build("pch", &gch, |work| {
        let out = work.join("prelude.h.gch");
        compiler
            .arg("-x")
            .arg("c-header")
            .arg(&header)
            .arg("-o")
            .arg(&out);
        super::rtlib::run(&mut compiler, "the prelude's precompilation")?;
        Ok(out)
    })
    .ok()?;
    Some(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_and_keyed_by_flags() {
        let py = crate::driver::probe("python3").expect("python3 with headers");
        let opts = CompileOptions::default();
        if !compiler_is_gcc(&opts) {
            assert_eq!(precompiled_prelude(&py, &opts), None);
            return;
        }
        let header = precompiled_prelude(&py, &opts).expect("gcc precompiles the prelude");
        let gch = PathBuf::from(format!("{}.gch", header.display()));
        let stamp = std::fs::metadata(&gch).unwrap().modified().unwrap();
        assert_eq!(precompiled_prelude(&py, &opts).as_ref(), Some(&header));
        assert_eq!(std::fs::metadata(&gch).unwrap().modified().unwrap(), stamp);
        // Include directories do not matter; a macro on the command line does.
        let with_dirs = CompileOptions {
            include_dirs: vec![std::env::temp_dir()],
            ..CompileOptions::default()
        };
        assert_eq!(precompiled_prelude(&py, &with_dirs).as_ref(), Some(&header));
        let with_macro = CompileOptions {
            extra_cflags: vec!["-DPYX_TEST_MACRO=1".into()],
            ..CompileOptions::default()
        };
        assert_ne!(
            precompiled_prelude(&py, &with_macro).as_ref(),
            Some(&header)
        );
    }
}
