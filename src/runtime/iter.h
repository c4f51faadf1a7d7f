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
