# cython: language_level=3
"""Extension types: a cdef class hierarchy with typed fields, C methods called through the
vtable, a cpdef method overridden by a Python subclass, and special methods."""


cdef class Shape:
    cdef readonly str name

    def __init__(self, name):
        self.name = name

    cpdef double area(self):
        return 0.0

    def __lt__(self, Shape other):
        return self.area() < other.area()

    def __repr__(self):
        return f"{self.name}({self.area():.2f})"


cdef class Rect(Shape):
    cdef public double w, h

    def __init__(self, double w, double h, name='rect'):
        super().__init__(name)
        self.w = w
        self.h = h

    cpdef double area(self):
        return self.w * self.h


cdef class Circle(Shape):
    cdef public double r

    def __init__(self, double r):
        super().__init__('circle')
        self.r = r

    cpdef double area(self):
        return 3.141592653589793 * self.r * self.r


class Square(Rect):
    """A Python subclass: compiled callers of area() still find its override."""

    def __init__(self, side):
        super().__init__(side, side, 'square')

    def area(self):
        return self.w ** 2


cdef double total_area(list shapes):
    cdef Shape s
    cdef double total = 0.0
    for s in shapes:
        total += s.area()          # a vtable call; the Python override is honoured
    return total


if __name__ == "__main__":
    shapes = [Rect(2, 3), Circle(1), Square(2)]
    print(sorted(shapes))
    print(f"total area: {total_area(shapes):.2f}")
    r = shapes[0]
    r.w = 10
    print(r, "w =", r.w)
    try:
        r.name = 'other'
    except AttributeError as e:
        print("AttributeError:", e)
