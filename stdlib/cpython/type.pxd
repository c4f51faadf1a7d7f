# Type objects at the C level: `from cpython.type cimport PyType_Check, PyType_IsSubtype`.

from cpython.object cimport PyTypeObject

cdef extern from "Python.h":
    bint PyType_Check(object o)
    bint PyType_CheckExact(object o)
    bint PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b)

    # Flags and lookups
    unsigned long PyType_GetFlags(PyTypeObject *type)
    bint PyType_HasFeature(PyTypeObject *o, int feature)
    void PyType_Modified(PyTypeObject *type)
    int PyType_Ready(PyTypeObject *type) except -1

    # Instances: type->tp_alloc, and the default tp_new
    object PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems)
    object PyType_GenericNew(PyTypeObject *type, object args, object kwds)
