# Descriptors: `from cpython.descr cimport PyDescr_NewClassMethod`.

from cpython.object cimport PyTypeObject

cdef extern from "Python.h":
    ctypedef struct PyMethodDef:
        const char *ml_name
        void *ml_meth
        int ml_flags
        const char *ml_doc

    # A classmethod-like descriptor calling a C function of `type`
    object PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *method)
    object PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *meth)
    bint PyDescr_IsData(object descr)
    object PyWrapper_New(object d, object self)
