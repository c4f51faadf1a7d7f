# Tuples at the C level. PyTuple_New(n) makes a tuple of n empty slots; PyTuple_SET_ITEM and
# PyTuple_SetItem steal a reference to the item (give it one with Py_INCREF first), and are
# only for filling a tuple nobody else has seen yet. PyTuple_GET_ITEM and PyTuple_GetItem
# return borrowed references (`<object>` takes a new one).

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyTuple_Check(object p)
    bint PyTuple_CheckExact(object p)

    tuple PyTuple_New(Py_ssize_t len)
    tuple PyTuple_Pack(Py_ssize_t n, ...)

    Py_ssize_t PyTuple_Size(object p) except -1
    Py_ssize_t PyTuple_GET_SIZE(object p)
    PyObject *PyTuple_GetItem(object p, Py_ssize_t pos) except NULL
    PyObject *PyTuple_GET_ITEM(object p, Py_ssize_t pos)
    tuple PyTuple_GetSlice(object p, Py_ssize_t low, Py_ssize_t high)

    int PyTuple_SetItem(object p, Py_ssize_t pos, object o) except -1
    void PyTuple_SET_ITEM(object p, Py_ssize_t pos, object o)
