/* pyxc runtime: closures. A captured variable lives in a cell; a nested function's `self` is
   the tuple (module, cells it reads...): item 0 keeps the module alive as for other functions. */
/* An empty cell: the function's own variable is unbound (UnboundLocalError), a captured one
   is a NameError, as in CPython. */
static PYX_UNUSED PyObject *pyx_cell_get(PyObject *cell, const char *name, int own) {
    PyObject *v = PyCell_GET(cell);
    if (pyx_unlikely(!v)) {
        if (own)
            PyErr_Format(PyExc_UnboundLocalError,
                         "cannot access local variable '%s' where it is not associated with a value", name);
        else
            PyErr_Format(PyExc_NameError,
                         "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                         name);
        return NULL;
    }
    Py_INCREF(v);
    return v;
}

/* A captured struct, ctuple or array lives in a zeroed bytearray its cell holds for the
   variable's whole life; both functions read and write it in place. */
static PYX_UNUSED PyObject *pyx_cell_block_new(Py_ssize_t size) {
    PyObject *b = PyByteArray_FromStringAndSize(NULL, size);
    if (b)
        memset(PyByteArray_AS_STRING(b), 0, (size_t)size);
    return b;
}
#define pyx_cell_block(cell) ((void *)PyByteArray_AS_STRING(PyCell_GET(cell)))

static PYX_UNUSED int pyx_cell_del(PyObject *cell, const char *name) {
    if (pyx_unlikely(!PyCell_GET(cell))) {
        PyErr_Format(PyExc_UnboundLocalError,
                     "cannot access local variable '%s' where it is not associated with a value", name);
        return -1;
    }
    return PyCell_Set(cell, NULL);
}

static PYX_UNUSED PyObject *pyx_make_closure(PyMethodDef *def, PyObject *cells, PyObject *qualname) {
    Py_INCREF(cells);
    return pyx_function_new(def, cells, qualname);
}
