# Python ints at the C level: `from cpython.long cimport PyLong_FromLong, PyLong_AsLong`.
# The As* conversions return -1 (or (unsigned)-1) with OverflowError or TypeError set, so they
# are `except? -1`: pyxc checks for an exception when the result is -1.

cdef extern from "Python.h":
    bint PyLong_Check(object p)
    bint PyLong_CheckExact(object p)

    # New ints
    object PyLong_FromLong(long v)
    object PyLong_FromUnsignedLong(unsigned long v)
    object PyLong_FromSsize_t(Py_ssize_t v)
    object PyLong_FromSize_t(size_t v)
    object PyLong_FromLongLong(long long v)
    object PyLong_FromUnsignedLongLong(unsigned long long v)
    object PyLong_FromDouble(double v)
    object PyLong_FromString(const char *str, char **pend, int base)
    object PyLong_FromVoidPtr(void *p)

    # To C numbers
    long PyLong_AsLong(object obj) except? -1
    long PyLong_AsLongAndOverflow(object obj, int *overflow) except? -1
    long long PyLong_AsLongLong(object obj) except? -1
    long long PyLong_AsLongLongAndOverflow(object obj, int *overflow) except? -1
    Py_ssize_t PyLong_AsSsize_t(object pylong) except? -1
    unsigned long PyLong_AsUnsignedLong(object pylong) except? -1
    size_t PyLong_AsSize_t(object pylong) except? -1
    unsigned long long PyLong_AsUnsignedLongLong(object pylong) except? -1
    # Modulo 2**n, without overflow checks
    unsigned long PyLong_AsUnsignedLongMask(object obj) except? -1
    unsigned long long PyLong_AsUnsignedLongLongMask(object obj) except? -1
    double PyLong_AsDouble(object pylong) except? -1.0
    void *PyLong_AsVoidPtr(object pylong) except? NULL
