"""Running C code without the GIL: nogil functions, with nogil/with gil blocks, errors raised
without the GIL reaching Python, and jumps out of nogil blocks."""

from libc.math cimport sqrt


cdef double hypot2(double a, double b) noexcept nogil:
    # Functions of a `cdef extern from ... nogil:` block (libc.math) are callable here.
    return sqrt(a * a + b * b)


def released_hypot(double a, double b):
    """
    >>> released_hypot(3.0, 4.0)
    5.0
    """
    cdef double r
    with nogil:
        r = hypot2(a, b)
    return r


cdef long sum_to(long n) noexcept nogil:
    cdef long s = 0
    cdef long i
    for i in range(n + 1):
        s += i
    return s


cdef int positive(int n) except -1 nogil:
    if n <= 0:
        with gil:
            raise ValueError("not positive: %d" % n)
    return n


cdef int maybe_fail(int n) except? -1 nogil:
    if n == 13:
        with gil:
            raise KeyError(n)
    return -1 if n < 0 else n


def released_sum(long n):
    """
    >>> released_sum(10)
    55
    """
    cdef long r
    with nogil:
        r = sum_to(n)
    return r


def raise_through_nogil(int n):
    """An exception raised under `with gil` inside a nogil function crosses the nogil block.

    >>> raise_through_nogil(4)
    4
    >>> raise_through_nogil(0)
    Traceback (most recent call last):
    ValueError: not positive: 0
    """
    cdef int r
    with nogil:
        r = positive(n)
    return r


def maybe_value(int n):
    """`except? -1` is checked without the GIL: -1 alone is a value, not an error.

    >>> maybe_value(-5), maybe_value(7)
    (-1, 7)
    >>> maybe_value(13)
    Traceback (most recent call last):
    KeyError: 13
    """
    cdef int r
    with nogil:
        r = maybe_fail(n)
    return r


def divide_released(int a, int b):
    """
    >>> divide_released(9, 2)
    4
    >>> divide_released(1, 0)
    Traceback (most recent call last):
    ZeroDivisionError: integer division or modulo by zero
    """
    cdef int r
    with nogil:
        r = a // b
    return r


cdef int first_multiple(int n, int k) noexcept nogil:
    cdef int i
    with gil:
        pass
    for i in range(1, n):
        if i % k == 0:
            return i
    return -1


def jumps(int n):
    """break and return leave the nogil block cleanly (the GIL is back afterwards).

    >>> jumps(20)
    (7, 7, [0, 1, 2])
    """
    cdef int i, found = -1
    out = []
    with nogil:
        for i in range(n):
            if i == 7:
                found = i
                break
            if i < 3:
                with gil:
                    out.append(i)
    return found, first_multiple(n, 7), out
