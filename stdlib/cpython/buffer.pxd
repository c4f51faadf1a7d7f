# The buffer protocol (`Py_buffer` itself is a builtin type).

cdef extern from "Python.h":
    enum:
        PyBUF_SIMPLE
        PyBUF_WRITABLE
        PyBUF_WRITEABLE
        PyBUF_FORMAT
        PyBUF_ND
        PyBUF_STRIDES
        PyBUF_C_CONTIGUOUS
        PyBUF_F_CONTIGUOUS
        PyBUF_ANY_CONTIGUOUS
        PyBUF_INDIRECT
        PyBUF_CONTIG
        PyBUF_CONTIG_RO
        PyBUF_STRIDED
        PyBUF_STRIDED_RO
        PyBUF_RECORDS
        PyBUF_RECORDS_RO
        PyBUF_FULL
        PyBUF_FULL_RO
        PyBUF_READ
        PyBUF_WRITE

    bint PyObject_CheckBuffer(object obj)
    int PyObject_GetBuffer(object obj, Py_buffer *view, int flags) except -1
    void PyBuffer_Release(Py_buffer *view)
    bint PyBuffer_IsContiguous(Py_buffer *view, char fort)
    int PyBuffer_FillInfo(Py_buffer *view, object exporter, void *buf, Py_ssize_t len, int readonly, int flags) except -1
