# cython: language_level=3
"""Primes below a bound with a sieve on a C array: typed code that compiles to plain C loops.

Run it with `pyxc run examples/primes.pyx [N]`.
"""
from libc.stdlib cimport malloc, free
from libc.string cimport memset
import sys


cdef long count_primes(long n) except -1:
    """How many primes are below n."""
    cdef unsigned char *flags
    cdef long i, j, count = 0
    if n < 3:
        return 0 if n < 3 else 1
    flags = <unsigned char *>malloc(n)
    if flags == NULL:
        raise MemoryError()
    memset(flags, 1, n)
    i = 2
    while i * i < n:
        if flags[i]:
            j = i * i
            while j < n:
                flags[j] = 0
                j += i
        i += 1
    for i in range(2, n):
        if flags[i]:
            count += 1
    free(flags)
    return count


def primes_below(long n):
    """The number of primes below n.

    >>> primes_below(100)
    25
    """
    return count_primes(n)


if __name__ == "__main__":
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    print(f"{primes_below(limit)} primes below {limit}")
