/* pyxc runtime: structural pattern matching. Each helper tests one structured pattern and
   returns a list of the values its sub-patterns match against, or None when the subject does
   not fit (NULL on error), as CPython's MATCH_SEQUENCE/MATCH_MAPPING/MATCH_CLASS do. */

/* list[i], a new reference (the list comes from a helper below, so i is in range). */
static PYX_UNUSED PyObject *pyx_match_item(PyObject *list, Py_ssize_t i) {
    PyObject *v = PyList_GET_ITEM(list, i);
    Py_INCREF(v);
    return v;
}

static PyObject *pyx_match_none(void) {
    Py_INCREF(Py_None);
    return Py_None;
}

/* Whether `cls` (a type) inherits the `collections.abc` flavour `flag`/`abc_name`. */
static int pyx_match_kind(PyObject *subj, unsigned long flag, const char *abc_name) {
#if PY_VERSION_HEX >= 0x030A0000
    (void)abc_name;
    return PyType_HasFeature(Py_TYPE(subj), flag) ? 1 : 0;
#else
    (void)flag;
    if (PyUnicode_Check(subj) || PyBytes_Check(subj) || PyByteArray_Check(subj))
        return 0;
    PyObject *abc = PyImport_ImportModule("collections.abc");
    if (!abc)
        return -1;
    PyObject *cls = PyObject_GetAttrString(abc, abc_name);
    Py_DECREF(abc);
    if (!cls)
        return -1;
    int r = PyObject_IsInstance(subj, cls);
    Py_DECREF(cls);
    return r;
#endif
}

#if PY_VERSION_HEX < 0x030A0000
#define Py_TPFLAGS_SEQUENCE 0
#define Py_TPFLAGS_MAPPING 0
#endif

/* `case [p0, p1, *rest, pn]`: `before` items, then (with `star`) the list of the middle
   ones, then `after` items. Strings, bytes and bytearrays are not sequences here. */
static PYX_UNUSED PyObject *pyx_match_sequence(PyObject *subj, Py_ssize_t before, Py_ssize_t after, int star) {
    int ok = pyx_match_kind(subj, Py_TPFLAGS_SEQUENCE, "Sequence");
    if (ok < 0)
        return NULL;
    if (!ok)
        return pyx_match_none();
    Py_ssize_t n = PySequence_Size(subj);
    if (n < 0)
        return NULL;
    if (star ? n < before + after : n != before + after)
        return pyx_match_none();
    PyObject *out = PyList_New(0);
    if (!out)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (star && i == before) {
            PyObject *mid = PySequence_GetSlice(subj, before, n - after);
            PyObject *lst = mid ? PySequence_List(mid) : NULL;
            Py_XDECREF(mid);
            int r = lst ? PyList_Append(out, lst) : -1;
            Py_XDECREF(lst);
            if (r < 0)
                goto error;
            i = n - after;
            if (i >= n)
                break;
        }
        PyObject *v = PySequence_GetItem(subj, i);
        int r = v ? PyList_Append(out, v) : -1;
        Py_XDECREF(v);
        if (r < 0)
            goto error;
    }
    if (star && n == before) {
        /* Nothing after the star and nothing for it: an empty list. */
        PyObject *lst = PyList_New(0);
        int r = lst ? PyList_Append(out, lst) : -1;
        Py_XDECREF(lst);
        if (r < 0)
            goto error;
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

/* `case {k0: p0, k1: p1, **rest}`: the values of the keys (a tuple), then (with `rest`) a dict
   of the other items. */
static PYX_UNUSED PyObject *pyx_match_mapping(PyObject *subj, PyObject *keys, int rest) {
    int ok = pyx_match_kind(subj, Py_TPFLAGS_MAPPING, "Mapping");
    if (ok < 0)
        return NULL;
    if (!ok)
        return pyx_match_none();
    Py_ssize_t nkeys = PyTuple_GET_SIZE(keys);
    Py_ssize_t n = PyObject_Length(subj);
    if (n < 0)
        return NULL;
    if (n < nkeys)
        return pyx_match_none();
    PyObject *seen = PySet_New(NULL);
    PyObject *out = PyList_New(0);
    PyObject *get = PyObject_GetAttrString(subj, "get");
    PyObject *missing = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    if (!seen || !out || !get || !missing)
        goto error;
    for (Py_ssize_t i = 0; i < nkeys; i++) {
        PyObject *k = PyTuple_GET_ITEM(keys, i);
        int dup = PySet_Contains(seen, k);
        if (dup < 0)
            goto error;
        if (dup) {
            PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", k);
            goto error;
        }
        if (PySet_Add(seen, k) < 0)
            goto error;
        PyObject *v = PyObject_CallFunctionObjArgs(get, k, missing, NULL);
        if (!v)
            goto error;
        if (v == missing) {
            Py_DECREF(v);
            Py_DECREF(seen);
            Py_DECREF(out);
            Py_DECREF(get);
            Py_DECREF(missing);
            return pyx_match_none();
        }
        int r = PyList_Append(out, v);
        Py_DECREF(v);
        if (r < 0)
            goto error;
    }
    if (rest) {
        PyObject *d = PyDict_New();
        if (!d || PyDict_Update(d, subj) < 0) {
            Py_XDECREF(d);
            goto error;
        }
        for (Py_ssize_t i = 0; i < nkeys; i++) {
            if (PyDict_DelItem(d, PyTuple_GET_ITEM(keys, i)) < 0) {
                Py_DECREF(d);
                goto error;
            }
        }
        int r = PyList_Append(out, d);
        Py_DECREF(d);
        if (r < 0)
            goto error;
    }
    Py_DECREF(seen);
    Py_DECREF(get);
    Py_DECREF(missing);
    return out;
error:
    Py_XDECREF(seen);
    Py_XDECREF(out);
    Py_XDECREF(get);
    Py_XDECREF(missing);
    return NULL;
}

/* Builtins whose one positional sub-pattern matches the subject itself (`case int(x)`). */
static int pyx_match_self(PyTypeObject *t) {
    PyTypeObject *self_types[] = {&PyBool_Type, &PyByteArray_Type, &PyBytes_Type, &PyDict_Type,
                                  &PyFloat_Type, &PyFrozenSet_Type, &PyLong_Type, &PyList_Type,
                                  &PySet_Type, &PyUnicode_Type, &PyTuple_Type};
    for (size_t i = 0; i < sizeof(self_types) / sizeof(self_types[0]); i++)
        if (PyType_IsSubtype(t, self_types[i]))
            return 1;
    return 0;
}

/* `case Cls(p0, p1, k=pk)`: the attributes named by `Cls.__match_args__[:npos]`, then those in
   `kwnames` (a tuple of str). */
static PYX_UNUSED PyObject *pyx_match_class(PyObject *subj, PyObject *cls, Py_ssize_t npos, PyObject *kwnames) {
    if (!PyType_Check(cls)) {
        /* CPython's wording changed in 3.12 */
#if PY_VERSION_HEX >= 0x030C0000
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a class");
#else
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
#endif
        return NULL;
    }
    PyTypeObject *t = (PyTypeObject *)cls;
    int inst = PyObject_IsInstance(subj, cls);
    if (inst < 0)
        return NULL;
    if (!inst)
        return pyx_match_none();
    PyObject *out = PyList_New(0);
    PyObject *names = PyList_New(0);
    if (!out || !names)
        goto error;
    if (npos) {
        PyObject *match_args = PyObject_GetAttrString(cls, "__match_args__");
        if (!match_args) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError))
                goto error;
            PyErr_Clear();
            if (pyx_match_self(t) && npos == 1) {
                if (PyList_Append(out, subj) < 0)
                    goto error;
            } else {
                PyErr_Format(PyExc_TypeError, "%s() accepts 0 positional sub-patterns (%zd given)", t->tp_name, npos);
                goto error;
            }
        } else {
            if (!PyTuple_Check(match_args)) {
                PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", t->tp_name, Py_TYPE(match_args)->tp_name);
                Py_DECREF(match_args);
                goto error;
            }
            if (npos > PyTuple_GET_SIZE(match_args)) {
                PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)", t->tp_name, PyTuple_GET_SIZE(match_args), PyTuple_GET_SIZE(match_args) == 1 ? "" : "s", npos);
                Py_DECREF(match_args);
                goto error;
            }
            for (Py_ssize_t i = 0; i < npos; i++) {
                PyObject *name = PyTuple_GET_ITEM(match_args, i);
                if (!PyUnicode_Check(name)) {
                    PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)", Py_TYPE(name)->tp_name);
                    Py_DECREF(match_args);
                    goto error;
                }
                if (PyList_Append(names, name) < 0) {
                    Py_DECREF(match_args);
                    goto error;
                }
            }
            Py_DECREF(match_args);
        }
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++)
        if (PyList_Append(names, PyTuple_GET_ITEM(kwnames, i)) < 0)
            goto error;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names); i++) {
        PyObject *name = PyList_GET_ITEM(names, i);
        for (Py_ssize_t j = 0; j < i; j++) {
            int eq = PyUnicode_Compare(name, PyList_GET_ITEM(names, j));
            if (eq == 0) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R", t->tp_name, name);
                goto error;
            }
        }
        PyObject *v = PyObject_GetAttr(subj, name);
        if (!v) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError))
                goto error;
            PyErr_Clear();
            Py_DECREF(out);
            Py_DECREF(names);
            return pyx_match_none();
        }
        int r = PyList_Append(out, v);
        Py_DECREF(v);
        if (r < 0)
            goto error;
    }
    Py_DECREF(names);
    return out;
error:
    Py_XDECREF(out);
    Py_XDECREF(names);
    return NULL;
}
