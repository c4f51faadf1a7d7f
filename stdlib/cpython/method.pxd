# Bound method objects at the C level: `from cpython.method cimport PyMethod_New`. The
# getters return borrowed references.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyMethod_Check(object o)

    # func bound to self
    object PyMethod_New(object func, object self)

    PyObject *PyMethod_Function(object meth) except NULL
    PyObject *PyMethod_Self(object meth) except NULL
    PyObject *PyMethod_GET_FUNCTION(object meth)
    PyObject *PyMethod_GET_SELF(object meth)
