# Declarations that make augmented.py a typed module when pyxc compiles it.

cpdef long scale(long value, int factor)

cdef double _half(double x)

cdef class Counter:
    cdef public long count
    cdef readonly str label
    cdef int _step
    cpdef long bump(self)
    cdef long peek(self)
