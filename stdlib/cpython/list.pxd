# Lists at the C level. PyList_SET_ITEM steals a reference to the item (give it one with
# Py_INCREF first) and fills a slot of a new list without checks.

cdef extern from "Python.h":
    list PyList_New(Py_ssize_t n)
    bint PyList_Check(object o)
    bint PyList_CheckExact(object o)
    Py_ssize_t PyList_Size(object l) except -1
    Py_ssize_t PyList_GET_SIZE(object l)
    void PyList_SET_ITEM(object l, Py_ssize_t i, object o)
    int PyList_Append(object l, object o) except -1
    int PyList_Insert(object l, Py_ssize_t i, object o) except -1
    int PyList_Sort(object l) except -1
    int PyList_Reverse(object l) except -1
    tuple PyList_AsTuple(object l)
