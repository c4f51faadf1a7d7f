# What linked_base shares with modules that cimport it.

cdef struct Pair:
    double a, b

cdef class Shape:
    cdef public str name
    cdef readonly double scale
    cdef list log
    cpdef double area(self)
    cdef double perimeter(self)
    cdef str describe(self, str prefix)
    cdef str label(self, str sep=*, int width=*)
    cpdef str tag(self, suffix=*)

cdef double scaled(double x, double k) except? -1
cpdef int clamp(int x, int lo, int hi)
cdef Pair swap(Pair p)
