//! Properties of the generated C that no end-to-end result shows: which calls pyxc keeps out
//! of line, which headers a module includes.

use pyxc::pipeline::{translate, BuildOptions};

fn c_of(name: &str, source: &str) -> String {
    let dir = std::env::temp_dir().join(format!("pyxc-c-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pyx"));
    std::fs::write(&path, source).unwrap();
    let c = translate(&path, &BuildOptions::default()).expect("the source translates");
    let _ = std::fs::remove_file(&path);
    c
}

/// The C lines of the function whose definition starts with `head` and names `name`.
fn body_of<'a>(c: &'a str, head: &str, name: &str) -> Vec<&'a str> {
    c.lines()
        .skip_while(|l| !(l.starts_with(head) && l.contains(name) && l.ends_with('{')))
        .take_while(|l| *l != "}")
        .collect()
}

#[test]
fn entry_calls_of_def_functions_stay_calls() {
    let c = c_of(
        "entry_calls",
        "cdef long fib(long n) noexcept:\n\
         \x20   return n if n < 2 else fib(n - 1) + fib(n - 2)\n\
         cdef inline long twice(long n) noexcept:\n\
         \x20   return 2 * n\n\
         cdef void bump(long *p, long n) noexcept:\n\
         \x20   for _ in range(n):\n\
         \x20       p[0] += 1\n\
         def run(long n):\n\
         \x20   cdef long i, t = 0\n\
         \x20   for i in range(n):\n\
         \x20       t += fib(i)\n\
         \x20   bump(&t, n)\n\
         \x20   return fib(n) + twice(n) + t\n",
    );
    let run = body_of(&c, "static PyObject *pyx_f", "_run(");
    let calls = |name: &str| run.iter().filter(|l| l.contains(name)).count();
    // Once per Python call: kept out of line.
    assert_eq!(
        calls("PYX_OUT_OF_LINE(pyx_c_fib)("),
        1,
        "{}",
        run.join("\n")
    );
    // In the loop, and the `inline` function: plain calls gcc may inline.
    assert_eq!(calls(" pyx_c_fib("), 1, "{}", run.join("\n"));
    assert_eq!(
        calls("PYX_OUT_OF_LINE(pyx_c_twice)"),
        0,
        "{}",
        run.join("\n")
    );
    assert_eq!(calls(" pyx_c_twice("), 1, "{}", run.join("\n"));
    // Given the address of a local: inlined, its loop may keep `t` in a register.
    assert_eq!(calls("    pyx_c_bump("), 1, "{}", run.join("\n"));
    // C functions call each other directly, recursion included.
    let fib = body_of(&c, "static long ", "pyx_c_fib(");
    assert!(!fib.is_empty() && !fib.iter().any(|l| l.contains("PYX_OUT_OF_LINE")));
}

/// numpy's header comes with its C API only: a module using numpy's types, buffers and
/// `import_array()` builds without numpy's headers (`a.shape` on a buffer is its view's).
#[test]
fn numpy_header_only_with_its_c_api() {
    let buffers = c_of(
        "np_buffers",
        "cimport numpy as cnp\ncnp.import_array()\n\
         def f(cnp.ndarray[cnp.float64_t, ndim=1] a, cnp.intp_t n):\n    return a.shape[0] + n\n",
    );
    assert!(!buffers.contains("numpy/arrayobject.h"));
    let capi = c_of(
        "np_capi",
        "cimport numpy as cnp\ncnp.import_array()\n\
         def f(cnp.ndarray a):\n    return a.ndim\n",
    );
    assert!(capi.contains("#include \"numpy/arrayobject.h\""));
}

#[test]
fn c_integer_indices_are_not_boxed() {
    let c = c_of(
        "c_indices",
        "def f(list xs, Py_ssize_t i, int j, unsigned long k):\n\
         \x20   xs[i] = xs[k]\n\
         \x20   return xs[i], xs[j], xs[k]\n",
    );
    let f = body_of(&c, "static PyObject *pyx_f", "_f(");
    let calls = |name: &str| f.iter().filter(|l| l.contains(name)).count();
    assert_eq!(calls("pyx_getitem_int("), 2, "{}", f.join("\n"));
    assert_eq!(calls("pyx_setitem_int("), 1, "{}", f.join("\n"));
    // An unsigned long may not fit a Py_ssize_t: boxed.
    assert_eq!(calls("pyx_getitem("), 2, "{}", f.join("\n"));
}
