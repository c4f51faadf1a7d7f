"""cdef and cpdef functions, exception values, libc.

>>> call_fib(20)
6765
>>> checked(5), checked(-1)
(10, 'ValueError')
>>> hyp(3.0, 4.0)
5.0
>>> twice(21)
42
"""
from libc.math cimport sqrt

cdef long fib(long n) noexcept:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def call_fib(long n):
    return fib(n)

cdef int must_be_positive(int x) except -1:
    if x < 0:
        raise ValueError("negative")
    return x * 2

def checked(int x):
    try:
        return must_be_positive(x)
    except ValueError:
        return 'ValueError'

def hyp(double a, double b):
    return sqrt(a * a + b * b)

cpdef int twice(int x):
    return x * 2


cdef int first_of(int n, ...):
    return n


def variadic_definition():
    """A cdef function defined with `...` takes extra C arguments (read only from C).

    >>> variadic_definition()
    7
    """
    return first_of(7, 1.5, b"x")


cdef int swallowing(int x) noexcept:
    if x < 0:
        raise KeyError(x)
    return x + 1


def unraisable_report(int x):
    """A noexcept function cannot pass its exception on: it is printed, then given to
    sys.unraisablehook with the qualified function name, and the caller goes on.

    >>> import io, sys
    >>> seen, saved, err = [], sys.unraisablehook, sys.stderr
    >>> sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, u.object))
    >>> sys.stderr = io.StringIO()
    >>> try:
    ...     r = unraisable_report(-3)
    ...     printed = sys.stderr.getvalue()
    ... finally:
    ...     sys.unraisablehook, sys.stderr = saved, err
    >>> r, seen, printed.strip().splitlines()[-1]
    (0, [('KeyError', 'cfuncs.swallowing')], 'KeyError: -3')
    >>> unraisable_report(4)
    5
    """
    return swallowing(x)
