# Python ints under their Python 2 names, for code written against them: each is the
# PyLong_* function of Python 3 (cpython.long, which new code uses).

cdef extern from "Python.h":
    bint PyInt_Check(object o) "PyLong_Check"
    bint PyInt_CheckExact(object o) "PyLong_CheckExact"

    object PyInt_FromLong(long ival) "PyLong_FromLong"
    object PyInt_FromSize_t(size_t ival) "PyLong_FromSize_t"
    object PyInt_FromSsize_t(Py_ssize_t ival) "PyLong_FromSsize_t"
    object PyInt_FromString(const char *str, char **pend, int base) "PyLong_FromString"

    long PyInt_AsLong(object io) except? -1 "PyLong_AsLong"
    long PyInt_AS_LONG(object io) except? -1 "PyLong_AsLong"
    Py_ssize_t PyInt_AsSsize_t(object io) except? -1 "PyLong_AsSsize_t"
    unsigned long PyInt_AsUnsignedLongMask(object io) except? -1 "PyLong_AsUnsignedLongMask"
    unsigned long long PyInt_AsUnsignedLongLongMask(object io) except? -1 "PyLong_AsUnsignedLongLongMask"
