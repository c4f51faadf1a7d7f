/* pyxc runtime: unpacking `a, b = x` and `a, *b, c = x`. Both return a tuple. */
static PYX_UNUSED void pyx_unpack_count_error(Py_ssize_t got, Py_ssize_t n) {
    if (got > n)
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", n);
    else
#ifdef PYX_CPYTHON_MESSAGES
        PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", n, got);
#else
        PyErr_Format(PyExc_ValueError, "need more than %zd value%s to unpack", got, got == 1 ? "" : "s");
#endif
}

/* An iterator over `v`, with Python's message when `v` is not iterable. */
static PYX_UNUSED PyObject *pyx_unpack_iter(PyObject *v) {
    PyObject *it = PyObject_GetIter(v);
    if (!it && PyErr_ExceptionMatches(PyExc_TypeError))
        PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object", Py_TYPE(v)->tp_name);
    return it;
}

/* Exactly `n` items as a tuple. Like Python, an iterator is advanced at most n + 1 times, so
   an endless one (itertools.count()) fails instead of being drained. */
static PYX_UNUSED PyObject *pyx_unpack(PyObject *v, Py_ssize_t n) {
    if (PyTuple_CheckExact(v) || PyList_CheckExact(v)) {
        Py_ssize_t got = PySequence_Fast_GET_SIZE(v);
        if (got != n) {
            pyx_unpack_count_error(got, n);
            return NULL;
        }
        if (PyTuple_CheckExact(v)) {
            Py_INCREF(v);
            return v;
        }
        return PyList_AsTuple(v);
    }
    PyObject *it = pyx_unpack_iter(v);
    if (!it)
        return NULL;
    PyObject *t = PyTuple_New(n);
    if (!t)
        goto fail;
    for (Py_ssize_t i = 0; i <= n; i++) {
        PyObject *item = PyIter_Next(it);
        if (!item) {
            if (PyErr_Occurred())
                goto fail;
            if (i == n)
                break;
            pyx_unpack_count_error(i, n);
            goto fail;
        }
        if (i == n) {
            Py_DECREF(item);
            pyx_unpack_count_error(n + 1, n);
            goto fail;
        }
        PyTuple_SET_ITEM(t, i, item);
    }
    Py_DECREF(it);
    return t;
fail:
    Py_DECREF(it);
    Py_XDECREF(t);
    return NULL;
}

static PYX_UNUSED PyObject *pyx_unpack_star(PyObject *v, Py_ssize_t before, Py_ssize_t after) {
    PyObject *it = pyx_unpack_iter(v);
    if (!it)
        return NULL;
    PyObject *t = PySequence_Tuple(it);
    Py_DECREF(it);
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
