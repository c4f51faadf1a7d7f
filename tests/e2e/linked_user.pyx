"""Classes and C functions cimported from linked_base: field access and C method calls on its
type, subclasses that extend it here, and its C functions called directly.

>>> import linked_base
>>> s = Square('sq', 3.0)
>>> s.area(), s.side, s.name, s.scale, isinstance(s, linked_base.Shape)
(9.0, 3.0, 'sq', 3.0, True)
>>> report(s)
'>sq: area 9, perimeter 12'
>>> s.history()
['>']
>>> report(linked_base.Shape('plain', 2.0))
'>plain: area 0, perimeter 0'
>>> total_area([Square('a', 1.0), Square('b', 2.0), linked_base.Shape('c')])
5.0
>>> base_area(Square('z', 5.0)), twice_area(Square('y', 2.0))
(0.0, 8.0)
>>> class Loud(Square):
...     def area(self):
...         return 100.0
>>> report(Loud('loud', 1.0))
'>loud: area 100, perimeter 4'

Optional arguments a caller leaves out take the defaults of the method that runs (the
override's), as in Cython; a `=*` in the .pxd leaves them to the implementation.

>>> labels(linked_base.Shape('s'))
('Shape:s', 'Shape-s', 'Shape!', 'Shape?')
>>> labels(Square('q', 1.0))
('Square|   q', 'Square-   q', 'Square~', 'Square?')
>>> class Tagged(Square):
...     def tag(self, suffix='*'):
...         return 'Tagged' + suffix
>>> labels(Tagged('t', 1.0))
('Square|   t', 'Square-   t', 'Tagged~', 'Tagged?')
>>> helpers(2.0), pair_swap(1.0, 2.0)
((6.0, 3, 0), (2.0, 1.0))
>>> helpers(-1.0)
Traceback (most recent call last):
ValueError: negative scale
>>> report('x')
Traceback (most recent call last):
TypeError: Argument 'shape' has incorrect type (expected linked_base.Shape, got str)
>>> import gc
>>> before = linked_base.freed()
>>> items = [Square('t', 1.0) for _ in range(10)]
>>> del items; _ = gc.collect()
>>> linked_base.freed() - before
10
>>> c = Square('cycle', 1.0); c.extra = c; del c; _ = gc.collect()
>>> linked_base.freed() - before
11
"""

from linked_base cimport Shape, Pair, scaled, clamp, swap
cimport linked_base


cdef class Square(Shape):
    cdef readonly double side
    cdef public object extra

    def __init__(self, name, side):
        self.side = side

    cpdef double area(self):
        return self.side * self.side

    cdef double perimeter(self):
        return 4 * self.side

    cdef str label(self, str sep='|', int width=4):
        return f"Square{sep}{self.name:>{width}}"

    cpdef str tag(self, suffix='~'):
        return f"Square{suffix}"


def labels(Shape s):
    return s.label(), s.label('-'), s.tag(), s.tag('?')


def report(Shape shape):
    return shape.describe(">")


def total_area(shapes):
    cdef Shape s
    cdef double total = 0
    for s in shapes:
        total += s.area()
    return total


def base_area(Square s):
    return Shape.area(s)


def twice_area(Square s):
    return 2 * Shape.area(s) + 2 * s.area()


def helpers(double x):
    return scaled(3.0, x), clamp(7, 0, 3), linked_base.clamp(-7, 0, 3)


def pair_swap(double a, double b):
    cdef Pair p = swap(Pair(a, b))
    return p.a, p.b
