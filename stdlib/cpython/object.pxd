# CPython objects at the C level: `PyObject *` for borrowed references handled by hand.

cdef extern from "Python.h":
    ctypedef struct PyObject:
        pass
    ctypedef struct PyTypeObject:
        pass

    # The comparison codes of tp_richcompare and `__richcmp__`.
    enum:
        Py_LT
        Py_LE
        Py_EQ
        Py_NE
        Py_GT
        Py_GE
