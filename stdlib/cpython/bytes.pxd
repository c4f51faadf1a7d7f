# Bytes objects at the C level: `from cpython.bytes cimport PyBytes_FromStringAndSize`.
# PyBytes_FromStringAndSize(NULL, n) makes an uninitialised object of n bytes to fill through
# PyBytes_AS_STRING before anyone else sees it.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyBytes_Check(object o)
    bint PyBytes_CheckExact(object o)

    # New objects
    bytes PyBytes_FromString(const char *v)
    bytes PyBytes_FromStringAndSize(const char *v, Py_ssize_t len)
    bytes PyBytes_FromFormat(const char *format, ...)
    bytes PyBytes_FromObject(object o)

    # Size and contents. The buffer belongs to the object: it lives as long as it does.
    Py_ssize_t PyBytes_Size(object o) except -1
    Py_ssize_t PyBytes_GET_SIZE(object o)
    char *PyBytes_AsString(object o) except NULL
    char *PyBytes_AS_STRING(object o)
    int PyBytes_AsStringAndSize(object obj, char **buffer, Py_ssize_t *length) except -1

    # In place on a reference held by hand: *bytes is replaced (NULL on error, with the old
    # reference released); ConcatAndDel also releases newpart.
    void PyBytes_Concat(PyObject **bytes, object newpart)
    void PyBytes_ConcatAndDel(PyObject **bytes, PyObject *newpart)
    int _PyBytes_Resize(PyObject **bytes, Py_ssize_t newsize) except -1
