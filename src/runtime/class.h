/* pyxc runtime: Python classes as `class` statements make them: the bases (PEP 560), the
   metaclass (explicit, or the most derived type of the bases), its __prepare__ namespace, the
   body filling it, then metaclass(name, bases, ns, **keywords). */

/* PEP 560: the bases with each non-class base that has `__mro_entries__` replaced by the
   classes it names (`typing.Generic[T]`, `typing.NamedTuple`); `bases` itself (a new
   reference) when none has. */
static PYX_UNUSED PyObject *pyx_class_bases(PyObject *bases) {
    PyObject *resolved = NULL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *base = PyTuple_GET_ITEM(bases, i), *entries = NULL, *meth = NULL;
        if (!PyType_Check(base) && !(meth = PyObject_GetAttrString(base, "__mro_entries__"))) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError))
                goto error;
            PyErr_Clear();
        }
        if (meth) {
            entries = PyObject_CallOneArg(meth, bases);
            Py_DECREF(meth);
            if (!entries)
                goto error;
            if (!PyTuple_Check(entries)) {
                Py_DECREF(entries);
                PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
                goto error;
            }
            if (!resolved && !(resolved = PyTuple_GetSlice(bases, 0, i))) {
                Py_DECREF(entries);
                goto error;
            }
            Py_SETREF(resolved, PySequence_Concat(resolved, entries));
            Py_DECREF(entries);
            if (!resolved)
                goto error;
        } else if (resolved) {
            PyObject *one = PyTuple_Pack(1, base);
            if (!one)
                goto error;
            Py_SETREF(resolved, PySequence_Concat(resolved, one));
            Py_DECREF(one);
            if (!resolved)
                goto error;
        }
    }
    if (resolved)
        return resolved;
    Py_INCREF(bases);
    return bases;
error:
    Py_XDECREF(resolved);
    return NULL;
}

/* The metaclass, a new reference; `kwds` loses its "metaclass" entry. */
static PYX_UNUSED PyObject *pyx_class_meta(PyObject *bases, PyObject *kwds) {
    PyObject *meta = PyDict_GetItemString(kwds, "metaclass");
    if (meta) {
        Py_INCREF(meta);
        if (PyDict_DelItemString(kwds, "metaclass") < 0) {
            Py_DECREF(meta);
            return NULL;
        }
        if (!PyType_Check(meta))
            return meta; /* any callable */
    } else {
        meta = (PyObject *)&PyType_Type;
        Py_INCREF(meta);
    }
    /* The most derived metaclass of the candidate and the bases' types. */
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyTypeObject *t = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype((PyTypeObject *)meta, t))
            continue;
        if (PyType_IsSubtype(t, (PyTypeObject *)meta)) {
            Py_DECREF(meta);
            meta = (PyObject *)t;
            Py_INCREF(meta);
            continue;
        }
        Py_DECREF(meta);
        PyErr_SetString(PyExc_TypeError,
                        "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                        "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return meta;
}

static PYX_UNUSED PyObject *pyx_class_namespace(PyObject *meta, PyObject *name, PyObject *bases,
                                                PyObject *kwds, PyObject *qualname, PyObject *doc) {
    PyObject *ns;
    PyObject *prepare = PyObject_GetAttrString(meta, "__prepare__");
    if (!prepare) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return NULL;
        PyErr_Clear();
    }
    if (prepare) {
        PyObject *args = PyTuple_Pack(2, name, bases);
        ns = args ? PyObject_Call(prepare, args, kwds) : NULL;
        Py_XDECREF(args);
        Py_DECREF(prepare);
    } else {
        ns = PyDict_New();
    }
    if (!ns)
        return NULL;
    if (PyMapping_SetItemString(ns, "__module__", pyx_module_name) < 0 ||
        PyMapping_SetItemString(ns, "__qualname__", qualname) < 0 ||
        (doc && PyMapping_SetItemString(ns, "__doc__", doc) < 0)) {
        Py_DECREF(ns);
        return NULL;
    }
    return ns;
}

/* A function compiled in this module (its own function type). */
static int pyx_is_own_function(PyObject *f) {
    return Py_TYPE(f) == &pyx_function_type;
}

/* This module's functions in a class body become methods, as Python functions do
   (PyCFunctions do not bind by themselves). When `__mro_entries__` changed the bases, the
   namespace keeps the written ones as `__orig_bases__`. */
static PYX_UNUSED PyObject *pyx_make_class(PyObject *meta, PyObject *name, PyObject *bases,
                                           PyObject *orig_bases, PyObject *ns, PyObject *kwds) {
    if (bases != orig_bases && PyMapping_SetItemString(ns, "__orig_bases__", orig_bases) < 0)
        return NULL;
    if (PyDict_Check(ns)) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(ns, &pos, &key, &value)) {
            if (pyx_is_own_function(value)) {
                /* What type.__new__ does for Python functions: __new__ is a static method,
                   __init_subclass__ and __class_getitem__ are class methods. */
                PyObject *m;
                if (PyUnicode_CompareWithASCIIString(key, "__new__") == 0)
                    m = PyStaticMethod_New(value);
                else if (PyUnicode_CompareWithASCIIString(key, "__init_subclass__") == 0 ||
                         PyUnicode_CompareWithASCIIString(key, "__class_getitem__") == 0)
                    m = PyClassMethod_New(value);
                else
                    continue; /* binds as a method by itself */
                if (!m || PyDict_SetItem(ns, key, m) < 0) {
                    Py_XDECREF(m);
                    return NULL;
                }
                Py_DECREF(m);
            }
        }
    }
    PyObject *args = PyTuple_Pack(3, name, bases, ns);
    if (!args)
        return NULL;
    PyObject *cls = PyObject_Call(meta, args, kwds);
    Py_DECREF(args);
    return cls;
}

/* A name the class body assigns: the namespace, then globals and builtins (NameError). */
static PYX_UNUSED PyObject *pyx_class_lookup(PyObject *ns, PyObject *name) {
    PyObject *v;
    if (PyDict_CheckExact(ns)) {
        v = PyDict_GetItemWithError(ns, name);
        Py_XINCREF(v);
    } else { /* a __prepare__ mapping */
        v = PyObject_GetItem(ns, name);
        if (!v && PyErr_ExceptionMatches(PyExc_KeyError))
            PyErr_Clear();
    }
    if (v || PyErr_Occurred())
        return v;
    return pyx_get_global(pyx_module_dict, name);
}
