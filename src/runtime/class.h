/* pyxc runtime: Python classes from a namespace dict. */
static PYX_UNUSED PyObject *pyx_class_namespace(PyObject *bases, PyObject *name, PyObject *qualname, PyObject *doc) {
    (void)bases;
    PyObject *ns = PyDict_New();
    if (!ns)
        return NULL;
    if (PyDict_SetItemString(ns, "__module__", pyx_module_name) < 0 ||
        PyDict_SetItemString(ns, "__qualname__", qualname) < 0 ||
        (doc && PyDict_SetItemString(ns, "__doc__", doc) < 0)) {
        Py_DECREF(ns);
        return NULL;
    }
    (void)name;
    return ns;
}

/* A function compiled in this module: its self is the module, or a closure's (module, cells...). */
static int pyx_is_own_function(PyObject *f) {
    if (!PyCFunction_Check(f))
        return 0;
    PyObject *self = PyCFunction_GET_SELF(f);
    return self == pyx_module ||
           (self && PyTuple_CheckExact(self) && PyTuple_GET_SIZE(self) > 0 && PyTuple_GET_ITEM(self, 0) == pyx_module);
}

/* This module's functions in a class body become methods, as Python functions do
   (PyCFunctions do not bind by themselves). */
static PYX_UNUSED PyObject *pyx_make_class(PyObject *name, PyObject *bases, PyObject *ns) {
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(ns, &pos, &key, &value)) {
        if (pyx_is_own_function(value)) {
            PyObject *m = PyInstanceMethod_New(value);
            if (!m || PyDict_SetItem(ns, key, m) < 0) {
                Py_XDECREF(m);
                return NULL;
            }
            Py_DECREF(m);
        }
    }
    PyObject *meta = (PyObject *)&PyType_Type;
    if (PyTuple_GET_SIZE(bases) > 0)
        meta = (PyObject *)Py_TYPE(PyTuple_GET_ITEM(bases, 0));
    return PyObject_CallFunctionObjArgs(meta, name, bases, ns, NULL);
}

/* A name the class body assigns: the namespace, then globals and builtins (NameError). */
static PYX_UNUSED PyObject *pyx_class_lookup(PyObject *ns, PyObject *name) {
    PyObject *v = PyDict_GetItemWithError(ns, name);
    if (v) {
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred())
        return NULL;
    return pyx_get_global(pyx_module_dict, name);
}
