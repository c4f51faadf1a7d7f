/* pyxc runtime: iteration. Returns the next item, or NULL at the end (no exception set) or
   on error (exception set). */
static PYX_UNUSED PyObject *pyx_iter_next(PyObject *it) {
    PyObject *r = Py_TYPE(it)->tp_iternext(it);
    if (r == NULL && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_StopIteration))
            return NULL;
        PyErr_Clear();
    }
    return r;
}

/* `for` loops: the exact lists and tuples are walked by index (as their iterators would, a
   list's size read again at every step), anything else through its iterator. pyx_iter_start
   gives what pyx_iter_step takes: the list or tuple itself, or the iterator. */
static inline PYX_UNUSED PyObject *pyx_iter_start(PyObject *o) {
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
        Py_INCREF(o);
        return o;
    }
    return PyObject_GetIter(o);
}

static inline PYX_UNUSED PyObject *pyx_iter_step(PyObject *it, Py_ssize_t *i) {
    if (PyList_CheckExact(it)) {
        if (*i >= PyList_GET_SIZE(it))
            return NULL;
        PyObject *r = PyList_GET_ITEM(it, *i);
        (*i)++;
        Py_INCREF(r);
        return r;
    }
    if (PyTuple_CheckExact(it)) {
        if (*i >= PyTuple_GET_SIZE(it))
            return NULL;
        PyObject *r = PyTuple_GET_ITEM(it, *i);
        (*i)++;
        Py_INCREF(r);
        return r;
    }
    return pyx_iter_next(it);
}
