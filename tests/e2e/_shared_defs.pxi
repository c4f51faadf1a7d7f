# Included by including.pyx: C declarations and functions shared textually.
cdef double SCALE = 2.5


cdef inline int twice(int v) noexcept:
    return 2 * v


def scaled(double x):
    return x * SCALE

include "_more_defs.pxi"
