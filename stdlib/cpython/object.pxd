# CPython objects at the C level: `PyObject *` for borrowed references handled by hand.

cdef extern from "Python.h":
    ctypedef struct PyObject:
        pass
    ctypedef struct PyTypeObject:
        pass
