//! The runtime library: the larger, cold C helpers (argument parsing, conversion errors)
//! compiled once per interpreter and compiler flag set into a static library in the cache, which
//! every module links. Its symbols are hidden, so each module gets a private copy; the small,
//! hot helpers stay `static inline` in the generated C.

use super::cache;
use super::compile::{command_line, compiler_command, CompileOptions};
use super::python::PythonInfo;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The library for these options: from the cache, or built now.
pub fn runtime_library(py: &PythonInfo, opts: &CompileOptions) -> Result<PathBuf, String> {
    // Only what changes the object code counts: not the module's `-I` directories or flags.
    let lib_opts = CompileOptions {
        include_dirs: Vec::new(),
        extra_cflags: Vec::new(),
        sources: Vec::new(),
        link_args: Vec::new(),
        ..opts.clone()
    };
    let compiler = compiler_command(py, &lib_opts)?;
    let source = crate::codegen::RUNTIME_LIBRARY_SOURCE;
    let key = cache::stable_hash(format!("{}\n{source}", command_line(&compiler)).as_bytes());
    cache::cached_build("rtlib", &format!("libpyxcrt-{key:016x}.a"), |work| {
        build(compiler, source, work)
    })
}

/// Compiles `source` in `work` and archives it there; returns the archive.
fn build(mut compiler: Command, source: &str, work: &Path) -> Result<PathBuf, String> {
    let c_file = work.join("pyxcrt.c");
    let object = work.join("pyxcrt.o");
    std::fs::write(&c_file, source)
        .map_err(|e| format!("cannot write {}: {e}", c_file.display()))?;
    compiler.arg("-c").arg(&c_file).arg("-o").arg(&object);
    run(&mut compiler, "the runtime library's compilation")?;
    let archive = work.join("libpyxcrt.a");
    let mut ar = archiver()?;
    ar.arg("crs").arg(&archive).arg(&object);
    run(&mut ar, "the runtime library's archiver")?;
    Ok(archive)
}

/// The archiver `cc` would use (it honours `AR`).
fn archiver() -> Result<Command, String> {
    let triple = super::compile::host_triple();
    cc::Build::new()
        .target(&triple)
        .host(&triple)
        .opt_level(0)
        .cargo_metadata(false)
        .cargo_warnings(false)
        .try_get_archiver()
        .map_err(|e| format!("cannot find an archiver (ar) for {triple}: {e}"))
}

pub(super) fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {what} (`{}`): {e}", command_line(cmd)))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({})\ncommand: {}\n{}",
        out.status,
        command_line(cmd),
        String::from_utf8_lossy(&out.stderr).trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_then_cached() {
        let py = crate::driver::probe("python3").expect("python3 with headers");
        let opts = CompileOptions::default();
        let first = runtime_library(&py, &opts).expect("the runtime library builds");
        let stamp = std::fs::metadata(&first).unwrap().modified().unwrap();
        let again = runtime_library(&py, &opts).unwrap();
        assert_eq!(first, again);
        assert_eq!(
            std::fs::metadata(&again).unwrap().modified().unwrap(),
            stamp
        );
        // Another flag set is another library.
        let o0 = CompileOptions {
            opt_level: 0,
            ..CompileOptions::default()
        };
        assert_ne!(runtime_library(&py, &o0).unwrap(), first);
        // A module's include directories do not matter to the library.
        let with_dirs = CompileOptions {
            include_dirs: vec![std::env::temp_dir()],
            ..CompileOptions::default()
        };
        assert_eq!(runtime_library(&py, &with_dirs).unwrap(), first);
    }
}
