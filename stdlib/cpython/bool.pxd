# Python bools at the C level: `from cpython.bool cimport PyBool_FromLong`. Py_True and
# Py_False are borrowed `PyObject *`; `<object>Py_True` is True.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyBool_Check(object o)
    object PyBool_FromLong(long v)

    PyObject *Py_True
    PyObject *Py_False
