/* pyxc runtime: unpacking `a, b = x` and `a, *b, c = x`. Both return a tuple. */
static PYX_UNUSED PyObject *pyx_unpack(PyObject *v, Py_ssize_t n) {
    PyObject *t = PySequence_Tuple(v);
    if (!t) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object", Py_TYPE(v)->tp_name);
        }
        return NULL;
    }
    Py_ssize_t got = PyTuple_GET_SIZE(t);
    if (got != n) {
        if (got > n)
            PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", n);
        else
            PyErr_Format(PyExc_ValueError, "need more than %zd value%s to unpack", got, got == 1 ? "" : "s");
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

static PYX_UNUSED PyObject *pyx_unpack_star(PyObject *v, Py_ssize_t before, Py_ssize_t after) {
    PyObject *t = PySequence_Tuple(v);
    if (!t)
        return NULL;
    Py_ssize_t got = PyTuple_GET_SIZE(t);
    if (got < before + after) {
        PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %zd, got %zd)", before + after, got);
        Py_DECREF(t);
        return NULL;
    }
    PyObject *r = PyTuple_New(before + after + 1);
    if (!r) {
        Py_DECREF(t);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < before; i++) {
        Py_INCREF(PyTuple_GET_ITEM(t, i));
        PyTuple_SET_ITEM(r, i, PyTuple_GET_ITEM(t, i));
    }
    PyObject *mid = PyList_New(0);
    for (Py_ssize_t i = before; mid && i < got - after; i++)
        if (PyList_Append(mid, PyTuple_GET_ITEM(t, i)) < 0)
            Py_CLEAR(mid);
    if (!mid) {
        Py_DECREF(t);
        Py_DECREF(r);
        return NULL;
    }
    PyTuple_SET_ITEM(r, before, mid);
    for (Py_ssize_t i = 0; i < after; i++) {
        PyObject *o = PyTuple_GET_ITEM(t, got - after + i);
        Py_INCREF(o);
        PyTuple_SET_ITEM(r, before + 1 + i, o);
    }
    Py_DECREF(t);
    return r;
}

static inline PYX_UNUSED PyObject *pyx_tuple_item(PyObject *t, Py_ssize_t i) {
    PyObject *o = PyTuple_GET_ITEM(t, i);
    Py_INCREF(o);
    return o;
}

/* A Python sequence converted to a ctuple: a tuple of exactly `n` items; anything else is a
   TypeError, as in Cython. */
static PYX_UNUSED PyObject *pyx_to_ctuple_seq(PyObject *v, Py_ssize_t n) {
    if (!PySequence_Check(v)) {
        PyErr_Format(PyExc_TypeError, "Expected a sequence of size %zd, got %.200s", n, Py_TYPE(v)->tp_name);
        return NULL;
    }
    PyObject *t = PySequence_Tuple(v);
    if (!t)
        return NULL;
    if (PyTuple_GET_SIZE(t) != n) {
        PyErr_Format(PyExc_TypeError, "Expected a sequence of size %zd, got size %zd", n, PyTuple_GET_SIZE(t));
        Py_DECREF(t);
        return NULL;
    }
    return t;
}
