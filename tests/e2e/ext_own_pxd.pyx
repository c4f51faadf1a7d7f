"""A module implementing the classes and functions its own .pxd declares.

>>> c = Counter(3)
>>> c.total(4), c.count, c.step
(12, 4, 3)
>>> twice_of(5)
10
"""


cdef int twice(int x) noexcept:
    return 2 * x


cdef class Counter:
    def __init__(self, step):
        self.step = step

    cdef int bump(self) except -1:
        self.count += 1
        return self.count

    cpdef int total(self, int times):
        cdef int i
        for i in range(times):
            self.bump()
        return self.count * self.step


def twice_of(x):
    return twice(x)
