//! Compiling one generated C file into an extension module: the `cc` crate finds the C compiler
//! and its base flags (it honours `CC` and `CFLAGS`), then one compiler run compiles and links.

use super::cache;
use super::python::PythonInfo;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// How to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileOptions {
    /// `-O0` .. `-O3`; values above 3 mean 3.
    pub opt_level: u8,
    /// Debug information (`-g`) and frame pointers.
    pub debug: bool,
    /// Extra `-I` directories, searched after the Python headers.
    pub include_dirs: Vec<PathBuf>,
    /// Extra flags passed to the compiler after all others. A `-W...` flag among them turns
    /// the compiler's warnings back on (pyxc otherwise builds generated code with `-w`).
    pub extra_cflags: Vec<String>,
    /// Further C sources compiled into the module (`# distutils: sources`).
    pub sources: Vec<PathBuf>,
    /// Linker arguments after the module's own (`-l`, `-L`, objects, flags).
    pub link_args: Vec<String>,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            opt_level: 2,
            debug: false,
            include_dirs: Vec::new(),
            extra_cflags: Vec::new(),
            sources: Vec::new(),
            link_args: Vec::new(),
        }
    }
}

/// Compiles and links `c_file` into the extension module `out_file` for the interpreter `py`.
///
/// The module is written to a temporary file beside `out_file` and renamed into place, so
/// parallel builds and a running interpreter never see a half-written file. On failure the
/// error holds the command line and the compiler's output.
pub fn compile_extension(
    c_file: &Path,
    out_file: &Path,
    py: &PythonInfo,
    opts: &CompileOptions,
) -> Result<(), String> {
    let mut cmd = compile_command(c_file, out_file, py, opts)?;
    let tmp = cache::temp_sibling(out_file);
    cmd.arg("-o").arg(&tmp);
    let output = cmd.output().map_err(|e| {
        format!(
            "cannot run the C compiler `{}`: {e}",
            cmd.get_program().to_string_lossy()
        )
    });
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    if !output.status.success() {
        let _ = std::fs::remove_file(&tmp);
        let mut msg = format!(
            "C compiler failed ({}) on {}\ncommand: {}\n",
            output.status,
            c_file.display(),
            command_line(&cmd)
        );
        msg.push_str(String::from_utf8_lossy(&output.stderr).trim_end());
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !stdout.trim().is_empty() {
            msg.push('\n');
            msg.push_str(stdout.trim_end());
        }
        return Err(msg);
    }
    std::fs::rename(&tmp, out_file).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", out_file.display())
    })
}

/// The compiler command without its `-o OUTPUT` (which [`compile_extension`] adds): base
/// compiler and flags from `cc`, then Python's include directories, `opts`, the source file,
/// the runtime library and the link flags. `out_file` only decides where the output directory
/// must exist.
fn compile_command(
    c_file: &Path,
    out_file: &Path,
    py: &PythonInfo,
    opts: &CompileOptions,
) -> Result<Command, String> {
    if let Some(dir) = out_file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create directory {}: {e}", dir.display()))?;
    }
    let runtime = super::rtlib::runtime_library(py, opts)?;
    let mut cmd = compiler_command(py, opts)?;
    if let Some(prelude) = super::pch::precompiled_prelude(py, opts) {
        cmd.arg("-include").arg(prelude);
    }
    cmd.arg(c_file);
    cmd.args(&opts.sources);
    cmd.arg(runtime);
    if cfg!(target_vendor = "apple") {
        cmd.args(["-bundle", "-undefined", "dynamic_lookup"]);
    } else {
        cmd.arg("-shared");
    }
    cmd.args(&py.ldflags);
    if cfg!(target_os = "linux") {
        // Only the runtime library's functions the module calls are kept.
        cmd.args(["-Wl,--gc-sections", "-lm"]);
    }
    cmd.args(&opts.link_args);
    Ok(cmd)
}

/// The compiler with every compile flag (no inputs, no link flags): `cc`'s base flags, the
/// flags generated code needs, Python's include directories and `opts`.
pub(super) fn compiler_command(py: &PythonInfo, opts: &CompileOptions) -> Result<Command, String> {
    let tool = tool_for(opts)?;
    let mut cmd = tool.to_command();
    // Required by CPython's object model (PyObject* punning between struct types).
    cmd.arg("-fno-strict-aliasing");
    // Only PyInit_* (marked by PyMODINIT_FUNC) needs to be visible.
    cmd.arg("-fvisibility=hidden");
    cmd.arg("-pipe");
    if !opts.debug {
        // As for extensions built by setuptools (Python's own CFLAGS): without it, every
        // PyList_GET_SIZE, PyTuple_GET_ITEM... of CPython's headers checks its argument's type.
        cmd.arg("-DNDEBUG");
    }
    if opts.opt_level >= 2 && cfg!(any(target_arch = "x86_64", target_arch = "x86")) {
        // x86 cores fetch and cache decoded code in 32-byte windows; at -O2 gcc aligns a loop
        // to 16 only when that costs at most 10 bytes of padding, so a hot loop may straddle
        // two windows by chance (measured 5-15% on the primes sieve). Typed numeric code lives
        // in such loops, so they always start a window.
        cmd.arg("-falign-loops=32");
    }
    if opts.debug
        && !tool
            .args()
            .iter()
            .any(|a| a.to_string_lossy().starts_with("-g"))
    {
        cmd.arg("-g");
    }
    cmd.arg("-I").arg(&py.include_dir);
    cmd.args(&py.cflags);
    for dir in &opts.include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd.args(&opts.extra_cflags);
    Ok(cmd)
}

/// The host's target triple in the form `cc` (and rustc) use, derived at run time since no
/// Cargo variables exist outside a build script.
pub fn host_triple() -> String {
    let arch = std::env::consts::ARCH;
    let os = std::env::consts::OS;
    let arch = match (arch, os) {
        ("x86", _) => "i686",
        ("powerpc64", _) if cfg!(target_endian = "little") => "powerpc64le",
        ("arm", "linux") => "armv7",
        _ => arch,
    };
    match os {
        "linux" => {
            let env = if cfg!(target_env = "musl") {
                "musl"
            } else {
                "gnu"
            };
            let abi = if arch == "armv7" { "eabihf" } else { "" };
            format!("{arch}-unknown-linux-{env}{abi}")
        }
        "macos" => format!("{arch}-apple-darwin"),
        "windows" => format!("{arch}-pc-windows-msvc"),
        "freebsd" | "netbsd" | "openbsd" | "dragonfly" => format!("{arch}-unknown-{os}"),
        _ => format!("{arch}-unknown-{os}"),
    }
}

/// The compiler with `cc`'s base flags for one option set, found once per process (`cc` runs
/// the compiler to learn its family, so this is worth keeping).
fn compiler(opt_level: u8, debug: bool, warnings: bool) -> Result<cc::Tool, String> {
    /// Tools by (opt_level, debug, warnings).
    type Tools = Mutex<HashMap<(u8, bool, bool), cc::Tool>>;
    static TOOLS: OnceLock<Tools> = OnceLock::new();
    let tools = TOOLS.get_or_init(Default::default);
    if let Some(tool) = tools.lock().unwrap().get(&(opt_level, debug, warnings)) {
        return Ok(tool.clone());
    }
    let triple = host_triple();
    let mut build = cc::Build::new();
    build
        .opt_level(u32::from(opt_level))
        .debug(debug)
        .target(&triple)
        .host(&triple)
        .out_dir(std::env::temp_dir())
        .cargo_metadata(false)
        .cargo_warnings(false)
        .cargo_debug(false)
        .pic(true);
    if !warnings {
        build.warnings(false).extra_warnings(false);
    }
    let tool = build
        .try_get_compiler()
        .map_err(|e| format!("cannot find a C compiler for {triple}: {e}"))?;
    if tool.is_like_msvc() {
        return Err(
            "MSVC is not supported yet: pyxc needs a GCC- or Clang-compatible C compiler \
             (set CC)"
                .to_string(),
        );
    }
    tools
        .lock()
        .unwrap()
        .insert((opt_level, debug, warnings), tool.clone());
    Ok(tool)
}

/// Whether the C compiler for these options is gcc (not clang, which also answers to
/// gcc's flags).
pub(super) fn compiler_is_gcc(opts: &CompileOptions) -> bool {
    tool_for(opts).is_ok_and(|t| t.is_like_gnu())
}

/// The compiler for these options (see [`compiler`]).
fn tool_for(opts: &CompileOptions) -> Result<cc::Tool, String> {
    let warnings = opts.extra_cflags.iter().any(|f| f.starts_with("-W"));
    compiler(opts.opt_level.min(3), opts.debug, warnings)
}

/// A command as a shell-like line, for error messages.
pub(super) fn command_line(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains([' ', '"', '\'']) {
            format!("{a:?}")
        } else {
            a.into_owned()
        }
    }));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::python;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("pyxc-compile-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const TINY: &str = r#"
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *add(PyObject *self, PyObject *args) {
    long a, b;
    (void)self;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "add(a, b) -> a + b"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "tiny", NULL, 0, methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_tiny(void) { return PyModuleDef_Init(&moduledef); }
"#;

    #[test]
    fn host_triple_shape() {
        let t = host_triple();
        assert!(
            t.starts_with(std::env::consts::ARCH) || t.starts_with("i686"),
            "{t}"
        );
        assert!(t.matches('-').count() >= 2, "{t}");
    }

    #[test]
    fn builds_and_imports_a_tiny_extension() {
        let py = python::probe("python3").expect("python3 probe");
        let dir = temp_dir("tiny");
        let c = dir.join("tiny.c");
        std::fs::write(&c, TINY).unwrap();
        let out = dir.join(format!("tiny{}", py.ext_suffix));
        compile_extension(&c, &out, &py, &CompileOptions::default()).expect("compile");
        assert!(out.is_file());
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let run = Command::new(&py.executable)
            .arg("-c")
            .arg("import tiny; assert tiny.add(2, 40) == 42; print(tiny.add.__doc__)")
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            "add(a, b) -> a + b"
        );
        // Debug and -O0 builds work too.
        let opts = CompileOptions {
            opt_level: 0,
            debug: true,
            ..CompileOptions::default()
        };
        compile_extension(&c, &out, &py, &opts).expect("debug compile");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compile_errors_carry_the_compiler_output() {
        let py = python::probe("python3").expect("python3 probe");
        let dir = temp_dir("bad");
        let c = dir.join("bad.c");
        std::fs::write(
            &c,
            "#include <Python.h>\nint f(void) { return undeclared_thing; }\n",
        )
        .unwrap();
        let out = dir.join(format!("bad{}", py.ext_suffix));
        let err = compile_extension(&c, &out, &py, &CompileOptions::default()).unwrap_err();
        assert!(err.contains("undeclared_thing"), "{err}");
        assert!(!out.exists());
        let entries = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(entries, 1, "only bad.c should remain");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
