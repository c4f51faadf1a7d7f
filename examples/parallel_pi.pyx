# cython: language_level=3, cdivision=True
# distutils: extra_compile_args = -fopenmp
# distutils: extra_link_args = -fopenmp
"""Pi by the midpoint rule over 4 / (1 + x^2), with the sum shared out among OpenMP threads.

`prange` runs the loop as an OpenMP `parallel for` (the header comments build the module with
-fopenmp); `total += ...` is a reduction, so each thread sums its part and the parts are added
at the end. Run it with `pyxc run examples/parallel_pi.pyx`.
"""
from cython.parallel import prange


def pi(long n=50_000_000):
    cdef double h = 1.0 / n
    cdef double total = 0.0, x
    cdef long i
    for i in prange(n, nogil=True):
        x = (i + 0.5) * h
        total += 4.0 / (1.0 + x * x)
    return total * h


if __name__ == "__main__":
    import time
    t = time.perf_counter()
    value = pi()
    print(f"pi = {value:.9f} in {time.perf_counter() - t:.3f}s")
