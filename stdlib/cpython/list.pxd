# Lists at the C level. PyList_SET_ITEM and PyList_SetItem steal a reference to the item
# (give it one with Py_INCREF first); SET_ITEM fills a slot of a new list without checks.
# PyList_GET_ITEM and PyList_GetItem return borrowed references (`<object>` takes a new one).

from cpython.object cimport PyObject

cdef extern from "Python.h":
    list PyList_New(Py_ssize_t n)
    bint PyList_Check(object o)
    bint PyList_CheckExact(object o)
    Py_ssize_t PyList_Size(object l) except -1
    Py_ssize_t PyList_GET_SIZE(object l)
    PyObject *PyList_GetItem(object l, Py_ssize_t i) except NULL
    PyObject *PyList_GET_ITEM(object l, Py_ssize_t i)
    int PyList_SetItem(object l, Py_ssize_t i, object o) except -1
    void PyList_SET_ITEM(object l, Py_ssize_t i, object o)
    int PyList_Append(object l, object o) except -1
    int PyList_Insert(object l, Py_ssize_t i, object o) except -1
    list PyList_GetSlice(object l, Py_ssize_t low, Py_ssize_t high)
    # itemlist NULL deletes the slice
    int PyList_SetSlice(object l, Py_ssize_t low, Py_ssize_t high, object itemlist) except -1
    int PyList_Sort(object l) except -1
    int PyList_Reverse(object l) except -1
    tuple PyList_AsTuple(object l)
