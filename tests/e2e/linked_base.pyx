"""The defining side of tests/e2e/linked_user.pyx.

>>> Shape('unit', 1.0).area(), clamp(9, 0, 5), freed()
(0.0, 5, 0)
"""

cdef int destroyed = 0


def freed():
    return destroyed


cdef class Shape:
    def __cinit__(self, name, scale=1.0):
        self.name = name
        self.scale = scale
        self.log = []

    def __dealloc__(self):
        global destroyed
        destroyed += 1

    cpdef double area(self):
        return 0.0

    cdef double perimeter(self):
        return 0.0

    cdef str describe(self, str prefix):
        self.log.append(prefix)
        return f"{prefix}{self.name}: area {self.area():g}, perimeter {self.perimeter():g}"

    def history(self):
        return list(self.log)

    cdef str label(self, str sep=':', int width=1):
        return f"Shape{sep}{self.name:>{width}}"

    cpdef str tag(self, suffix='!'):
        return f"Shape{suffix}"


cdef double scaled(double x, double k) except? -1:
    if k < 0:
        raise ValueError("negative scale")
    return x * k


cpdef int clamp(int x, int lo, int hi):
    return lo if x < lo else hi if x > hi else x


cdef Pair swap(Pair p):
    return Pair(p.b, p.a)
