# Reference counting by hand. An `object` argument is any Python object; a `PyObject *` one
# may be NULL for the X variants.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    void Py_INCREF(object o)
    void Py_DECREF(object o)
    void Py_XINCREF(PyObject *o)
    void Py_XDECREF(PyObject *o)
    Py_ssize_t Py_REFCNT(object o)
