# Declarations with inline functions, cimported by tests/e2e/pxd_inline.pyx: the functions are
# compiled into the module that cimports them.

ctypedef struct Span:
    double lo
    double hi

cdef inline double length(Span s) noexcept:
    return s.hi - s.lo

cdef inline Span span_of(double a, double b) noexcept:
    if a <= b:
        return Span(a, b)
    return Span(b, a)
