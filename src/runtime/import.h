/* pyxc runtime: imports. */
static PYX_UNUSED PyObject *pyx_import(PyObject *name, int top) {
    PyObject *m = PyImport_Import(name);
    if (!m || !top)
        return m;
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, PyUnicode_GET_LENGTH(name), 1);
    if (dot < 0)
        return m;
    Py_DECREF(m);
    PyObject *head = PyUnicode_Substring(name, 0, dot);
    if (!head)
        return NULL;
    m = PyImport_Import(head);
    Py_DECREF(head);
    return m;
}

static PYX_UNUSED PyObject *pyx_import_from(PyObject *module, PyObject *name) {
    PyObject *v = PyObject_GetAttr(module, name);
    if (v || !PyErr_ExceptionMatches(PyExc_AttributeError))
        return v;
    PyErr_Clear();
    PyObject *modname = PyObject_GetAttrString(module, "__name__");
    if (modname) {
        PyObject *full = PyUnicode_FromFormat("%U.%U", modname, name);
        Py_DECREF(modname);
        if (full) {
            v = PyImport_Import(full);
            Py_DECREF(full);
            if (v)
                return v;
            PyErr_Clear();
        }
    }
    PyErr_Format(PyExc_ImportError, "cannot import name '%U'", name);
    return NULL;
}
