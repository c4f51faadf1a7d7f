/* Test module for the runtime helpers args.h and convert.h: each function exposes one helper
 * to Python; src/runtime/tests/check_runtime.py calls them and checks results, messages and
 * reference counts. Built by tests/runtime_helpers.rs with the driver. */

/* The helpers defined here (static) rather than taken from the runtime library. */
#define PYX_RT_SELF_CONTAINED
#include "../prelude.h"

#include "../args.h"
#include "../convert.h"

/* ---------- argument parsing ---------- */

/* The parsed call as a tuple: the values (Ellipsis where not given), then *args and **kwargs
   when the signature has them. */
static PyObject *parsed_result(PyObject **values, Py_ssize_t n, PyObject *varargs, PyObject *kwargs) {
    Py_ssize_t extra = (varargs != NULL) + (kwargs != NULL);
    PyObject *t = PyTuple_New(n + extra);
    Py_ssize_t i;
    if (!t) {
        Py_XDECREF(varargs);
        Py_XDECREF(kwargs);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyObject *v = values[i] ? values[i] : Py_Ellipsis;
        Py_INCREF(v);
        PyTuple_SET_ITEM(t, i, v);
    }
    /* the tuple steals the new references */
    if (varargs) PyTuple_SET_ITEM(t, i++, varargs);
    if (kwargs) PyTuple_SET_ITEM(t, i++, kwargs);
    return t;
}

#define ARGS_FUNC(NAME, NPOSONLY, NPOS, NKWONLY, NREQ, KWREQ, HAS_VARARGS, HAS_KWARGS, ...)             \
    static PyObject *NAME(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) { \
        static const char *const params[] = {__VA_ARGS__};                                         \
        PyObject *values[(NPOS) + (NKWONLY) + 1];                                                  \
        PyObject *varargs = NULL, *kwargs = NULL;                                                  \
        (void)self;                                                                                \
        if (pyx_parse_args(#NAME, args, nargs, kwnames, params, NPOSONLY, NPOS, NKWONLY, NREQ,     \
                           KWREQ, values, HAS_VARARGS ? &varargs : NULL,                           \
                           HAS_KWARGS ? &kwargs : NULL, 0) < 0) {                                  \
            if (varargs || kwargs) {                                                               \
                PyErr_SetString(PyExc_AssertionError, "outputs not cleared on error");            \
            }                                                                                      \
            return NULL;                                                                           \
        }                                                                                          \
        return parsed_result(values, (NPOS) + (NKWONLY), varargs, kwargs);                         \
    }

static const char req_k_m[] = {1, 0};
static const char req_both[] = {1, 1};
static const char req_one[] = {1};

/* def f3(a, b, c) */
ARGS_FUNC(f3, 0, 3, 0, 3, NULL, 0, 0, "a", "b", "c")
/* def fdef(a, b=1, c=2) */
ARGS_FUNC(fdef, 0, 3, 0, 1, NULL, 0, 0, "a", "b", "c")
/* def fkw(a, *, k, m=3) */
ARGS_FUNC(fkw, 0, 1, 2, 1, req_k_m, 0, 0, "a", "k", "m")
/* def fpo(a, b, /, c) */
ARGS_FUNC(fpo, 2, 3, 0, 3, NULL, 0, 0, "a", "b", "c")
/* def fva(a, *args) */
ARGS_FUNC(fva, 0, 1, 0, 1, NULL, 1, 0, "a")
/* def fkwa(a, **kw) */
ARGS_FUNC(fkwa, 0, 1, 0, 1, NULL, 0, 1, "a")
/* def fpokw(a, /, **kw) */
ARGS_FUNC(fpokw, 1, 1, 0, 1, NULL, 0, 1, "a")
/* def f0() */
ARGS_FUNC(f0, 0, 0, 0, 0, NULL, 0, 0, NULL)
/* def f1(a) */
ARGS_FUNC(f1, 0, 1, 0, 1, NULL, 0, 0, "a")
/* def fall(a, b=2, *args, k, **kw) */
ARGS_FUNC(fall, 0, 2, 1, 1, req_one, 1, 1, "a", "b", "k")
/* def fkwonly2(*, k1, k2) */
ARGS_FUNC(fkwonly2, 0, 0, 2, 0, req_both, 0, 0, "k1", "k2")
/* def fgr(größe) */
ARGS_FUNC(fgr, 0, 1, 0, 1, NULL, 0, 0, "gr\xc3\xb6\xc3\x9f" "e")
/* def fargs(*args, **kw) */
ARGS_FUNC(fargs, 0, 0, 0, 0, NULL, 1, 1, NULL)
/* def fopt(a=1, *, k=2) */
ARGS_FUNC(fopt, 0, 1, 1, 0, NULL, 0, 0, "a", "k")

/* ---------- conversions ---------- */

#define SIGNED_CONV(NAME, T, MIN, MAX, CTYPE)                          \
    static PyObject *NAME(PyObject *self, PyObject *o) {               \
        long long r = pyx_as_ll(o, MIN, MAX, CTYPE);                   \
        (void)self;                                                    \
        if (r == -1 && PyErr_Occurred()) return NULL;                  \
        if (PyErr_Occurred()) {                                        \
            PyErr_SetString(PyExc_AssertionError, "stray exception"); \
            return NULL;                                               \
        }                                                              \
        return PyLong_FromLongLong((T)r);                              \
    }

#define UNSIGNED_CONV(NAME, T, MAX, CTYPE)                             \
    static PyObject *NAME(PyObject *self, PyObject *o) {               \
        unsigned long long r = pyx_as_ull(o, MAX, CTYPE);              \
        (void)self;                                                    \
        if (r == (unsigned long long)-1 && PyErr_Occurred()) return NULL; \
        if (PyErr_Occurred()) {                                        \
            PyErr_SetString(PyExc_AssertionError, "stray exception"); \
            return NULL;                                               \
        }                                                              \
        return PyLong_FromUnsignedLongLong((T)r);                      \
    }

SIGNED_CONV(as_char, char, CHAR_MIN, CHAR_MAX, "char")
SIGNED_CONV(as_schar, signed char, SCHAR_MIN, SCHAR_MAX, "signed char")
SIGNED_CONV(as_short, short, SHRT_MIN, SHRT_MAX, "short")
SIGNED_CONV(as_int, int, INT_MIN, INT_MAX, "int")
SIGNED_CONV(as_long, long, LONG_MIN, LONG_MAX, "long")
SIGNED_CONV(as_ll, long long, LLONG_MIN, LLONG_MAX, "long long")
SIGNED_CONV(as_i8, int8_t, INT8_MIN, INT8_MAX, "int8_t")
SIGNED_CONV(as_i64, int64_t, INT64_MIN, INT64_MAX, "int64_t")
UNSIGNED_CONV(as_uchar, unsigned char, UCHAR_MAX, "unsigned char")
UNSIGNED_CONV(as_uint, unsigned int, UINT_MAX, "unsigned int")
UNSIGNED_CONV(as_ulong, unsigned long, ULONG_MAX, "unsigned long")
UNSIGNED_CONV(as_ull, unsigned long long, ULLONG_MAX, "unsigned long long")
UNSIGNED_CONV(as_u8, uint8_t, UINT8_MAX, "uint8_t")
UNSIGNED_CONV(as_u64, uint64_t, UINT64_MAX, "uint64_t")
UNSIGNED_CONV(as_size_t, size_t, SIZE_MAX, "size_t")

static PyObject *as_ssize(PyObject *self, PyObject *o) {
    Py_ssize_t r = pyx_as_ssize_t(o);
    (void)self;
    if (r == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromSsize_t(r);
}

static PyObject *as_double(PyObject *self, PyObject *o) {
    double r = pyx_as_double(o);
    (void)self;
    if (r == -1.0 && PyErr_Occurred()) return NULL;
    return PyFloat_FromDouble(r);
}

static PyObject *as_bint(PyObject *self, PyObject *o) {
    int r = pyx_as_bint(o);
    (void)self;
    if (r < 0) return NULL;
    return PyBool_FromLong(r);
}

/* arg_type_test(obj, type, none_allowed, argname, exact) -> True */
static PyObject *arg_type_test(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 5 || !PyType_Check(args[1]) || !PyUnicode_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "arg_type_test(obj, type, none_allowed, argname, exact)");
        return NULL;
    }
    if (pyx_arg_type_test(args[0], (PyTypeObject *)args[1], PyObject_IsTrue(args[2]),
                          PyUnicode_AsUTF8(args[3]), (int)PyLong_AsLong(args[4])) < 0)
        return NULL;
    Py_RETURN_TRUE;
}

/* type_test(obj, type, none_allowed, exact) -> True */
static PyObject *type_test(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 4 || !PyType_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "type_test(obj, type, none_allowed, exact)");
        return NULL;
    }
    if (pyx_type_test(args[0], (PyTypeObject *)args[1], PyObject_IsTrue(args[2]),
                      (int)PyLong_AsLong(args[3])) < 0)
        return NULL;
    Py_RETURN_TRUE;
}

/* cstr_roundtrip(obj) -> bytes(obj) through char* */
static PyObject *cstr_roundtrip(PyObject *self, PyObject *o) {
    char *s = pyx_as_cstr(o);
    (void)self;
    if (!s) return NULL;
    return pyx_bytes_from_cstr(s);
}

static PyObject *bytes_from_null(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return pyx_bytes_from_cstr(NULL);
}

#define FASTKW(name) {#name, (PyCFunction)(void (*)(void))name, METH_FASTCALL | METH_KEYWORDS, NULL}
#define ONE(name) {#name, (PyCFunction)name, METH_O, NULL}

static PyMethodDef methods[] = {
    FASTKW(f3), FASTKW(fdef), FASTKW(fkw), FASTKW(fpo), FASTKW(fva), FASTKW(fkwa), FASTKW(fpokw),
    FASTKW(f0), FASTKW(f1), FASTKW(fall), FASTKW(fkwonly2), FASTKW(fgr), FASTKW(fargs), FASTKW(fopt),
    ONE(as_char), ONE(as_schar), ONE(as_short), ONE(as_int), ONE(as_long), ONE(as_ll), ONE(as_i8),
    ONE(as_i64), ONE(as_uchar), ONE(as_uint), ONE(as_ulong), ONE(as_ull), ONE(as_u8), ONE(as_u64),
    ONE(as_size_t), ONE(as_ssize), ONE(as_double), ONE(as_bint), ONE(cstr_roundtrip),
    {"bytes_from_null", bytes_from_null, METH_NOARGS, NULL},
    {"arg_type_test", (PyCFunction)(void (*)(void))arg_type_test, METH_FASTCALL, NULL},
    {"type_test", (PyCFunction)(void (*)(void))type_test, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef moduledef = {PyModuleDef_HEAD_INIT, "rt_test", NULL, 0, methods,
                                       NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_rt_test(void) { return PyModuleDef_Init(&moduledef); }
