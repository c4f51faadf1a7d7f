/* pyxc runtime: calls. */
static PYX_UNUSED PyObject *pyx_vectorcall(PyObject **args, Py_ssize_t nargs, PyObject *kwnames) {
    return PyObject_Vectorcall(args[0], args + 1, (size_t)nargs, kwnames);
}

/* obj.name(args...) without a bound method: args[0] is obj. */
static PYX_UNUSED PyObject *pyx_call_method(PyObject **args, Py_ssize_t n, PyObject *name) {
    return PyObject_VectorcallMethod(name, args, (size_t)n, NULL);
}

static PYX_UNUSED int pyx_list_extend(PyObject *list, PyObject *it) {
    PyObject *r = _PyList_Extend((PyListObject *)list, it);
    if (!r)
        return -1;
    Py_DECREF(r);
    return 0;
}

static PYX_UNUSED int pyx_dict_add_kw(PyObject *d, PyObject *k, PyObject *v) {
    if (PyDict_Contains(d, k)) {
        PyErr_Format(PyExc_TypeError, "got multiple values for keyword argument '%U'", k);
        return -1;
    }
    return PyDict_SetItem(d, k, v);
}

static PYX_UNUSED int pyx_dict_merge_kw(PyObject *d, PyObject *m) {
    return PyDict_Merge(d, m, 0) < 0 ? -1 : 0;
}
