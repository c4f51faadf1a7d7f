# cython: language_level=3, cdivision=True
"""Numerical integration with the midpoint rule: a cdef function called from a typed loop.

Run it with `pyxc run examples/integrate.pyx`.
"""
from libc.math cimport sin, M_PI


cdef double f(double x) noexcept:
    return sin(x) * sin(x)


def integrate(double a, double b, long n=1000000):
    """The integral of sin(x)**2 from a to b.

    >>> round(integrate(0.0, M_PI), 6)
    1.570796
    """
    cdef double h = (b - a) / n
    cdef double total = 0.0
    cdef long i
    for i in range(n):
        total += f(a + (i + 0.5) * h)
    return total * h


if __name__ == "__main__":
    print(f"integral of sin(x)^2 over [0, pi] = {integrate(0.0, M_PI):.9f}")
