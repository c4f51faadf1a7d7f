# Slice objects at the C level: `from cpython.slice cimport PySlice_New, PySlice_GetIndicesEx`.

cdef extern from "Python.h":
    bint PySlice_Check(object ob)

    # Any of the three may be None
    slice PySlice_New(object start, object stop, object step)

    # The indices for a sequence of the given length, clipped as Python does
    int PySlice_GetIndicesEx(object slice, Py_ssize_t length, Py_ssize_t *start,
                             Py_ssize_t *stop, Py_ssize_t *step,
                             Py_ssize_t *slicelength) except -1
    int PySlice_Unpack(object slice, Py_ssize_t *start, Py_ssize_t *stop,
                       Py_ssize_t *step) except -1
    Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                                     Py_ssize_t step)
