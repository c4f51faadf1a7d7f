# distutils: sources = _csum.c
# distutils: define_macros = CSUM_SCALE=3
"""C code built with the module, and the declarations pyxc ships for libc and CPython.

`# distutils: sources` compiles `_csum.c` into the module (with the macro it defines), and
its header is found beside this file:

>>> scaled_sum([1, 2, 3])
18

libc's errno and float limits, CPython's allocator and reference counting:

>>> errno_after_log(-1.0)
True
>>> dbl_limits()
(True, 53)
>>> squares_buffer(4)
[0, 1, 4, 9]
>>> refcount_round_trip()
0

String literals are C strings for C varargs and `void *` parameters; functions' addresses
and function pointers returned by cdef functions have C's types:

>>> formatted()
(b'[ 2.50|abc|z]', 13)
>>> copied()
b'xyz'
>>> pick(True)(6, 7), pick(False)(6, 7)
(13, 42)

A union takes one member, from its constructor or from a mapping naming one member:

>>> float_bits(1.0), float_from_bits({'bits': 0x40000000})
(1065353216, 2.0)
>>> float_from_bits({'bits': 1, 'value': 2.0})
Traceback (most recent call last):
ValueError: More than one union attribute passed: 'bits' and 'value'
>>> float_from_bits({'other': 1})
Traceback (most recent call last):
ValueError: No value specified for any of the union attributes (bits, value)

A packed struct has no padding:

>>> struct_sizes()
(8, 5)

Array fields of a struct convert both ways: to a list of the elements (bytes up to the NUL
for a char array) and from any iterable of exactly as many items as the array holds, as
assigning a whole array takes them (so bytes fill a char array only at its full length).
A whole array field can be assigned too:

>>> labelled({'label': b'ab\\0\\0\\0\\0\\0\\0', 'dims': [2, 3], 'corners': [[1, 2], (3, 4)]})
{'label': b'ab', 'dims': [2, 3], 'corners': [[1, 2], [3, 4]]}
>>> labelled({'label': b'ab', 'dims': [2, 3], 'corners': [[1, 2], [3, 4]]})
Traceback (most recent call last):
IndexError: not enough values found during array assignment, expected 8, got 2
>>> labelled({'label': bytes(8), 'dims': [2, 3, 4], 'corners': [[1, 2], [3, 4]]})
Traceback (most recent call last):
IndexError: too many values found during array assignment, expected 2
>>> relabelled()
{'label': b'x', 'dims': [7, 8], 'corners': [[0, 0], [0, 9]]}

A dict display (or a list display, by position) becomes a struct at compile time: its
values are C values, so a one-character str is its code, and absent fields are zero:

>>> displayed_structs()
({'x': 1, 'y': 2}, {'x': 97, 'y': 0}, {'x': 5, 'y': 6})

`c'x'` is a C char constant (its code):

>>> char_literals(b'hat')
(True, 105, 10)

Arithmetic on a `cpdef enum` member gives a plain int, not another member; a function
pointer compares with a function as its address:

>>> enum_arithmetic()
(2, 2, -1, 3, <Mode.WRITE: 2>)
>>> same_function()
(True, False)

A closure can capture a C pointer:

>>> all_zero(6)
True
"""
from libc.errno cimport errno, EDOM
from libc.float cimport DBL_MAX, DBL_MANT_DIG
from libc.math cimport log
from libc.stdlib cimport calloc, free
from libc.stdio cimport snprintf
from libc.string cimport memcpy
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.ref cimport Py_INCREF, Py_DECREF, Py_REFCNT

cdef extern from "_csum.h":
    long csum_scaled(const long *values, int n)
    enum:
        CSUM_SLOTS
        CSUM_EXTRA
    const char * const csum_names[2]
    const long * const csum_unit


def slots(values):
    """Arrays sized by header constants: sizeof, a whole-array copy from an iterable, and the
    array as a list all use the C compiler's value.

    >>> slots([1, 2, 3, 4])
    (16, 8, [1, 2, 3, 4], [0, 0, 0, 0, 0, 0])
    >>> slots([1, 2])
    Traceback (most recent call last):
    IndexError: not enough values found during array assignment, expected 4, got 2
    """
    cdef int a[CSUM_SLOTS]
    cdef char b[CSUM_SLOTS * 2]
    cdef int c[CSUM_SLOTS + CSUM_EXTRA]
    cdef int i
    a = values
    for i in range(CSUM_SLOTS + CSUM_EXTRA):
        c[i] = 0
    return sizeof(a), sizeof(b), a, c


def scaled_sum(values):
    cdef long buf[16]
    cdef int n = len(values)
    cdef int i
    for i in range(n):
        buf[i] = values[i]
    return csum_scaled(buf, n)


def errno_after_log(double x):
    log(x)
    return errno == EDOM


def dbl_limits():
    return DBL_MAX > 1e308, int(DBL_MANT_DIG)


def squares_buffer(int n):
    cdef long *p = <long *>PyMem_Malloc(n * sizeof(long))
    cdef int i
    if p == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            p[i] = i * i
        return [p[i] for i in range(n)]
    finally:
        PyMem_Free(p)


def refcount_round_trip():
    x = object()
    before = Py_REFCNT(x)
    Py_INCREF(x)
    Py_DECREF(x)
    return Py_REFCNT(x) - before


def all_zero(int n):
    cdef double *buf = <double *>calloc(n, sizeof(double))
    try:
        return all(buf[i] == 0.0 for i in range(n))
    finally:
        free(buf)


def formatted():
    cdef char buf[32]
    cdef char c = b'z'
    cdef int n = snprintf(buf, sizeof(buf), "[%5.2f|%s|%c]", 2.5, b"abc", c)
    return buf[:n], n


def copied():
    cdef char buf[4]
    memcpy(buf, b"xyz", 4)
    return buf[:3]


ctypedef int (*binary)(int, int) noexcept

cdef int add(int a, int b) noexcept:
    return a + b

cdef int mul(int a, int b) noexcept:
    return a * b

cdef binary choose(bint adding) noexcept:
    if adding:
        return &add
    return mul


def pick(bint adding):
    cdef binary f = choose(adding)
    return lambda a, b: f(a, b)


cdef union Word:
    unsigned int bits
    float value


def float_bits(float f):
    cdef Word w = Word(value=f)
    return w.bits


def float_from_bits(Word w):
    return w.value


cdef struct Loose:
    char c
    int i


cdef packed struct Tight:
    char c
    int i


def struct_sizes():
    return sizeof(Loose), sizeof(Tight)


cdef struct Labelled:
    char label[8]
    int dims[2]
    int corners[2][2]


def labelled(d):
    cdef Labelled l = d
    return l


def relabelled():
    cdef Labelled l
    l.label = [120, 0, 0, 0, 0, 0, 0, 0]
    l.dims = [7, 8]
    l.corners = [[0, 0], [0, 9]]
    return l


cdef extern from "stdlib.h":
    long c_labs "labs"(long x) nogil
    long c_labs_after(long x) "labs"


def c_names_either_side(long v):
    """A C name may stand before the parameters (Cython's usual place) or after them.

    >>> c_names_either_side(-4)
    (4, 4)
    """
    return c_labs(v), c_labs_after(v)


cdef long first_of(const long * const values) noexcept:
    return values[0]


def const_pointers():
    """`* const` declares a pointer that cannot be reassigned; it reads like any other.

    >>> const_pointers()
    (b'scale', 1, 1)
    """
    return csum_names[1], csum_unit[0], first_of(csum_unit)


cpdef enum Mode:
    READ = 1
    WRITE = 2


def enum_arithmetic():
    cdef Mode m = READ
    return READ + 1, m * 2, -m, m | WRITE, Mode(m + 1)


cdef int twice(int x) noexcept:
    return 2 * x


cdef int thrice(int x) noexcept:
    return 3 * x


def same_function():
    cdef int (*f)(int) noexcept = twice
    return f == twice, f == thrice


cdef struct Pair:
    int x
    int y


def displayed_structs():
    cdef Pair a = {'y': 2, 'x': 1}
    cdef Pair b = {'x': 'a'}
    cdef Pair c
    c = [5, 6]
    return a, b, c


def char_literals(const char* s):
    return s[0] == c'h', c'h' + 1, c'\n'
