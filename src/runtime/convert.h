/* pyxc runtime: conversions between Python objects and C values at typed boundaries.
 *
 * Assumes core.h (Python.h, <limits.h>, pyx_likely/pyx_unlikely). Semantics and messages follow
 * Cython 3:
 *   - An int (or int subclass, bool included) converts by value. Another object converts through
 *     its type's nb_int slot (__int__: a float truncates, 3.9 -> 3) when it has one; else
 *     TypeError "an integer is required" (str, bytes, None, list, objects with only __index__).
 *   - Out of range: OverflowError "value too large to convert to <ctype>" (either side, signed
 *     types), "can't convert negative value to <ctype>" (unsigned types); a value that does not
 *     fit in C long long (unsigned long long) at all gets CPython's "Python int too large to
 *     convert to C long" ("... C unsigned long").
 * Integer functions return (T)-1 with an exception set on error; callers test
 * `r == (T)-1 && PyErr_Occurred()`.
 */

#ifndef PYX_UNUSED
#  if defined(__GNUC__) || defined(__clang__)
#    define PYX_UNUSED __attribute__((unused))
#  else
#    define PYX_UNUSED
#  endif
#endif
#ifndef PYX_COLD
#  if defined(__GNUC__) || defined(__clang__)
#    define PYX_COLD __attribute__((cold, noinline))
#  else
#    define PYX_COLD
#  endif
#endif

/* Compact ints (one digit) can be read without a call from 3.12 on. */
#if PY_VERSION_HEX >= 0x030C0000 && !defined(Py_LIMITED_API)
#  define PYX_HAVE_COMPACT_LONG 1
#  define pyx__long_is_compact(o) PyUnstable_Long_IsCompact((PyLongObject *)(o))
#  define pyx__long_compact_value(o) ((long long)PyUnstable_Long_CompactValue((PyLongObject *)(o)))
#else
#  define PYX_HAVE_COMPACT_LONG 0
#endif

/* The cold paths, in the runtime library (defined at the end under PYX_RT_IMPLEMENTATION). */
PYX_RT PYX_COLD void pyx__raise_too_large(const char *ctype);
PYX_RT PYX_COLD void pyx__raise_negative(const char *ctype);
PYX_RT PYX_COLD PyObject *pyx__int_via_nb_int(PyObject *o);
PYX_RT PYX_COLD long long pyx__as_ll_slow(PyObject *o, long long min, long long max, const char *ctype);
PYX_RT PYX_COLD unsigned long long pyx__as_ull_slow(PyObject *o, unsigned long long max, const char *ctype);
PYX_RT PYX_COLD int pyx__arg_type_error(PyObject *o, PyTypeObject *type, const char *argname, int exact);
PYX_RT PYX_COLD int pyx__type_error(PyObject *o, PyTypeObject *type, int exact);

/* The range check and errors of pyx_as_ll for an int object `o`. */
static inline PYX_UNUSED long long pyx__int_as_ll(PyObject *o, long long min, long long max, const char *ctype) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (pyx_unlikely(overflow != 0)) {
        PyErr_SetString(PyExc_OverflowError, sizeof(long) == sizeof(long long)
                                                 ? "Python int too large to convert to C long"
                                                 : "Python int too large to convert to C long long");
        return -1;
    }
    if (pyx_unlikely(v == -1 && PyErr_Occurred()))
        return -1;
    if (pyx_unlikely(v < min || v > max)) {
        pyx__raise_too_large(ctype);
        return -1;
    }
    return v;
}

/* Converts `o` to a signed C integer type whose range is [min, max] and whose C name (for
   messages) is `ctype`, e.g. pyx_as_ll(o, INT_MIN, INT_MAX, "int"). The caller casts the
   result to the type. Returns -1 with an exception set on error. */
static inline PYX_UNUSED long long pyx_as_ll(PyObject *o, long long min, long long max,
                                             const char *ctype) {
    if (pyx_likely(PyLong_CheckExact(o))) {
#if PYX_HAVE_COMPACT_LONG
        if (pyx_likely(pyx__long_is_compact(o))) {
            long long v = pyx__long_compact_value(o);
            if (pyx_likely(v >= min && v <= max))
                return v;
            pyx__raise_too_large(ctype);
            return -1;
        }
#endif
        return pyx__int_as_ll(o, min, max, ctype);
    }
    return pyx__as_ll_slow(o, min, max, ctype);
}

/* The range check and errors of pyx_as_ull for an int object `o`. */
static inline PYX_UNUSED unsigned long long pyx__int_as_ull(PyObject *o, unsigned long long max, const char *ctype) {
    int overflow = 0;
    unsigned long long u;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow == 0) {
        if (pyx_unlikely(v == -1 && PyErr_Occurred()))
            return (unsigned long long)-1;
        if (pyx_unlikely(v < 0)) {
            pyx__raise_negative(ctype);
            return (unsigned long long)-1;
        }
        u = (unsigned long long)v;
    } else if (overflow < 0) {
        pyx__raise_negative(ctype);
        return (unsigned long long)-1;
    } else {
        /* above LLONG_MAX: CPython's own conversion and overflow message */
        if (sizeof(unsigned long) == sizeof(unsigned long long))
            u = (unsigned long long)PyLong_AsUnsignedLong(o);
        else
            u = PyLong_AsUnsignedLongLong(o);
        if (u == (unsigned long long)-1 && PyErr_Occurred())
            return (unsigned long long)-1;
    }
    if (pyx_unlikely(u > max)) {
        pyx__raise_too_large(ctype);
        return (unsigned long long)-1;
    }
    return u;
}

/* Converts `o` to an unsigned C integer type whose maximum is `max` and whose C name (for
   messages) is `ctype`, e.g. pyx_as_ull(o, UINT_MAX, "unsigned int"). Returns (unsigned long
   long)-1 with an exception set on error. */
static inline PYX_UNUSED unsigned long long pyx_as_ull(PyObject *o, unsigned long long max,
                                                       const char *ctype) {
    if (pyx_likely(PyLong_CheckExact(o))) {
#if PYX_HAVE_COMPACT_LONG
        if (pyx_likely(pyx__long_is_compact(o))) {
            long long v = pyx__long_compact_value(o);
            if (pyx_likely(v >= 0 && (unsigned long long)v <= max))
                return (unsigned long long)v;
            if (v < 0)
                pyx__raise_negative(ctype);
            else
                pyx__raise_too_large(ctype);
            return (unsigned long long)-1;
        }
#endif
        return pyx__int_as_ull(o, max, ctype);
    }
    return pyx__as_ull_slow(o, max, ctype);
}

/* Converts `o` to Py_ssize_t the way Cython does (through __index__: a float is a TypeError;
   CPython's messages). Returns -1 with an exception set on error. */
static inline PYX_UNUSED Py_ssize_t pyx_as_ssize_t(PyObject *o) {
    PyObject *i;
    Py_ssize_t v;
    if (pyx_likely(PyLong_CheckExact(o))) {
#if PYX_HAVE_COMPACT_LONG
        if (pyx_likely(pyx__long_is_compact(o)))
            return (Py_ssize_t)pyx__long_compact_value(o);
#endif
        return PyLong_AsSsize_t(o);
    }
    i = PyNumber_Index(o);
    if (i == NULL)
        return -1;
    v = PyLong_AsSsize_t(i);
    Py_DECREF(i);
    return v;
}

/* Converts `o` to a C double: floats directly, ints exactly or with OverflowError "int too
   large to convert to float", other objects through __float__ / __index__ (PyFloat_AsDouble,
   TypeError "must be real number, not str"). Returns -1.0 with an exception set on error. */
static inline PYX_UNUSED double pyx_as_double(PyObject *o) {
    if (pyx_likely(PyFloat_CheckExact(o)))
        return PyFloat_AS_DOUBLE(o);
    if (PyLong_CheckExact(o)) {
#if PYX_HAVE_COMPACT_LONG
        if (pyx_likely(pyx__long_is_compact(o)))
            return (double)pyx__long_compact_value(o);
#endif
        return PyLong_AsDouble(o);
    }
    return PyFloat_AsDouble(o);
}

/* Converts `o` to a C truth value (bint) by its truth, as Cython does: 1, 0, or -1 with an
   exception set. */
static inline PYX_UNUSED int pyx_as_bint(PyObject *o) {
    if (o == Py_True)
        return 1;
    if (o == Py_False || o == Py_None)
        return 0;
    return PyObject_IsTrue(o);
}

/* A type's name as messages show it (Cython, full API: tp_name, e.g. "tuple",
   "collections.OrderedDict", "UserList"). */
#define pyx__type_name(tp) ((tp)->tp_name)

/* Checks a typed argument: `o` must be an instance of `type` (exactly, if `exact`: Cython
   refuses subclasses of builtin types such as list and dict), or None when `none_allowed`.
   Returns 0, or -1 with TypeError "Argument 'items' has incorrect type (expected list, got
   tuple)". exact == 2 marks a type that came from an annotation: a refused subclass instance
   then gets an explanation added to the message. */
static inline PYX_UNUSED int pyx_arg_type_test(PyObject *o, PyTypeObject *type, int none_allowed,
                                               const char *argname, int exact) {
    if (pyx_likely(Py_TYPE(o) == type))
        return 0;
    if (o == Py_None && none_allowed)
        return 0;
    if (!exact && PyObject_TypeCheck(o, type))
        return 0;
    return pyx__arg_type_error(o, type, argname, exact);
}

/* A `def` argument annotated `int`, as Cython 3 takes it: an exact int (or an allowed None)
   passes; any other number becomes `int(o)` (a bool, an IntEnum member or a numpy integer a
   plain int, a float truncated); anything else is the TypeError of pyx_arg_type_test.
   Returns a new reference, or NULL. */
static inline PYX_UNUSED PyObject *pyx_arg_to_int(PyObject *o, int none_allowed, const char *argname) {
    if (pyx_likely(PyLong_CheckExact(o)) || (o == Py_None && none_allowed)) {
        Py_INCREF(o);
        return o;
    }
    if (o != Py_None && PyNumber_Check(o))
        return PyNumber_Long(o);
    pyx__arg_type_error(o, &PyLong_Type, argname, 0);
    return NULL;
}

/* Checks a value assigned to a typed variable or returned as a typed result: like
   pyx_arg_type_test without an argument name, with Cython's messages "Expected list, got tuple"
   (exact: builtin types) and "Cannot convert str to mod.Node" (extension types). */
static inline PYX_UNUSED int pyx_type_test(PyObject *o, PyTypeObject *type, int none_allowed,
                                           int exact) {
    if (pyx_likely(Py_TYPE(o) == type))
        return 0;
    if (o == Py_None && none_allowed)
        return 0;
    if (!exact && PyObject_TypeCheck(o, type))
        return 0;
    return pyx__type_error(o, type, exact);
}

/* A new bytes object holding the NUL-terminated string `s` (ValueError for a NULL pointer). */
static inline PYX_UNUSED PyObject *pyx_bytes_from_cstr(const char *s) {
    if (pyx_unlikely(s == NULL)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert a NULL char pointer to bytes");
        return NULL;
    }
    return PyBytes_FromString(s);
}

/* The internal buffer of a bytes or bytearray object (valid while `o` is alive and, for a
   bytearray, not resized), or NULL with TypeError "expected bytes, str found". */
static inline PYX_UNUSED char *pyx_as_cstr(PyObject *o) {
    if (pyx_likely(PyBytes_Check(o)))
        return PyBytes_AS_STRING(o);
    if (PyByteArray_Check(o))
        return PyByteArray_AS_STRING(o);
    PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found", pyx__type_name(Py_TYPE(o)));
    return NULL;
}

#ifdef PYX_RT_IMPLEMENTATION
PYX_RT PYX_COLD void pyx__raise_too_large(const char *ctype) {
    PyErr_Format(PyExc_OverflowError, "value too large to convert to %s", ctype ? ctype : "C integer");
}

PYX_RT PYX_COLD void pyx__raise_negative(const char *ctype) {
    PyErr_Format(PyExc_OverflowError, "can't convert negative value to %s",
                 ctype ? ctype : "C unsigned integer");
}

/* A non-int converted through its type's nb_int: a new reference to an int, or NULL with an
   exception (TypeError when there is no nb_int or it returns something else). */
PYX_RT PYX_COLD PyObject *pyx__int_via_nb_int(PyObject *o) {
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    PyObject *r;
    if (nb == NULL || nb->nb_int == NULL) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return NULL;
    }
    r = nb->nb_int(o);
    if (r == NULL || PyLong_CheckExact(r))
        return r;
    if (PyLong_Check(r)) {
        /* CPython accepts (with this warning) an int subclass returned by __int__ */
        if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                             "__int__ returned non-int (type %.200s).  The ability to return an "
                             "instance of a strict subclass of int is deprecated, and may be "
                             "removed in a future version of Python.",
                             Py_TYPE(r)->tp_name) < 0) {
            Py_DECREF(r);
            return NULL;
        }
        return r;
    }
    PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %.200s)", Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    return NULL;
}

PYX_RT PYX_COLD long long pyx__as_ll_slow(PyObject *o, long long min, long long max,
                                          const char *ctype) {
    PyObject *i;
    long long v;
    if (PyLong_Check(o))
        return pyx__int_as_ll(o, min, max, ctype);
    i = pyx__int_via_nb_int(o);
    if (i == NULL)
        return -1;
    v = pyx__int_as_ll(i, min, max, ctype);
    Py_DECREF(i);
    return v;
}

PYX_RT PYX_COLD unsigned long long pyx__as_ull_slow(PyObject *o, unsigned long long max,
                                                    const char *ctype) {
    PyObject *i;
    unsigned long long v;
    if (PyLong_Check(o))
        return pyx__int_as_ull(o, max, ctype);
    i = pyx__int_via_nb_int(o);
    if (i == NULL)
        return (unsigned long long)-1;
    v = pyx__int_as_ull(i, max, ctype);
    Py_DECREF(i);
    return v;
}

PYX_RT PYX_COLD int pyx__arg_type_error(PyObject *o, PyTypeObject *type, const char *argname,
                                        int exact) {
    const char *note = "";
    if (exact == 2 && PyObject_TypeCheck(o, type))
        note = ". Note that pyxc (like Cython) is deliberately stricter than PEP 484 and rejects "
               "subclasses of builtin types; set the 'annotation_typing' directive to False to "
               "accept them";
    PyErr_Format(PyExc_TypeError, "Argument '%.200s' has incorrect type (expected %.200s, got %.200s)%s",
                 argname, pyx__type_name(type), pyx__type_name(Py_TYPE(o)), note);
    return -1;
}

PYX_RT PYX_COLD int pyx__type_error(PyObject *o, PyTypeObject *type, int exact) {
    if (exact)
        PyErr_Format(PyExc_TypeError, "Expected %.200s, got %.200s", pyx__type_name(type),
                     pyx__type_name(Py_TYPE(o)));
    else
        PyErr_Format(PyExc_TypeError, "Cannot convert %.200s to %.200s", pyx__type_name(Py_TYPE(o)),
                     pyx__type_name(type));
    return -1;
}
#endif /* PYX_RT_IMPLEMENTATION */
