# Argument parsing as C extension functions do it: `from cpython.getargs cimport
# PyArg_ParseTuple`. Each returns false with an exception set on failure.

cdef extern from "Python.h":
    bint PyArg_ParseTuple(object args, const char *format, ...) except 0
    bint PyArg_ParseTupleAndKeywords(object args, object kw, const char *format,
                                     char **keywords, ...) except 0
    bint PyArg_UnpackTuple(object args, const char *name, Py_ssize_t min,
                           Py_ssize_t max, ...) except 0
    bint PyArg_Parse(object args, const char *format, ...) except 0
