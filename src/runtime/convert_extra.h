/* pyxc runtime: conversions for integer typedefs of unknown signedness and Py_UCS4. Needs
   convert.h. */
static PYX_UNUSED long long pyx_as_ll_typed(PyObject *o, int is_signed, long long min, long long max,
                                            unsigned long long umax, const char *ctype) {
    if (is_signed)
        return pyx_as_ll(o, min, max, ctype);
    return (long long)pyx_as_ull(o, umax, ctype);
}

/* Py_UCS4 from a one-character str (as Cython) or an int code point; -1 with an exception. */
static PYX_UNUSED long pyx_as_ucs4(PyObject *o) {
    if (PyUnicode_Check(o)) {
        if (pyx_unlikely(PyUnicode_GET_LENGTH(o) != 1)) {
            PyErr_Format(PyExc_ValueError,
                         "only single character unicode strings can be converted to Py_UCS4, got length %zd",
                         PyUnicode_GET_LENGTH(o));
            return -1;
        }
        return (long)PyUnicode_READ_CHAR(o, 0);
    }
    long long v = pyx_as_ll(o, LLONG_MIN, LLONG_MAX, "Py_UCS4");
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (pyx_unlikely(v < 0 || v > 0x10FFFF)) {
        PyErr_SetString(PyExc_OverflowError, v < 0 ? "cannot convert negative value to Py_UCS4"
                                                   : "value too large to convert to Py_UCS4");
        return -1;
    }
    return (long)v;
}

/* One field of a struct converted from a mapping (new reference), with Cython's errors. */
static PYX_UNUSED PyObject *pyx_struct_field(PyObject *o, PyObject *key) {
    if (!PyMapping_Check(o)) {
        PyErr_Format(PyExc_TypeError, "Expected a mapping, got %.200s", Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *v = PyObject_GetItem(o, key);
    if (!v && PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "No value specified for struct attribute '%U'", key);
    }
    return v;
}

/* Which member of a union a mapping gives (its index in `names`): exactly one member's name
   must be a key (others are ignored), with Cython's errors. */
static PYX_UNUSED Py_ssize_t pyx_union_member(PyObject *o, PyObject *names) {
    if (!PyMapping_Check(o)) {
        PyErr_Format(PyExc_TypeError, "Expected a mapping, got %.200s", Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t found = -1;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        if (!PyMapping_HasKey(o, name))
            continue;
        if (found >= 0) {
            PyErr_Format(PyExc_ValueError, "More than one union attribute passed: '%U' and '%U'",
                         PyTuple_GET_ITEM(names, found), name);
            return -1;
        }
        found = i;
    }
    if (found < 0) {
        PyObject *sep = PyUnicode_FromString(", ");
        PyObject *all = sep ? PyUnicode_Join(sep, names) : NULL;
        Py_XDECREF(sep);
        if (all) {
            PyErr_Format(PyExc_ValueError, "No value specified for any of the union attributes (%U)", all);
            Py_DECREF(all);
        }
    }
    return found;
}

/* A C string (`n` bytes, or up to its NUL when `n` is -1) decoded to a str: `c_string_type`. */
static PYX_UNUSED PyObject *pyx_cstr_decode(const char *s, Py_ssize_t n, const char *codec) {
    return PyUnicode_Decode(s, n < 0 ? (Py_ssize_t)strlen(s) : n, codec, NULL);
}

/* `char *` from bytes, bytearray or (under `c_string_encoding`) str: a str gives its UTF-8
   text, kept by the str object; with `ascii_only` it must be ASCII. */
static PYX_UNUSED char *pyx_as_cstr_text(PyObject *o, int ascii_only) {
    if (PyUnicode_Check(o)) {
        if (ascii_only && !PyUnicode_IS_ASCII(o)) {
            PyObject *e = PyUnicode_AsASCIIString(o);
            Py_XDECREF(e);
            return NULL;
        }
        return (char *)PyUnicode_AsUTF8(o);
    }
    return pyx_as_cstr(o);
}
