# distutils: extra_compile_args = -fopenmp
# distutils: extra_link_args = -fopenmp
"""`prange` loops as OpenMP `parallel for` loops (the module is built with -fopenmp).

In-place operators make reductions; other assigned variables keep the value of the last
iteration; a loop that runs no iteration leaves them alone:

>>> import array
>>> values = array.array('d', [0.5 * k for k in range(1000)])
>>> doubled_total(values) == 2 * sum(values)
True
>>> last_values(4), last_values(0)
((3, 6.0, 6), (-1, -1.0, 0))
>>> stepped(0, 10, 3), stepped(10, 0, -3), stepped(10, 0, 3)
((18, 9), (22, 1), (0, -5))
>>> unsigned_countdown(10) == sum(range(10, 0, -1))
True

`num_threads` and `schedule` choose how the iterations are shared out: with two threads and a
static schedule each takes a half.

>>> thread_ids(100)
(0, 1)

An exception in an iteration stops the others and is raised after the loop, with the line
where it happened; a `break` stops the loop (threads finish the iterations they started) and
skips its `else`:

>>> checked_total(values)
Traceback (most recent call last):
IndexError: Out of bounds on buffer access (axis 0)
>>> validated(50), validated(100)
Traceback (most recent call last):
ValueError: value 77 is not allowed
>>> stops_early(1000)
(True, False)
>>> with_python_objects(40)
True

A `with parallel():` block runs in each thread, with its own variables (a buffer per thread
here); a `prange` inside shares its iterations out among the block's threads, and an
exception in any thread is raised after the block:

>>> per_thread_buffers(100)
(50.0, 100)
>>> raising_block()
Traceback (most recent call last):
KeyError: 'from thread 1'
>>> block_of_checked_loops(values)
Traceback (most recent call last):
IndexError: Out of bounds on buffer access (axis 0)
>>> block_with_a_break(10)
(3, 10)

Loops that cannot run in parallel (the GIL held, a `return` inside) run serially:

>>> holding_the_gil(10), index_of(array.array('i', range(10)), 7)
(45, 7)
"""
from cython.parallel import prange, parallel, threadid
from libc.stdlib cimport malloc, free
cimport cython


@cython.boundscheck(False)
@cython.wraparound(False)
def doubled_total(double[:] a):
    cdef Py_ssize_t i
    cdef double total = 0, twice
    for i in prange(a.shape[0], nogil=True):
        twice = a[i] * 2
        total += twice
    return total


def last_values(int n):
    cdef int i = -1
    cdef double x = -1
    cdef long count = 0
    for i in prange(n, nogil=True):
        x = i * 2.0
        count += i
    return i, x, count


def stepped(int start, int stop, int step):
    cdef int i
    cdef long total = 0
    cdef int last = -5
    for i in prange(start, stop, step, nogil=True):
        total += i
        last = i
    return total, last


def unsigned_countdown(int n):
    cdef size_t i
    cdef long total = 0
    for i in prange(n, 0, -1, nogil=True):
        total += i
    return total


def thread_ids(int n):
    import array
    ids = array.array('i', [-1]) * n
    cdef int[:] view = ids
    cdef int i
    for i in prange(n, nogil=True, num_threads=2, schedule='static'):
        view[i] = threadid()
    return min(ids), max(ids)


def checked_total(double[:] a):
    cdef Py_ssize_t i
    cdef double total = 0
    for i in prange(a.shape[0] + 1, nogil=True):
        total += a[i]
    return total


cdef int allowed(int v) except -1 nogil:
    if v == 77:
        with gil:
            raise ValueError(f"value {v} is not allowed")
    return v


def validated(int n):
    cdef int i
    cdef long total = 0
    for i in prange(n, nogil=True, schedule='dynamic', chunksize=4):
        total += allowed(i)
    return total


def stops_early(int n):
    cdef int i
    cdef long done = 0
    cdef bint else_ran = False
    for i in prange(n, nogil=True):
        if i == 3:
            break
        done += 1
    else:
        else_ran = True
    return done < n, else_ran


def with_python_objects(int n):
    cdef int i
    squares = []
    for i in prange(n, nogil=True):
        with gil:
            squares.append(i * i)
    return sorted(squares) == [k * k for k in range(n)]


def holding_the_gil(int n):
    cdef int i
    total = 0
    for i in prange(n):
        total += i
    return total


cdef int find(int[:] a, int x) noexcept nogil:
    cdef int i
    for i in prange(a.shape[0]):
        if a[i] == x:
            return i
    return -1


def index_of(a, int x):
    return find(a, x)


def per_thread_buffers(int n):
    cdef int i
    cdef double *mine
    cdef double total = 0
    cdef int count = 0
    with nogil, parallel(num_threads=2):
        mine = <double *>malloc(sizeof(double))
        mine[0] = threadid()
        for i in prange(n, schedule='static'):
            total += mine[0]
            count += 1
        free(mine)
    return total, count


def raising_block():
    cdef int t
    with nogil, parallel(num_threads=2):
        t = threadid()
        if t == 1:
            with gil:
                raise KeyError("from thread 1")
    return t


def block_of_checked_loops(double[:] a):
    cdef Py_ssize_t i, j
    cdef double first = 0, second = 0
    with nogil, parallel():
        for i in prange(a.shape[0]):
            first += a[i]
        for j in prange(a.shape[0] + 1):
            second += a[j]
    return first, second


def block_with_a_break(int n):
    cdef int i, j
    cdef long before = 0, after = 0
    with nogil, parallel():
        for i in prange(n):
            if i == 3:
                break
            before += 1
        for j in prange(n):
            after += 1
    return before, after
