# Bytearray objects at the C level: `from cpython.bytearray cimport PyByteArray_AS_STRING`.

cdef extern from "Python.h":
    bint PyByteArray_Check(object o)
    bint PyByteArray_CheckExact(object o)

    bytearray PyByteArray_FromObject(object o)
    bytearray PyByteArray_FromStringAndSize(const char *string, Py_ssize_t len)
    bytearray PyByteArray_Concat(object a, object b)

    Py_ssize_t PyByteArray_Size(object bytearray) except -1
    Py_ssize_t PyByteArray_GET_SIZE(object bytearray)
    # The buffer moves when the object is resized.
    char *PyByteArray_AsString(object bytearray) except NULL
    char *PyByteArray_AS_STRING(object bytearray)
    int PyByteArray_Resize(object bytearray, Py_ssize_t len) except -1
