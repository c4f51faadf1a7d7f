# The iterator protocol: `from cpython.iterator cimport PyIter_Next`. PyIter_Next returns
# NULL at the end without an exception, so it gives a `PyObject *` (a new reference when not
# NULL: take it over with `<object>` and then Py_DECREF the pointer, or use
# `next(it, sentinel)` from Python code instead).

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyIter_Check(object o)
    PyObject *PyIter_Next(object o) except? NULL
