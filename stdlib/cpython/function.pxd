# Python function objects at the C level: `from cpython.function cimport PyFunction_Check`.
# The getters return borrowed references.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyFunction_Check(object o)

    object PyFunction_New(object code, object globals)
    object PyFunction_NewWithQualName(object code, object globals, object qualname)

    PyObject *PyFunction_GetCode(object op) except? NULL
    PyObject *PyFunction_GetGlobals(object op) except? NULL
    PyObject *PyFunction_GetModule(object op) except? NULL
    PyObject *PyFunction_GetDefaults(object op) except? NULL
    PyObject *PyFunction_GetClosure(object op) except? NULL
    PyObject *PyFunction_GetAnnotations(object op) except? NULL
    int PyFunction_SetDefaults(object op, object defaults) except -1
    int PyFunction_SetClosure(object op, object closure) except -1
    int PyFunction_SetAnnotations(object op, object annotations) except -1
