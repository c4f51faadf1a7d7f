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

/* `from .m import a, b` (`level` dots): `m` relative to the package of the module whose dict
   is `globals` (its `__package__` or `__spec__.parent`, as Python resolves it), imported with
   the names asked for (`names`: comma-separated), which returns the module `m` itself. */
static PYX_UNUSED PyObject *pyx_import_relative(PyObject *name, PyObject *globals, int level,
                                                const char *names) {
    PyObject *all = PyUnicode_FromString(names);
    if (!all)
        return NULL;
    PyObject *sep = PyUnicode_FromString(",");
    PyObject *list = sep ? PyUnicode_Split(all, sep, -1) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(all);
    if (!list)
        return NULL;
    PyObject *fromlist = PyList_AsTuple(list);
    Py_DECREF(list);
    if (!fromlist)
        return NULL;
    PyObject *m = PyImport_ImportModuleLevelObject(name, globals, NULL, fromlist, level);
    Py_DECREF(fromlist);
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

/* `from m import *`: the names of m.__all__, or else its names not starting with '_'. */
static PYX_UNUSED int pyx_import_star(PyObject *module, PyObject *dict) {
    PyObject *names = PyObject_GetAttrString(module, "__all__");
    int skip_private = 0;
    if (!names) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear();
        PyObject *mdict = PyObject_GetAttrString(module, "__dict__");
        if (!mdict)
            return -1;
        names = PyMapping_Keys(mdict);
        Py_DECREF(mdict);
        if (!names)
            return -1;
        skip_private = 1;
    }
    PyObject *it = PyObject_GetIter(names);
    Py_DECREF(names);
    if (!it)
        return -1;
    PyObject *name;
    while ((name = PyIter_Next(it))) {
        int skip = skip_private && PyUnicode_Check(name) && PyUnicode_GET_LENGTH(name) > 0 &&
                   PyUnicode_READ_CHAR(name, 0) == '_';
        PyObject *v = skip ? NULL : PyObject_GetAttr(module, name);
        int err = !skip && (!v || PyDict_SetItem(dict, name, v) < 0);
        Py_XDECREF(v);
        Py_DECREF(name);
        if (err) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}
