//! Semantic errors found by `pyxc check`: each snippet is written to a temporary directory and
//! checked by the built binary; every expected diagnostic must appear with its code at the right
//! `line:col`, the run must fail, and independent errors must all be reported together.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One reported diagnostic: code, message, line, column.
#[derive(Debug)]
struct Reported {
    code: String,
    message: String,
    line: usize,
    col: usize,
}

fn scratch_file(src: &str, extra: &[(&str, &str)]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pyxc_sema_errors_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, text) in extra {
        std::fs::write(dir.join(name), text).expect("write extra file");
    }
    let path = dir.join("snippet.pyx");
    std::fs::write(&path, src).expect("write snippet");
    path
}

/// Runs `pyxc check` on `src`; returns whether it succeeded and the diagnostics it printed.
fn check(src: &str) -> (bool, Vec<Reported>) {
    check_with(src, &[])
}

/// `check` with other files (`.pxd`s it cimports) beside the snippet.
fn check_with(src: &str, extra: &[(&str, &str)]) -> (bool, Vec<Reported>) {
    let path = scratch_file(src, extra);
    let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("run pyxc");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
    (out.status.success(), parse_diagnostics(&text))
}

/// Reads `error[CODE]: message` headers and the `--> file:line:col` lines after them.
fn parse_diagnostics(text: &str) -> Vec<Reported> {
    let mut out = Vec::new();
    let mut pending: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("error[") {
            if let Some((code, msg)) = rest.split_once("]: ") {
                pending = Some((code.to_string(), msg.to_string()));
            }
        } else if let Some(loc) = line.trim_start().strip_prefix("--> ") {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some((code, message)), Some(line), Some(col)) = (pending.take(), line_no, col) {
                out.push(Reported {
                    code,
                    message,
                    line,
                    col,
                });
            }
        }
    }
    out
}

/// Asserts that checking `src` fails with exactly the expected `(line, col, code, fragment)`
/// diagnostics, in order.
fn expect(src: &str, expected: &[(usize, usize, &str, &str)]) {
    expect_with(src, &[], expected);
}

fn expect_with(src: &str, extra: &[(&str, &str)], expected: &[(usize, usize, &str, &str)]) {
    let (ok, got) = check_with(src, extra);
    assert!(!ok, "expected a failure for:\n{src}");
    assert_eq!(
        got.len(),
        expected.len(),
        "diagnostics for:\n{src}\ngot: {got:#?}"
    );
    for (g, (line, col, code, fragment)) in got.iter().zip(expected) {
        assert_eq!(
            (g.line, g.col, g.code.as_str()),
            (*line, *col, *code),
            "{g:?}"
        );
        assert!(
            g.message.to_lowercase().contains(&fragment.to_lowercase()),
            "message {:?} lacks {fragment:?}",
            g.message
        );
    }
}

fn expect_ok(src: &str) {
    let (ok, got) = check(src);
    assert!(ok, "expected no errors for:\n{src}\ngot: {got:#?}");
}

#[test]
fn literals_that_are_not_c_numbers() {
    expect(
        "def f():\n    cdef long n = 'xyz'\n    cdef float g = 'q'\n    cdef short s = None\n    \
         cdef unsigned char b = b'no'\n    cdef float v = [2.5]\n    return n\n",
        &[
            (2, 19, "E0102", "single-character"),
            (3, 20, "E0102", "cannot be coerced to 'float'"),
            (4, 20, "E0102", "None to short"),
            (5, 28, "E0102", "single-character"),
            (6, 20, "E0102", "coerce list to type 'float'"),
        ],
    );
}

#[test]
fn one_character_literals_and_truth_tests_stay_valid() {
    expect_ok(
        "def f():\n    cdef char c = b'z'\n    cdef Py_UCS4 u = 'z'\n    if None or not 'ab':\n        \
         return 1\n    while []:\n        pass\n    return c + u\n",
    );
}

#[test]
fn pointers_from_ints_and_void_pointers() {
    expect(
        "from libc.stdlib cimport malloc\nfrom libc.string cimport strlen\n\ndef f():\n    \
         cdef double* q = malloc(8)\n    cdef void* keep = q\n    cdef double* ok = <double*>keep\n    \
         return strlen(7)\n",
        &[
            (5, 22, "E0102", "'void *' to 'double *'"),
            (8, 19, "E0102", "int literal to 'char *'"),
        ],
    );
}

#[test]
fn raising_functions_where_nothing_checks_for_exceptions() {
    // A function pointer type declared in an extern block is `noexcept`, as Cython has it:
    // a function that can raise cannot go there (its exception would be lost), one that
    // cannot raise can go anywhere.
    expect(
        "cdef extern from *:\n    ctypedef int (*binop)(int, int)\n    int apply(binop f) nogil\n\n\
         cdef int may_raise(int a, int b) except? -1:\n    return a\n\
         cdef int quiet(int a, int b) noexcept:\n    return b\n\n\
         def f():\n    cdef int (*g)(int, int) except? -1 = quiet\n    apply(quiet)\n    \
         return apply(may_raise)\n",
        &[(
            13,
            18,
            "E0102",
            "'int (int, int) except? -1' to 'int (*)(int, int)'. Exception values are incompatible",
        )],
    );
}

#[test]
fn functions_needing_the_gil_where_it_is_not_held() {
    // qsort is declared in a `nogil` extern block, so its comparator type is nogil.
    expect(
        "from libc.stdlib cimport qsort\n\ncdef int cmp(const void* a, const void* b) noexcept:\n    \
         return 0\ncdef int cmp_nogil(const void* a, const void* b) noexcept nogil:\n    return 0\n\n\
         def f():\n    cdef int a[2]\n    qsort(a, 2, sizeof(int), cmp_nogil)\n    \
         qsort(a, 2, sizeof(int), cmp)\n",
        &[(11, 30, "E0102", "nogil'")],
    );
}

#[test]
fn fields_of_const_structs() {
    // Written through a pointer the struct is not the const local itself.
    expect(
        "cdef struct In:\n    int v[2]\ncdef struct P:\n    int x\n    In inner\n\n\
         def f():\n    cdef const P cp = P(1, In([2, 3]))\n    cdef P other = cp\n    \
         cdef P* q = &other\n    q.x = 4\n    other.x = 5\n    cp.x = 2\n    cp.inner.v[0] = 1\n    \
         return cp.x\n",
        &[
            (13, 5, "E0112", "const attribute 'x'"),
            (14, 5, "E0112", "Assignment to const dereference"),
        ],
    );
}

#[test]
fn writes_through_pointers_to_const() {
    // Parameters, locals, module variables, struct fields and `const` arrays; the pointer
    // itself may be reassigned and a plain pointer written through.
    expect(
        "cdef struct In:\n    int x\ncdef struct S:\n    In inner\n    const int *cp\n\n\
         cdef const int *gp\n\n\
         cdef void g(const int *a, const S *s, int *ok):\n    a[0] = 1\n    s.inner.x = 2\n    \
         s.cp[0] = 4\n    ok[0] = 5\n\n\
         def f():\n    cdef int v = 0\n    gp[0] = 1\n    cdef S st\n    st.cp[1] = 6\n    \
         cdef const int *p = &v\n    p = &v\n    p += 1\n    p[0] += 1\n    \
         cdef const int arr[2]\n    arr[0] = 1\n    cdef int * const q = &v\n    q[0] = 2\n    \
         st.cp = p\n    first()[0] = 1\n    return v\n\n\
         cdef const int *first():\n    return gp\n",
        &[
            (10, 5, "E0112", "Assignment to const dereference"),
            (11, 5, "E0112", "Assignment to const attribute 'x'"),
            (12, 5, "E0112", "Assignment to const dereference"),
            (17, 5, "E0112", "Assignment to const dereference"),
            (19, 5, "E0112", "Assignment to const dereference"),
            (23, 5, "E0112", "Assignment to const dereference"),
            (25, 5, "E0112", "Assignment to const dereference"),
            (29, 5, "E0112", "Assignment to const dereference"),
        ],
    );
}

#[test]
fn struct_from_a_dict_display_with_an_unknown_field() {
    expect(
        "cdef struct P:\n    int x\n\ndef f():\n    cdef P p = {'x': 1, 'z': 2}\n    return p\n",
        &[(5, 25, "E0102", "struct 'P' has no field 'z'")],
    );
}

#[test]
fn str_objects_are_not_c_strings() {
    // Only a literal is (its UTF-8 bytes); a str object needs `c_string_encoding`.
    expect(
        "def f():\n    s = 'abc'\n    cdef const char* lit = 'abc'\n    cdef char* p = s\n    return p\n",
        &[(4, 20, "E0102", "Unicode objects only support coercion to Py_UNICODE*")],
    );
    expect_ok(
        "# cython: c_string_encoding=ascii\ndef f():\n    s = 'abc'\n    cdef char* p = s\n    return p\n",
    );
}

#[test]
fn ctuple_from_a_tuple_of_another_length() {
    expect(
        "def f():\n    cdef (double, int, int) t = (1.0, 2)\n    t = (1.0, 2, 3)\n    return t\n",
        &[(2, 33, "E0102", "wrong length, expected 3")],
    );
}

#[test]
fn optional_c_arguments_cannot_be_skipped() {
    expect(
        "cdef int k(int a, int b=1, int c=2, int d=3):\n    return a\n\ndef f():\n    \
         k(0, b=1, d=2)\n    return k(0, 1, c=5)\n",
        &[(5, 5, "E0103", "missing argument 'c'")],
    );
}

#[test]
fn misused_local_declarations() {
    expect(
        "def f(double w not None):\n    cdef const double lim = 2.0\n    lim *= 2\n    \
         cdef readonly int r = 0\n    cdef void nothing\n    return lim\n",
        &[
            (1, 7, "E0112", "not None"),
            (3, 5, "E0112", "Assignment to const 'lim'"),
            (4, 23, "E0112", "cannot be declared public"),
            (5, 15, "E0112", "'void' is incomplete"),
        ],
    );
}

#[test]
fn module_level_void_variable() {
    expect(
        "cdef void nowhere\n",
        &[(1, 11, "E0112", "'void' is incomplete")],
    );
}

#[test]
fn cdef_after_first_use() {
    expect(
        "def f(xs):\n    for k in xs:\n        pass\n    cdef long k\n    return 0\n",
        &[(4, 15, "E0105", "declared after it is used (line 2)")],
    );
}

#[test]
fn reads_before_any_assignment() {
    expect(
        "def f(n):\n    print(later)\n    later = n\n    count -= 1\n    count = 0\n    \
         print(later)\n    return count\n",
        &[
            (2, 11, "E0111", "'later' referenced before assignment"),
            (4, 5, "E0111", "'count' referenced before assignment"),
        ],
    );
}

#[test]
fn reads_some_path_may_have_assigned_are_fine() {
    expect_ok(
        "def f(items, flag):\n    if flag:\n        v = 1\n    print(v)\n    for i in items:\n        \
         if i:\n            print(prev)\n        prev = i\n    try:\n        r = 1\n    except \
         ValueError as e:\n        print(e)\n    finally:\n        print(r)\n    def g():\n        \
         return late\n    late = 2\n    return [x for x in items], g\n",
    );
}

#[test]
fn resumable_function_misuse() {
    expect(
        "def f():\n    try:\n        pass\n    except* ValueError:\n        for i in f():\n            \
         break\n        return 1\n\
         cdef int k():\n    yield 1\n",
        &[
            (7, 9, "E0108", "cannot appear in an except* block"),
            (9, 5, "E0110", "cdef function cannot be a generator"),
        ],
    );
}

#[test]
fn pure_mode_cfuncs_are_checked_as_c_functions() {
    expect(
        "import cython\n\n@cython.cfunc\ndef collect(*args, **kw) -> cython.int:\n    return 0\n\n\
         @cython.cfunc\n@cython.exceptval(-1, check=1)\ndef g(a: cython.int) -> cython.int:\n    \
         return a\n\ndef use():\n    p: cython.p_int = cython.NULL\n    g(1, 2)\n    return p\n",
        &[
            (4, 13, "E0112", "cdef function cannot have star argument"),
            (4, 20, "E0112", "cdef function cannot have star argument"),
            (8, 2, "E0112", "'check' must be True or False"),
            (14, 5, "E0103", "wrong number of arguments"),
            (15, 12, "E0102", "Cannot convert 'int *' to Python object"),
        ],
    );
}

#[test]
fn c_pointers_into_temporary_objects() {
    expect(
        "cdef void use(void *p):\n    pass\n\ndef f(bytes a, bytes b):\n    cdef const char *p\n    \
         p = a + b\n    use(<void *>[1, 2])\n    cdef const char *q = u\"caf\\u00e9\"\n    return p, q\n",
        &[
            (6, 9, "E0102", "from temporary Python value"),
            (7, 9, "E0102", "Casting temporary Python object to non-numeric non-Python type"),
            (8, 26, "E0102", "Unicode literals do not support coercion"),
        ],
    );
}

#[test]
fn extension_type_declaration_errors() {
    expect(
        "cdef class A:\n    cdef int count = 5\n    cdef int x\n    cdef double x\n\n\
         cdef class B(A, object):\n    cdef int m(self, int a):\n        return a\n\n\
         cdef class C(B):\n    cdef int m(self, double a):\n        return 1\n\n\
         class Plain:\n    cdef int y\n",
        &[
            (2, 10, "E0112", "Cannot assign default value to fields"),
            (4, 17, "E0105", "'x' redeclared"),
            (6, 12, "E0112", "Only one extension type base class allowed"),
            (11, 14, "E0112", "Signature not compatible"),
            (15, 5, "E0112", "cdef statement not allowed here"),
        ],
    );
}

#[test]
fn c_method_calls_are_checked() {
    expect(
        "cdef class Calc:\n    cdef int add(self, int a):\n        return a\n\n\
         def use():\n    cdef Calc c = Calc()\n    x = c.add\n    return c.add(1, 2)\n",
        &[
            (7, 9, "E0102", "can only be called"),
            (8, 12, "E0103", "wrong number of arguments"),
        ],
    );
}

#[test]
fn memoryview_type_errors() {
    expect(
        "def f(int[:] a, double[:, :] m, double[:] v):\n    cdef double[:] b = a\n    \
         cdef double[:, ::1] c = m\n    x = v[0, 0]\n    cdef double[:, ::1, :] bad\n    \
         with nogil:\n        b = v.copy()\n    return b\n",
        &[
            (2, 24, "E0102", "different base types for memoryviews"),
            (3, 29, "E0102", "not conformable to memoryview"),
            (
                4,
                9,
                "E0108",
                "too many indices specified for type double[:]",
            ),
            (5, 10, "E0112", "first or the last axis"),
            (7, 13, "E0109", "requires the gil"),
        ],
    );
}

#[test]
fn memoryview_misuses() {
    expect(
        "def f(double[:] a):\n    cdef int[:] b = 5\n    a.shape = 3\n    del a[0]\n    \
         x = a['x']\n    return b\n",
        &[
            (2, 21, "E0102", "to memoryviewslice"),
            (3, 5, "E0108", "attribute of a memoryview"),
            (4, 9, "E0108", "Deletion of non-Python"),
            (5, 11, "E0108", "Invalid index for memoryview"),
        ],
    );
}

#[test]
fn extension_type_base_must_be_defined_first() {
    expect(
        "cdef class A\n\ncdef class B(A):\n    cdef int x\n",
        &[(3, 12, "E0112", "Base class 'A' of type 'B' is incomplete")],
    );
}

#[test]
fn arrays_sized_by_c_constants() {
    expect(
        "cdef extern from \"h.h\":\n    enum:\n        N\n    int not_const\n\n\
         def f():\n    cdef int a[N + 1]\n    cdef int b[not_const]\n    a = [1, 2]\n    \
         cdef int *p = a[1:]\n",
        &[
            (8, 16, "E0112", "array size must be a constant"),
            (9, 9, "E0110", "only known to the C compiler"),
            (10, 19, "E0110", "only known to the C compiler"),
        ],
    );
}

#[test]
fn operations_complex_numbers_lack() {
    expect(
        "cdef int complex bad\n\ndef f(double complex a, double complex b):\n    if a < b:\n        \
         pass\n    cdef double d = a\n    c = a // 2\n    e = a % b\n    g = ~a\n    while a:\n        \
         pass\n    (a * b).imag = 0\n    return a.conjugate(1)\n",
        &[
            (1, 6, "E0104", "complex of 'int'"),
            (4, 8, "E0108", "complex types are unordered"),
            (6, 21, "E0102", "'double complex' to 'double'"),
            (7, 9, "E0108", "binary operator // not supported for double complex"),
            (8, 9, "E0108", "mod operator not supported for type 'double complex'"),
            (9, 9, "E0108", "Invalid operand type for '~' (double complex)"),
            (10, 11, "E0102", "not acceptable as a boolean"),
            (12, 5, "E0108", "not a variable"),
            (13, 12, "E0103", "wrong number of arguments"),
        ],
    );
}

#[test]
fn complex_equality_parts_and_literals_are_valid() {
    expect_ok(
        "def f(double complex a, float complex b):\n    cdef double complex c = 2 + 3j\n    \
         a.real = b.imag\n    return a == b, a != 1j, abs(c), a.conjugate(), a / 2\n",
    );
}

#[test]
fn complex_parts_that_cannot_be_written() {
    expect(
        "def f(const double complex[:] v, double complex z):\n    cdef const double complex c = 1j\n    \
         c.real = 2\n    v[0].imag = 1\n    del z.real\n    return c\n",
        &[
            (3, 5, "E0112", "Assignment to const 'c'"),
            (4, 5, "E0112", "const dereference"),
            (5, 9, "E0108", "Deletion of non-Python"),
        ],
    );
}

#[test]
fn fused_types_outside_specialised_functions() {
    expect(
        "ctypedef fused number:\n    int\n    double\n\ncdef number g\n\n\
         cdef struct S:\n    number x\n\ndef f(int x):\n    cdef number y = 1\n    return y\n\n\
         cdef number r(int x):\n    return x\n\nctypedef fused dup:\n    int\n    int\n",
        &[
            (5, 6, "E0112", "Fused types not allowed here"),
            (8, 5, "E0112", "Fused types not allowed here"),
            (11, 10, "E0112", "Invalid use of fused types"),
            (
                14,
                6,
                "E0112",
                "Return type is not specified as argument type",
            ),
            (19, 5, "E0112", "Type specified multiple times"),
        ],
    );
}

#[test]
fn fused_function_calls_and_values() {
    expect(
        "ctypedef fused number:\n    int\n    double\n\n\
         cdef number cm(number a, number b):\n    return a\n\n\
         def calls():\n    cdef char *p = NULL\n    cm(p, p)\n    q = cm\n    return number\n\n\
         def outer():\n    def inner(number x):\n        return x\n    return inner\n",
        &[
            (
                10,
                5,
                "E0103",
                "no suitable method found for fused function 'cm' (candidates: 2)",
            ),
            (11, 9, "E0110", "fused function 'cm'"),
            (12, 12, "E0108", "'number' is a fused type, not a value"),
            (15, 9, "E0110", "only supported at module and class level"),
        ],
    );
    expect_ok(
        "cimport cython\nctypedef fused number:\n    int\n    double\n\n\
         cdef number cm(number a, number b):\n    return a if a > b else b\n\n\
         def calls(number x, cython.floating y):\n    cdef long l = 3\n    \
         if number is int:\n        return cm(x, 2) << 1\n    return cm(l, 4), cm(x, x), y\n",
    );
}

#[test]
fn fused_cpdef_methods_are_refused() {
    expect(
        "ctypedef fused number:\n    int\n    double\n\n\
         cdef class F:\n    cpdef number m(self, number x):\n        return x\n\n\
         def use(F f, o):\n        return f.m(o)\n\n\
         cdef class G:\n    cdef number m(self, number x):\n        return x\n\n\
         def call(G g):\n    cdef char *p = NULL\n    return g.m(p)\n",
        &[
            (6, 18, "E0110", "cpdef methods over fused types"),
            (
                18,
                12,
                "E0103",
                "no suitable method found for fused function 'm'",
            ),
        ],
    );
}

#[test]
fn freelists_belong_to_base_classes() {
    expect(
        "cimport cython\n\ncdef class A:\n    pass\n\n@cython.freelist(8)\ncdef class B(A):\n    pass\n\n\
         @cython.freelist(0)\ncdef class C:\n    pass\n",
        &[
            (6, 2, "E0112", "freelists cannot be used on subtypes"),
            (10, 2, "E0112", "freelist size must be a positive integer"),
        ],
    );
}

#[test]
fn cimported_pxd_problems_are_reported_at_the_cimport() {
    expect_with(
        "from a cimport A\ncimport c\n",
        &[
            ("a.pxd", "from b cimport B\ncdef struct A:\n    int x\n"),
            ("b.pxd", "from a cimport A\ncdef struct B:\n    int y\n"),
            (
                "c.pxd",
                "cdef extern from \"c.h\":\n    int f(undefined_t x)\n",
            ),
        ],
        &[
            (1, 6, "E0110", "circular cimport: a -> b -> a"),
            (
                2,
                9,
                "E0107",
                "line 2: 'undefined_t' is not a type identifier",
            ),
        ],
    );
}

#[test]
fn prange_reductions_follow_cythons_rules() {
    expect(
        "from cython.parallel import prange\n\ndef f(int n):\n    cdef int i\n    \
         cdef double s = 0, t\n    for i in prange(n, nogil=True):\n        s += i\n        \
         t = s\n        s *= 2\n    for i in prange(n, schedule='sometimes'):\n        pass\n",
        &[
            (8, 13, "E0108", "Cannot read reduction variable"),
            (
                9,
                9,
                "E0108",
                "inconsistent with previous reduction operator '+'",
            ),
            (10, 33, "E0103", "Invalid schedule argument"),
        ],
    );
}

#[test]
fn missing_include_file_is_reported_at_the_include() {
    let (ok, got) = check("include \"no_such_file.pxi\"\n\ndef f():\n    return 1\n");
    assert!(!ok);
    assert_eq!(
        (got[0].line, got[0].col, got[0].code.as_str()),
        (1, 1, "E0002"),
        "{got:?}"
    );
    assert!(got[0]
        .message
        .contains("cannot find the included file 'no_such_file.pxi'"));
}

#[test]
fn buffer_syntax_errors() {
    expect(
        "cimport numpy as cnp\n\
         cdef cnp.ndarray[double] g\n\
         cdef double f(cnp.ndarray[double] a) nogil:\n    return 0\n\
         def h(xs):\n    cdef cnp.ndarray[double, ndim=9, mode=\"x\", foo=1] a\n    \
         cdef cnp.ndarray[double] b\n    for b in xs:\n        pass\n    return a\n",
        &[
            (
                2,
                6,
                "E0112",
                "Buffer types only allowed as function local variables",
            ),
            (3, 15, "E0108", "Buffer may not be acquired without the GIL"),
            (6, 35, "E0112", "ndim must be an integer from 1 to 8"),
            (6, 43, "E0112", "mode must be"),
            (6, 48, "E0112", "unknown buffer option 'foo'"),
            (8, 9, "E0110", "can only be assigned with '='"),
        ],
    );
}

#[test]
fn init_subclass_in_a_cdef_class_is_refused_as_cython_does() {
    expect(
        "cdef class A:\n    def __init_subclass__(cls):\n        pass\n",
        &[(
            2,
            9,
            "E0110",
            "'__init_subclass__' is not supported by extension class",
        )],
    );
}

#[test]
fn final_cpdef_method_needs_a_final_class() {
    expect(
        "cimport cython\n\ncdef class A:\n    @cython.final\n    cpdef int f(self):\n        return 1\n\n    @cython.final\n    cdef int g(self):\n        return 2\n",
        &[(
            4,
            6,
            "E0112",
            "Only final types can have final Python (def/cpdef) methods",
        )],
    );
}

#[test]
fn values_that_are_not_of_the_enum() {
    // C numbers (literals too) and other enums' values need a cast; range loops may count in
    // an enum variable, and Python objects convert at run time.
    expect(
        "cdef enum Color:\n    RED = 1\ncpdef enum Level:\n    LOW = 1\nctypedef enum Mode:\n    M_A = 0\n\n\
         cdef Color ret():\n    return 1\n\n\
         def f(x, int i):\n    cdef Color c = RED\n    cdef Level l = x\n    cdef Mode m = M_A\n    \
         c += 1\n    c = i\n    l = RED\n    c = <Color>i\n    for c in range(3):\n        pass\n    \
         b1 = c == l\n    b2 = c < m\n    b3 = c == 1\n    c = RED | RED\n    return m\n",
        &[
            (9, 12, "E0102", "Cannot assign type 'long' to 'Color'"),
            (15, 5, "E0102", "Cannot assign type 'long' to 'Color'"),
            (16, 9, "E0102", "Cannot assign type 'int' to 'Color'"),
            (17, 9, "E0102", "Cannot assign type 'Color' to 'Level'"),
            (21, 10, "E0108", "Invalid types for '==' (Color, Level)"),
            (22, 10, "E0108", "Invalid types for '<' (Color, Mode)"),
            (24, 9, "E0102", "Cannot assign type 'int' to 'Color'"),
        ],
    );
}

/// numpy's C-level `ndarray` properties are C values (as in Cython 3), read-only; pyxc
/// accepts `@property` on a C method only in a `.pxd`.
#[test]
fn c_level_property_errors() {
    expect(
        "cimport numpy as cnp\n\
         cdef class K:\n    @property\n    cdef inline int n(self):\n        return 1\n\
         def f(cnp.ndarray a):\n    a.shape = None\n\
         def g(cnp.ndarray a):\n    return a.shape\n",
        &[
            (4, 21, "E0112", "property of a C class only in a .pxd"),
            (7, 5, "E0108", "Cannot assign to property 'shape'"),
            (
                9,
                12,
                "E0102",
                "Cannot convert 'Py_ssize_t *' to Python object",
            ),
        ],
    );
}

/// Without the GIL, a C function takes an object variable of its parameter's type as is; any
/// other object needs a type test (Cython: "Python type test not allowed without gil").
#[test]
fn objects_passed_without_the_gil() {
    expect(
        "cimport numpy as cnp\n\
         def f(cnp.ndarray a, o):\n    cdef cnp.npy_intp n\n    with nogil:\n        \
         n = cnp.PyArray_SIZE(a)\n        n = cnp.PyArray_SIZE(o)\n    return n\n",
        &[(6, 30, "E0109", "requires the gil")],
    );
}
