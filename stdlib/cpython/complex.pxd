# Python complex numbers at the C level (the C API's Py_complex, not C99's complex types of
# libc.complex): `from cpython.complex cimport PyComplex_RealAsDouble`.

cdef extern from "Python.h":
    ctypedef struct Py_complex:
        double real
        double imag

    bint PyComplex_Check(object p)
    bint PyComplex_CheckExact(object p)

    object PyComplex_FromCComplex(Py_complex v)
    object PyComplex_FromDoubles(double real, double imag)

    double PyComplex_RealAsDouble(object op) except? -1.0
    double PyComplex_ImagAsDouble(object op) except? -1.0
    # On failure the real part is -1.0 and an exception is set.
    Py_complex PyComplex_AsCComplex(object op)
