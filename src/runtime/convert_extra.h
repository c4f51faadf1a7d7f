/* pyxc runtime: conversions for integer typedefs of unknown signedness. Needs convert.h. */
static PYX_UNUSED long long pyx_as_ll_typed(PyObject *o, int is_signed, long long min, long long max, const char *ctype) {
    if (is_signed)
        return pyx_as_ll(o, min, max, ctype);
    return (long long)pyx_as_ull(o, (unsigned long long)max, ctype);
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
