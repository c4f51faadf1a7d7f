//! End-to-end tests: each `.pyx` (or pure-mode `.py`) under tests/e2e is built with the pyxc binary, imported in
//! CPython and its doctests run. One test per file so a failure names it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `pyxc ARGS...`, which must succeed.
fn pyxc_ok<I, S>(args: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .args(args)
        .output()
        .expect("running pyxc");
    assert!(
        out.status.success(),
        "pyxc failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn build_and_doctest(name: &str) {
    build_all_and_doctest(&[name]);
}

/// Builds every file (together, into one directory: later ones may cimport earlier ones) and
/// runs the doctests of the last.
fn build_all_and_doctest(names: &[&str]) {
    let name = names[names.len() - 1];
    let out: PathBuf = std::env::temp_dir().join(format!(
        "pyxc-e2e-{}-{}",
        std::process::id(),
        name.replace('.', "_")
    ));
    std::fs::create_dir_all(&out).unwrap();
    let sources = names.iter().map(|n| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/e2e")
            .join(n)
    });
    let build = Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .args(["build", "--out-dir"])
        .arg(&out)
        .args(sources)
        .output()
        .expect("running pyxc");
    assert!(
        build.status.success(),
        "build of {names:?} failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let stem = name.trim_end_matches(".pyx").trim_end_matches(".py");
    let script = format!(
        "import sys, doctest, gc; sys.path.insert(0, {out:?}); import {stem} as m\n\
         r = doctest.testmod(m, optionflags=doctest.ELLIPSIS)\n\
         assert r.attempted > 0, 'no doctests ran'\n\
         sys.exit(1 if r.failed else 0)\n",
        out = out.display().to_string()
    );
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .expect("running python3");
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        run.status.success(),
        "doctests of {name} failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

macro_rules! e2e {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(#[test] fn $test() { build_and_doctest($file); })*
    };
}

e2e! {
    augmenting_pxd => "augmented.py",
    typed_arithmetic => "arith.pyx",
    boundary_conversions => "boundary.pyx",
    python_objects => "objects.pyx",
    cdef_functions => "cfuncs.pyx",
    semantics => "semantics.pyx",
    nogil_sections => "nogil.pyx",
    decorators => "decorators.pyx",
    python_classes => "classes.pyx",
    star_import => "star_import.pyx",
    refcounts => "refcounts.pyx",
    c_arrays_and_operators => "carrays.pyx",
    exception_handling_state => "handling.pyx",
    generators_and_closures => "generators.pyx",
    closures_over_c_aggregates => "closures_c_aggregates.pyx",
    enums_at_the_boundary => "enums.pyx",
    match_statements => "matching.pyx",
    c_sources_and_shipped_pxds => "cinterop.pyx",
    openmp_prange => "parallel.pyx",
    textual_include => "including.pyx",
    compile_time_def_and_if => "compile_time.pyx",
    public_and_api_headers => "public_api.pyx",
    coroutines_and_async => "coroutines.pyx",
    pure_python_mode => "puremode.py",
    pxd_inline_functions => "pxd_inline.pyx",
    c_strings_as_str => "cstrings_as_str.pyx",
    extension_types => "extension_types.pyx",
    extension_types_declared_in_own_pxd => "ext_own_pxd.pyx",
    extension_type_slots => "ext_slots.pyx",
    typed_memoryviews => "memviews.pyx",
    untyped_fast_paths => "untyped_fast.pyx",
    complex_numbers => "complex_numbers.pyx",
    shipped_stdlib_declarations => "stdlib_decls.pyx",
    scope_namespaces => "namespaces.pyx",
    call_binding => "calls.pyx",
    traceback_lines => "tracebacks.pyx",
    traceback_lines_python => "tracebacks_py.py",
    cpython_messages_in_py_modules => "python_messages.py",
}

/// Memoryviews over numpy arrays (skipped where numpy is not installed; .ci/run installs it).
fn has_numpy() -> bool {
    Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds and doctests `files`, which need numpy (skipped where it is not installed).
fn build_and_doctest_with_numpy(files: &[&str]) {
    if !has_numpy() {
        eprintln!("numpy not installed: skipping {}", files.join(", "));
        return;
    }
    for f in files {
        build_and_doctest(f);
    }
}

#[test]
fn typed_memoryviews_numpy() {
    build_and_doctest_with_numpy(&["memviews_numpy.pyx"]);
}

/// Cython's buffer syntax (`cnp.ndarray[double, ndim=2] a`) over numpy arrays.
#[test]
fn numpy_buffer_syntax() {
    build_and_doctest_with_numpy(&["buffers_numpy.pyx"]);
}

/// numpy's C API (`cnp.PyArray_*`, type numbers, `ndarray.shape`...), checked against Cython
/// 3.3's results on the same file.
#[test]
fn numpy_c_api() {
    build_and_doctest_with_numpy(&["numpy_capi.pyx", "numpy_capi_auto.pyx"]);
}

/// Fused types, specialised per member and dispatched from Python (numpy arrays for the
/// memoryview cases).
#[test]
fn fused_types() {
    build_and_doctest_with_numpy(&["fused_types.pyx"]);
}

/// A `cdef class` extending a type whose `.pxd` leaves out its fields (numpy's ndarray) would
/// lay its own fields over the base's: importing the module raises TypeError instead.
#[test]
fn extending_a_type_declared_without_its_fields_fails_at_import() {
    if !has_numpy() {
        eprintln!("numpy not installed: skipping");
        return;
    }
    let dir = std::env::temp_dir().join(format!("pyxc-e2e-extend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("extends_ndarray.pyx");
    std::fs::write(
        &f,
        "from numpy cimport ndarray\n\ncdef class Grid(ndarray):\n    cdef int extra\n",
    )
    .unwrap();
    pyxc_ok([
        "build".as_ref(),
        "--out-dir".as_ref(),
        dir.as_os_str(),
        f.as_os_str(),
    ]);
    let out = Command::new("python3")
        .current_dir(&dir)
        .args(["-c", "import extends_ndarray"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("TypeError: extends_ndarray.Grid cannot extend numpy.ndarray"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn type_errors_are_reported_with_spans() {
    let dir = std::env::temp_dir().join(format!("pyxc-e2e-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.pyx");
    std::fs::write(&f, "cdef int f(int a, int b):\n    return a + b\n\ndef g():\n    cdef int* p = 1.5\n    f(1)\n    return undefined_name\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("check")
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("bad.pyx:5:"), "{err}");
    assert!(err.contains("bad.pyx:6:"), "{err}");
    assert!(
        err.contains("bad.pyx:7:") && err.contains("undeclared name"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Modules sharing classes and C functions through a `.pxd`: the second cimports the first.
#[test]
fn cimport_across_modules() {
    build_all_and_doctest(&["linked_base.pyx", "linked_user.pyx"]);
}

/// The examples run with `pyxc run` as the README shows, printing what they compute.
#[test]
fn examples_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, expected) in [
        ("examples/primes.pyx", "78498 primes below 1000000"),
        ("examples/integrate.pyx", "= 1.570796327"),
        ("examples/events.pyx", "b: alarm at 3"),
        ("examples/life.pyx", "--###---"),
        ("examples/shapes.pyx", "total area: 13.14"),
        ("examples/parallel_pi.pyx", "pi = 3.141592654"),
        ("examples/numpy_smooth.pyx", "same both ways: True"),
    ] {
        if file.contains("numpy") && !has_numpy() {
            eprintln!("numpy not installed: skipping {file}");
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
            .arg("run")
            .arg(root.join(file))
            .output()
            .expect("running pyxc");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains(expected),
            "{file}:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `pyxc stubs --out-dir out tests/e2e/<file>`: the stub text.
fn stub_of(out: &Path, file: &str) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e")
        .join(file);
    pyxc_ok([
        std::ffi::OsStr::new("stubs"),
        "--out-dir".as_ref(),
        out.as_os_str(),
        src.as_os_str(),
    ]);
    let stem = file.trim_end_matches(".pyx").trim_end_matches(".py");
    std::fs::read_to_string(out.join(format!("{stem}.pyi"))).expect("the stub file")
}

/// `pyxc stubs` writes what the module shows Python, as valid Python stub syntax.
#[test]
fn stubs_describe_the_module() {
    let out = std::env::temp_dir().join(format!("pyxc-e2e-stubs-{}", std::process::id()));
    let text = stub_of(&out, "linked_base.pyx");
    for line in [
        "def clamp(x: int, lo: int, hi: int) -> int: ...",
        "class Shape:",
        "    name: str",
        "    @property\n    def scale(self) -> float: ...",
        "    def area(self) -> float: ...",
        "    def history(self): ...",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    // Generated machinery (pickling, __cinit__, accessors) is not part of the interface.
    for hidden in [
        "__reduce_cython__",
        "__cinit__",
        "__dealloc__",
        "__pyx_unpickle",
    ] {
        assert!(!text.contains(hidden), "{hidden} in:\n{text}");
    }
    let parse = Command::new("python3")
        .args(["-c", "import ast, sys; ast.parse(sys.argv[1])"])
        .arg(&text)
        .status()
        .expect("running python3");
    assert!(parse.success(), "the stub is not valid Python:\n{text}");
    // A class cimported from another module is named by it, and the module imported.
    let text = stub_of(&out, "buffers_numpy.pyx");
    assert!(
        text.contains("import numpy\n") && text.contains("def total(a: numpy.ndarray | None): ..."),
        "{text}"
    );
    // A fused def: one overload per distinct specialisation, not the dispatcher.
    let text = stub_of(&out, "fused_types.pyx");
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        text.contains("from typing import overload")
            && text.contains(
                "@overload\ndef ident(x: int): ...\n@overload\ndef ident(x: float): ...\n"
            )
            && !text.contains("def ident(*args"),
        "{text}"
    );
}

/// `pyxc annotate`: typed arithmetic is plain C (white), an object operation calls into
/// Python (shaded), and each line carries its C.
#[test]
fn annotation_report_shades_python_lines() {
    let dir = std::env::temp_dir().join(format!("pyxc-annotate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("shading.pyx");
    std::fs::write(
        &src,
        "def f(double x, list items):\n    cdef double y = x * 2\n    items.append(y)\n    return y\n",
    )
    .unwrap();
    pyxc_ok([std::ffi::OsStr::new("annotate"), src.as_os_str()]);
    let html = std::fs::read_to_string(dir.join("shading.html")).expect("the report");
    let _ = std::fs::remove_dir_all(&dir);
    let calls = |line: u32| -> usize {
        let at = html
            .find(&format!("onclick=\"t(this)\">{line:>4}:"))
            .unwrap_or_else(|| panic!("line {line} has no code:\n{html}"));
        let head = &html[..at];
        let start = head.rfind("data-calls=\"").expect("a count") + "data-calls=\"".len();
        head[start..].split('"').next().unwrap().parse().unwrap()
    };
    assert_eq!(calls(2), 0, "{html}");
    assert!(calls(3) > 0, "{html}");
    assert!(
        html.contains("1 of 4 lines with code are plain C"),
        "{html}"
    );
}

/// `from . import m`, `from ..m import x`: a module built inside a package (tests/e2e/relpkg)
/// and imported by its dotted name resolves them against its package.
#[test]
fn relative_imports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let dir = std::env::temp_dir().join(format!("pyxc-relative-{}", std::process::id()));
    for file in [
        "relpkg/__init__.py",
        "relpkg/outer.py",
        "relpkg/sub/__init__.py",
        "relpkg/sub/near.py",
    ] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), to).unwrap();
    }
    pyxc_ok([
        std::ffi::OsStr::new("build"),
        "--out-dir".as_ref(),
        dir.join("relpkg/sub").as_os_str(),
        root.join("relpkg/sub/user.pyx").as_os_str(),
    ]);
    let script = format!(
        "import sys, doctest; sys.path.insert(0, {:?})\n\
         import relpkg.sub.user as m\n\
         r = doctest.testmod(m)\n\
         assert r.attempted > 0\n\
         sys.exit(1 if r.failed else 0)\n",
        dir.display().to_string()
    );
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
