/* pyxc runtime: what modules share through `cimport`. A module whose `.pxd` declares C
   functions exports them as capsules in its `__pyx_capi__` dict (each named by the function's
   C signature, which the importer checks); a `cdef class` with C methods keeps a capsule of its
   vtable in the type's `__pyx_vtable__`. A module cimporting them imports the defining module
   at initialisation and reads these back. (These are the names and forms Cython uses.) */

/* The type `module.name`, checked to be a type whose instances are at least `size` bytes (the
   instance struct this module was compiled against). A new reference, or NULL. */
static PyObject *pyx_import_type(const char *module, const char *name, size_t size) {
    PyObject *m = PyImport_ImportModule(module);
    if (!m)
        return NULL;
    PyObject *t = PyObject_GetAttrString(m, name);
    Py_DECREF(m);
    if (!t)
        return NULL;
    if (!PyType_Check(t)) {
        PyErr_Format(PyExc_TypeError, "%.200s.%.200s is not a type object", module, name);
        Py_DECREF(t);
        return NULL;
    }
    Py_ssize_t basicsize = ((PyTypeObject *)t)->tp_basicsize;
    if ((size_t)basicsize < size) {
        PyErr_Format(PyExc_ValueError,
                     "%.200s.%.200s size changed, may indicate binary incompatibility. "
                     "Expected %zd from C header, got %zd from PyObject",
                     module, name, (Py_ssize_t)size, basicsize);
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

static int pyx_set_vtable(PyObject *type, void *vtable) {
    PyObject *capsule = PyCapsule_New(vtable, NULL, NULL);
    if (!capsule)
        return -1;
    int r = PyDict_SetItemString(((PyTypeObject *)type)->tp_dict, "__pyx_vtable__", capsule);
    Py_DECREF(capsule);
    PyType_Modified((PyTypeObject *)type);
    return r;
}

static void *pyx_get_vtable(PyObject *type) {
    PyObject *capsule = PyObject_GetAttrString(type, "__pyx_vtable__");
    if (!capsule)
        return NULL;
    void *vtable = PyCapsule_GetPointer(capsule, NULL);
    Py_DECREF(capsule);
    return vtable;
}

/* Adds C function `f` to the module's `__pyx_capi__`. */
static int pyx_export_function(const char *name, void (*f)(void), const char *signature) {
    PyObject *capi = PyDict_GetItemString(pyx_module_dict, "__pyx_capi__");
    if (!capi) {
        capi = PyDict_New();
        if (!capi || PyDict_SetItemString(pyx_module_dict, "__pyx_capi__", capi) < 0) {
            Py_XDECREF(capi);
            return -1;
        }
        Py_DECREF(capi); /* the module dict holds it */
    }
    PyObject *capsule = PyCapsule_New((void *)f, signature, NULL);
    if (!capsule)
        return -1;
    int r = PyDict_SetItemString(capi, name, capsule);
    Py_DECREF(capsule);
    return r;
}

/* Reads C function `name` of `module` into `*f`, checking its signature. */
static int pyx_import_function(const char *module, const char *name, void (**f)(void), const char *signature) {
    PyObject *m = PyImport_ImportModule(module);
    if (!m)
        return -1;
    PyObject *capi = PyObject_GetAttrString(m, "__pyx_capi__");
    Py_DECREF(m);
    if (!capi)
        return -1;
    PyObject *capsule = PyDict_Check(capi) ? PyDict_GetItemString(capi, name) : NULL;
    if (!capsule) {
        PyErr_Format(PyExc_ImportError, "%.200s does not export expected C function %.200s", module, name);
        Py_DECREF(capi);
        return -1;
    }
    if (!PyCapsule_IsValid(capsule, signature)) {
        const char *found = PyCapsule_GetName(capsule);
        PyErr_Format(PyExc_TypeError,
                     "C function %.200s.%.200s has wrong signature (expected %.500s, got %.500s)",
                     module, name, signature, found ? found : "?");
        Py_DECREF(capi);
        return -1;
    }
    *f = (void (*)(void))PyCapsule_GetPointer(capsule, signature);
    Py_DECREF(capi);
    return *f ? 0 : -1;
}
