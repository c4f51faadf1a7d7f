/* pyxc runtime: calls. */
static PYX_UNUSED PyObject *pyx_vectorcall(PyObject **args, Py_ssize_t nargs, PyObject *kwnames) {
    return PyObject_Vectorcall(args[0], args + 1, (size_t)nargs, kwnames);
}

/* obj.name(args...) without a bound method: args[0] is obj. Each call site has a cache for the
   common case of a method of a built-in type (`words.append(w)`, `s.strip()`): when obj's type
   is a static type (immutable, never freed) with the generic attribute lookup and no instance
   __dict__, the method descriptor its MRO holds for `name` is what any lookup on such an
   instance finds, so later calls on that type call it directly. */
typedef struct {
    PyTypeObject *type;
    PyObject *method; /* borrowed from the type's dict, which cannot change */
} pyx_mcache;

static PYX_UNUSED PyObject *pyx__call_method_miss(PyObject **args, Py_ssize_t n, PyObject *name,
                                                  pyx_mcache *c) {
    PyTypeObject *tp = Py_TYPE(args[0]);
    if (tp->tp_getattro == PyObject_GenericGetAttr &&
        tp->tp_dictoffset == 0) {
        PyObject *m = _PyType_Lookup(tp, name);
        if (m && (Py_TYPE(m)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR)) {
            c->type = tp;
            c->method = m;
            return PyObject_Vectorcall(m, args, (size_t)n, NULL);
        }
    }
    return PyObject_VectorcallMethod(name, args, (size_t)n, NULL);
}

static inline PYX_UNUSED PyObject *pyx_call_method(PyObject **args, Py_ssize_t n, PyObject *name,
                                                   pyx_mcache *c) {
    PyTypeObject *tp = Py_TYPE(args[0]);
    if (tp == c->type)
        return PyObject_Vectorcall(c->method, args, (size_t)n, NULL);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) /* classes: never cached */
        return PyObject_VectorcallMethod(name, args, (size_t)n, NULL);
    return pyx__call_method_miss(args, n, name, c);
}

/* obj.append(x), obj.get(k[, d]): exact lists and dicts inline, anything else as above. */
static PYX_UNUSED PyObject *pyx_method_append(PyObject *o, PyObject *x, PyObject *name,
                                                     pyx_mcache *c) {
    if (PyList_CheckExact(o)) {
        if (PyList_Append(o, x) < 0)
            return NULL;
        Py_INCREF(Py_None);
        return Py_None;
    }
    PyObject *args[2] = {o, x};
    return pyx_call_method(args, 2, name, c);
}

static PYX_UNUSED PyObject *pyx_method_get(PyObject *o, PyObject *k, PyObject *d,
                                                  PyObject *name, pyx_mcache *c) {
    if (PyDict_CheckExact(o)) {
        PyObject *r = PyDict_GetItemWithError(o, k);
        if (!r) {
            if (PyErr_Occurred())
                return NULL;
            r = d ? d : Py_None;
        }
        Py_INCREF(r);
        return r;
    }
    PyObject *args[3] = {o, k, d};
    return pyx_call_method(args, d ? 3 : 2, name, c);
}

/* Appends the items of `it` to a list (or adds them to a set): `f(*it)`, `[*it]`, `{*it}`. */
static PYX_UNUSED int pyx_extend(PyObject *target, PyObject *it) {
    PyObject *iter = PyObject_GetIter(it);
    if (!iter) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && !Py_TYPE(it)->tp_iter && !PySequence_Check(it)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s", Py_TYPE(it)->tp_name);
        }
        return -1;
    }
    PyObject *item;
    while ((item = PyIter_Next(iter))) {
        int r = PySet_Check(target) ? PySet_Add(target, item) : PyList_Append(target, item);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

/* `{**m}`: merges the mapping `m` into the dict being built (later keys win). */
static PYX_UNUSED int pyx_update_mapping(PyObject *dict, PyObject *m) {
    if (PyDict_Update(dict, m) == 0)
        return 0;
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping", Py_TYPE(m)->tp_name);
    }
    return -1;
}

/* CPython's name of a callable in call errors (`_PyObject_FunctionStr`): "module.qualname()",
   or "qualname()" for a builtin. */
static PYX_COLD PyObject *pyx_function_str(PyObject *func) {
    PyObject *qualname = PyObject_GetAttrString(func, "__qualname__");
    if (!qualname) {
        PyErr_Clear();
        return PyObject_Str(func);
    }
    PyObject *module = PyObject_GetAttrString(func, "__module__");
    PyErr_Clear();
    PyObject *r = module && module != Py_None && PyUnicode_Check(module) &&
                          PyUnicode_CompareWithASCIIString(module, "builtins") != 0
                      ? PyUnicode_FromFormat("%U.%S()", module, qualname)
                      : PyUnicode_FromFormat("%S()", qualname);
    Py_XDECREF(module);
    Py_DECREF(qualname);
    return r;
}

/* A TypeError about a call's arguments, naming the callable as CPython does (func may be NULL:
   the message alone). */
static PYX_COLD void pyx_call_error(PyObject *func, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (!msg)
        return;
    PyObject *name = func ? pyx_function_str(func) : NULL;
    if (name)
        PyErr_Format(PyExc_TypeError, "%U %U", name, msg);
    else
        PyErr_SetObject(PyExc_TypeError, msg);
    Py_XDECREF(name);
    Py_DECREF(msg);
}

/* `f(*it)`: the items of `it` appended to the positional arguments (CPython's message when it
   is not iterable). */
static PYX_UNUSED int pyx_extend_args(PyObject *args, PyObject *it, PyObject *func) {
    if (!Py_TYPE(it)->tp_iter && !PySequence_Check(it)) {
        pyx_call_error(func, "argument after * must be an iterable, not %.200s", Py_TYPE(it)->tp_name);
        return -1;
    }
    return pyx_extend(args, it);
}

/* `k=v` in a call building its keyword dict (func: the callable, for the message). */
static PYX_UNUSED int pyx_dict_add_kw(PyObject *d, PyObject *k, PyObject *v, PyObject *func) {
    if (PyDict_Contains(d, k)) {
        pyx_call_error(func, "got multiple values for keyword argument '%U'", k);
        return -1;
    }
    return PyDict_SetItem(d, k, v);
}

/* `f(**m)`: adds the mapping's items as keyword arguments; a repeated one is a TypeError. */
static PYX_UNUSED int pyx_dict_merge_kw(PyObject *d, PyObject *m, PyObject *func) {
    PyObject *items = PyDict_New();
    if (!items)
        return -1;
    if (PyDict_Update(items, m) < 0) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            pyx_call_error(func, "argument after ** must be a mapping, not %.200s", Py_TYPE(m)->tp_name);
        }
        Py_DECREF(items);
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(items, &pos, &k, &v)) {
        if (!PyUnicode_Check(k)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            Py_DECREF(items);
            return -1;
        }
        if (pyx_dict_add_kw(d, k, v, func) < 0) {
            Py_DECREF(items);
            return -1;
        }
    }
    Py_DECREF(items);
    return 0;
}
