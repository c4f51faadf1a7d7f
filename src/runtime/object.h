/* pyxc runtime: operations on objects of unknown type (untyped code), with fast paths for the
   exact built-in types (int, float, list, tuple, dict, bool). Every fast path computes what the
   generic C-API call would; any other type (a subclass included) takes that generic call. */

/* Whether `o` is an exact int of at most two digits (|value| < 2**60 with 30-bit digits); its
   value in *v. */
static inline int pyx_small_int(PyObject *o, long long *v) {
    if (!PyLong_CheckExact(o))
        return 0;
    const PyLongObject *l = (const PyLongObject *)o;
#if PY_VERSION_HEX >= 0x030C0000
    if (_PyLong_IsCompact(l)) {
        *v = (long long)_PyLong_CompactValue(l);
        return 1;
    }
    if ((l->long_value.lv_tag >> _PyLong_NON_SIZE_BITS) == 2) {
        long long x = (long long)l->long_value.ob_digit[0] |
                      ((long long)l->long_value.ob_digit[1] << PyLong_SHIFT);
        /* sign bits: 0 positive, 1 zero, 2 negative */
        *v = (l->long_value.lv_tag & 3) == 2 ? -x : x;
        return 1;
    }
    return 0;
#else
    Py_ssize_t size = Py_SIZE(o);
    /* -1, 0, 1: at most one digit (a zero may have none allocated) */
    if ((size_t)(size + 1) <= 2) {
        *v = size == 0 ? 0 : (long long)size * (long long)l->ob_digit[0];
        return 1;
    }
    if (size == 2 || size == -2) {
        long long x = (long long)l->ob_digit[0] | ((long long)l->ob_digit[1] << PyLong_SHIFT);
        *v = size < 0 ? -x : x;
        return 1;
    }
    return 0;
#endif
}

/* A new int from a C long long: PyLong_FromLong has the quicker path for one-digit values. */
#if LONG_MAX >= LLONG_MAX
#  define pyx__int_new(v) PyLong_FromLong((long)(v))
#else
#  define pyx__int_new(v) PyLong_FromLongLong(v)
#endif

/* Binary operators. Operands below 2**60 in magnitude: + and - cannot overflow long long.
   The larger helpers are plain `static`: the C compiler inlines them where it finds it worth
   it (measured: the same run time as `inline` everywhere, a fifth less compile time). */
#define PYX_INT_BINOP(name, generic, body)                                                       \
    static PYX_UNUSED PyObject *name(PyObject *a, PyObject *b) {                         \
        long long x, y;                                                                         \
        if (pyx_small_int(a, &x) && pyx_small_int(b, &y)) {                                     \
            body                                                                                \
        }                                                                                       \
        return generic(a, b);                                                                   \
    }
/* + - * also for two exact floats. */
#define PYX_NUM_BINOP(name, generic, op, mulcheck)                                               \
    static PYX_UNUSED PyObject *name(PyObject *a, PyObject *b) {                         \
        long long x, y;                                                                         \
        if (pyx_small_int(a, &x) && pyx_small_int(b, &y)) {                                     \
            long long r;                                                                        \
            if (mulcheck)                                                                       \
                return pyx__int_new(r);                                                  \
        } else if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {                            \
            return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a) op PyFloat_AS_DOUBLE(b));            \
        }                                                                                       \
        return generic(a, b);                                                                   \
    }
#if defined(__GNUC__) || defined(__clang__)
#  define PYX_MUL_OK(x, y, r) (!__builtin_mul_overflow((x), (y), (r)))
#else
#  define PYX_MUL_OK(x, y, r)                                                                    \
    ((x) > -2147483648LL && (x) < 2147483648LL && (y) > -2147483648LL && (y) < 2147483648LL &&    \
     ((*(r) = (x) * (y)), 1))
#endif
#define PYX_ADD_OK(x, y, r) ((*(r) = (x) + (y)), 1)
#define PYX_SUB_OK(x, y, r) ((*(r) = (x) - (y)), 1)
PYX_NUM_BINOP(pyx_add, PyNumber_Add, +, PYX_ADD_OK(x, y, &r))
PYX_NUM_BINOP(pyx_iadd, PyNumber_InPlaceAdd, +, PYX_ADD_OK(x, y, &r))
PYX_NUM_BINOP(pyx_sub, PyNumber_Subtract, -, PYX_SUB_OK(x, y, &r))
PYX_NUM_BINOP(pyx_isub, PyNumber_InPlaceSubtract, -, PYX_SUB_OK(x, y, &r))
PYX_NUM_BINOP(pyx_mul, PyNumber_Multiply, *, PYX_MUL_OK(x, y, &r))
PYX_NUM_BINOP(pyx_imul, PyNumber_InPlaceMultiply, *, PYX_MUL_OK(x, y, &r))

/* Floor division and modulo with Python's signs; a zero divisor takes the generic path (which
   raises). */
#define PYX_FLOORDIV_BODY                                                                        \
    if (y != 0) {                                                                               \
        long long q = x / y;                                                                    \
        if (x % y != 0 && ((x < 0) != (y < 0)))                                                 \
            q--;                                                                                \
        return pyx__int_new(q);                                                          \
    }
#define PYX_MOD_BODY                                                                             \
    if (y != 0) {                                                                               \
        long long m = x % y;                                                                    \
        if (m != 0 && ((m < 0) != (y < 0)))                                                     \
            m += y;                                                                             \
        return pyx__int_new(m);                                                          \
    }
PYX_INT_BINOP(pyx_floordiv, PyNumber_FloorDivide, PYX_FLOORDIV_BODY)
PYX_INT_BINOP(pyx_ifloordiv, PyNumber_InPlaceFloorDivide, PYX_FLOORDIV_BODY)
PYX_INT_BINOP(pyx_mod, PyNumber_Remainder, PYX_MOD_BODY)
PYX_INT_BINOP(pyx_imod, PyNumber_InPlaceRemainder, PYX_MOD_BODY)
/* >> rounds towards minus infinity (an arithmetic shift); a negative count raises (generic). */
#define PYX_RSHIFT_BODY                                                                          \
    if (y >= 0)                                                                                 \
        return pyx__int_new(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
/* << only while the result stays below 2**62 in magnitude. */
#define PYX_LSHIFT_BODY                                                                          \
    if (y >= 0 && y < 62 && x >= -(1LL << (62 - y)) && x < (1LL << (62 - y)))                  \
        return pyx__int_new(x * (1LL << y));
PYX_INT_BINOP(pyx_rshift, PyNumber_Rshift, PYX_RSHIFT_BODY)
PYX_INT_BINOP(pyx_irshift, PyNumber_InPlaceRshift, PYX_RSHIFT_BODY)
PYX_INT_BINOP(pyx_lshift, PyNumber_Lshift, PYX_LSHIFT_BODY)
PYX_INT_BINOP(pyx_ilshift, PyNumber_InPlaceLshift, PYX_LSHIFT_BODY)
PYX_INT_BINOP(pyx_and, PyNumber_And, return pyx__int_new(x & y);)
PYX_INT_BINOP(pyx_iand, PyNumber_InPlaceAnd, return pyx__int_new(x & y);)
PYX_INT_BINOP(pyx_or, PyNumber_Or, return pyx__int_new(x | y);)
PYX_INT_BINOP(pyx_ior, PyNumber_InPlaceOr, return pyx__int_new(x | y);)
PYX_INT_BINOP(pyx_xor, PyNumber_Xor, return pyx__int_new(x ^ y);)
PYX_INT_BINOP(pyx_ixor, PyNumber_InPlaceXor, return pyx__int_new(x ^ y);)

/* Comparison of two C numbers by a Py_LT..Py_GE code. */
#define PYX_CMP(x, y, op)                                                                        \
    ((op) == Py_LT ? (x) < (y) : (op) == Py_LE ? (x) <= (y) : (op) == Py_EQ ? (x) == (y)        \
     : (op) == Py_NE ? (x) != (y) : (op) == Py_GT ? (x) > (y) : (x) >= (y))

/* `a <op> b` as an object. */
static PYX_UNUSED PyObject *pyx_richcmp(PyObject *a, PyObject *b, int op) {
    long long x, y;
    if (pyx_small_int(a, &x) && pyx_small_int(b, &y))
        return pyx_bool(PYX_CMP(x, y, op));
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))
        return pyx_bool(PYX_CMP(PyFloat_AS_DOUBLE(a), PyFloat_AS_DOUBLE(b), op));
    return PyObject_RichCompare(a, b, op);
}

/* bool(o): 1, 0, or -1 with an exception set. */
static inline PYX_UNUSED int pyx_istrue(PyObject *o) {
    if (o == Py_True)
        return 1;
    if (o == Py_False || o == Py_None)
        return 0;
    return PyObject_IsTrue(o);
}

/* `bool(a <op> b)`: 1, 0, or -1 with an exception set. (Not PyObject_RichCompareBool, whose
   identity shortcut differs from `==` for objects unequal to themselves.) */
static PYX_UNUSED int pyx_richcmp_bool(PyObject *a, PyObject *b, int op) {
    long long x, y;
    if (pyx_small_int(a, &x) && pyx_small_int(b, &y))
        return PYX_CMP(x, y, op);
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))
        return PYX_CMP(PyFloat_AS_DOUBLE(a), PyFloat_AS_DOUBLE(b), op);
    PyObject *r = PyObject_RichCompare(a, b, op);
    if (!r)
        return -1;
    int t = pyx_istrue(r);
    Py_DECREF(r);
    return t;
}

/* `a <op> c` for an object a and a C integer c; with `swapped`, `c <op> a` (the boxed c then
   compared first, as Python would). */
static PYX_UNUSED PyObject *pyx__richcmp_ll_slow(PyObject *a, long long c, int op, int swapped) {
    PyObject *co = PyLong_FromLongLong(c);
    if (!co)
        return NULL;
    PyObject *r = swapped ? PyObject_RichCompare(co, a, op) : PyObject_RichCompare(a, co, op);
    Py_DECREF(co);
    return r;
}

static PYX_UNUSED PyObject *pyx_richcmp_ll(PyObject *a, long long c, int op, int swapped) {
    long long x;
    if (pyx_small_int(a, &x))
        return pyx_bool(swapped ? PYX_CMP(c, x, op) : PYX_CMP(x, c, op));
    return pyx__richcmp_ll_slow(a, c, op, swapped);
}

static PYX_UNUSED int pyx_richcmp_ll_bool(PyObject *a, long long c, int op, int swapped) {
    long long x;
    if (pyx_small_int(a, &x))
        return swapped ? PYX_CMP(c, x, op) : PYX_CMP(x, c, op);
    PyObject *r = pyx__richcmp_ll_slow(a, c, op, swapped);
    if (!r)
        return -1;
    int t = pyx_istrue(r);
    Py_DECREF(r);
    return t;
}

/* o.name, o.name = v: straight to the type's slot (names are interned exact str, which is all
   PyObject_GetAttr/SetAttr would check or prepare). */
static inline PYX_UNUSED PyObject *pyx_getattr(PyObject *o, PyObject *name) {
    getattrofunc f = Py_TYPE(o)->tp_getattro;
    return pyx_likely(f != NULL) ? f(o, name) : PyObject_GetAttr(o, name);
}

static inline PYX_UNUSED int pyx_setattr(PyObject *o, PyObject *name, PyObject *v) {
    setattrofunc f = Py_TYPE(o)->tp_setattro;
    return pyx_likely(f != NULL) ? f(o, name, v) : PyObject_SetAttr(o, name, v);
}

/* The index an exact list or tuple of size n would use for the int `k`, or -1 when `k` is not
   a small exact int or out of range (the generic path raises). */
static inline Py_ssize_t pyx__seq_index(PyObject *k, Py_ssize_t n) {
    long long i;
    if (!pyx_small_int(k, &i))
        return -1;
    if (i < 0)
        i += n;
    return (unsigned long long)i < (unsigned long long)n ? (Py_ssize_t)i : -1;
}

/* o[k] */
static PYX_UNUSED PyObject *pyx_getitem(PyObject *o, PyObject *k) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t i = pyx__seq_index(k, PyList_GET_SIZE(o));
        if (i >= 0) {
            PyObject *r = PyList_GET_ITEM(o, i);
            Py_INCREF(r);
            return r;
        }
    } else if (PyTuple_CheckExact(o)) {
        Py_ssize_t i = pyx__seq_index(k, PyTuple_GET_SIZE(o));
        if (i >= 0) {
            PyObject *r = PyTuple_GET_ITEM(o, i);
            Py_INCREF(r);
            return r;
        }
    } else if (PyDict_CheckExact(o)) {
        PyObject *r = PyDict_GetItemWithError(o, k);
        if (r) {
            Py_INCREF(r);
            return r;
        }
        if (!PyErr_Occurred()) {
            /* KeyError(k), the key wrapped in a tuple as dict does (a tuple key stays one
               argument). */
            PyObject *t = PyTuple_Pack(1, k);
            if (t) {
                PyErr_SetObject(PyExc_KeyError, t);
                Py_DECREF(t);
            }
        }
        return NULL;
    }
    return PyObject_GetItem(o, k);
}

/* o[i] for a C integer index, as Cython's __Pyx_GetItemInt: an exact list or tuple is read
   directly (a negative index counting from the end); anything else, or an index out of
   range (for the error), goes through the boxed index. */
static PYX_UNUSED PyObject *pyx_getitem_int(PyObject *o, Py_ssize_t i) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t j = pyx_wrap_index(i, PyList_GET_SIZE(o));
        if (j >= 0)
            return Py_NewRef(PyList_GET_ITEM(o, j));
    } else if (PyTuple_CheckExact(o)) {
        Py_ssize_t j = pyx_wrap_index(i, PyTuple_GET_SIZE(o));
        if (j >= 0)
            return Py_NewRef(PyTuple_GET_ITEM(o, j));
    }
    PyObject *k = PyLong_FromSsize_t(i);
    if (!k)
        return NULL;
    PyObject *r = pyx_getitem(o, k);
    Py_DECREF(k);
    return r;
}

/* o[k] = v */
static PYX_UNUSED int pyx_setitem(PyObject *o, PyObject *k, PyObject *v) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t i = pyx__seq_index(k, PyList_GET_SIZE(o));
        if (i >= 0) {
            PyObject *old = PyList_GET_ITEM(o, i);
            Py_INCREF(v);
            PyList_SET_ITEM(o, i, v);
            Py_DECREF(old);
            return 0;
        }
    } else if (PyDict_CheckExact(o)) {
        return PyDict_SetItem(o, k, v);
    }
    return PyObject_SetItem(o, k, v);
}

/* o[i] = v for a C integer index, as Cython's __Pyx_SetItemInt: an exact list is written
   directly (a negative index counting from the end); anything else, or an index out of range
   (for the error), goes through the boxed index. */
static PYX_UNUSED int pyx_setitem_int(PyObject *o, Py_ssize_t i, PyObject *v) {
    if (PyList_CheckExact(o)) {
        Py_ssize_t j = pyx_wrap_index(i, PyList_GET_SIZE(o));
        if (j >= 0) {
            PyObject *old = PyList_GET_ITEM(o, j);
            PyList_SET_ITEM(o, j, Py_NewRef(v));
            Py_DECREF(old);
            return 0;
        }
    }
    PyObject *k = PyLong_FromSsize_t(i);
    if (!k)
        return -1;
    int r = pyx_setitem(o, k, v);
    Py_DECREF(k);
    return r;
}

/* len(o) */
static inline PYX_UNUSED Py_ssize_t pyx_len(PyObject *o) {
    if (PyList_CheckExact(o))
        return PyList_GET_SIZE(o);
    if (PyTuple_CheckExact(o))
        return PyTuple_GET_SIZE(o);
    if (PyDict_CheckExact(o))
        return PyDict_GET_SIZE(o);
    return PyObject_Length(o);
}
