"""Inline functions and structs from a cimported .pxd, next to the module's own namesakes.

>>> measured(5.0, 2.0)
(2.0, 5.0, 3.0)
>>> own_length(4.0)
8.0
>>> from_module_attribute()
1.5
"""
cimport _geometry as g
from _geometry cimport Span, span_of


cdef double length(double x) noexcept:
    return 2 * x


def measured(double a, double b):
    cdef Span s = span_of(a, b)
    return s.lo, s.hi, g.length(s)


def own_length(double x):
    return length(x)


def from_module_attribute():
    cdef g.Span s = g.Span(0.5, 2.0)
    return g.length(s)
