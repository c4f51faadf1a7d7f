# Python floats at the C level: `from cpython.float cimport PyFloat_AsDouble`.

cdef extern from "Python.h":
    bint PyFloat_Check(object p)
    bint PyFloat_CheckExact(object p)

    object PyFloat_FromDouble(double v)
    # From a str (or bytes) holding a number
    object PyFloat_FromString(object str)

    # Any object with __float__ (or __index__); -1.0 with an exception set on failure
    double PyFloat_AsDouble(object pyfloat) except? -1.0
    double PyFloat_AS_DOUBLE(object pyfloat)

    double PyFloat_GetMax()
    double PyFloat_GetMin()
    object PyFloat_GetInfo()
