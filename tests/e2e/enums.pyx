"""Enums at the Python boundary. A named enum's C type is the one a C compiler gives it: an
enum without negative values is unsigned (-1 does not convert, 3000000000 does), one with a
value beyond 32 bits is 64 bits wide. Conversion errors name the enum as Cython's do.

>>> from_color(-5), from_color(2)
(-5, 2)
>>> from_color(2**31)
Traceback (most recent call last):
OverflowError: value too large to convert to enum Color
>>> from_mode(9)
9
>>> from_mode(-1)
Traceback (most recent call last):
OverflowError: can't convert negative value to Mode
>>> from_big(3000000000), from_big(2**31)
(3000000000, 2147483648)
>>> from_big(2**32)
Traceback (most recent call last):
OverflowError: value too large to convert to enum Big
>>> from_huge(-3000000000)
-3000000000
>>> from_level(10), from_level(7)
(<Level.HIGH: 10>, <Level: 7>)

A `cpdef enum` field or ctuple item becomes its member too:

>>> struct_with_level({'c': 2, 'l': 10})
{'c': 2, 'l': <Level.HIGH: 10>}
>>> ctuple_with_level()
(<Level.LOW: 1>, 2)

Values compute as signed integers (Cython types them so; C's unsigned enum would wrap):

>>> arithmetic()
(-4, -3, -1, -5, -1, -2, True, True, 2)
>>> compare(1, -1)
(False, True)

An enum variable may count in a range loop:

>>> count()
[0, 1, 2, 0, 1]
"""

cdef enum Color:
    RED = 1
    GREEN = 2
    NEG = -5

ctypedef enum Mode:
    M_A = 0
    M_B = 7

cdef enum Big:
    BIG = 3000000000

cdef enum Huge:
    HNEG = -3000000000
    HPOS = 5

cdef enum Unsigned:
    U1 = 1
    U2 = 2

cpdef enum Level:
    LOW = 1
    HIGH = 10

cdef struct S:
    Color c
    Level l

def from_color(x):
    cdef Color c = x
    return c

def from_mode(x):
    cdef Mode m = x
    return m

def from_big(x):
    cdef Big b = x
    return b

def from_huge(x):
    cdef Huge h = x
    return h

def from_level(x):
    cdef Level l = x
    return l

def struct_with_level(d):
    cdef S s = d
    return s

def ctuple_with_level():
    cdef (Level, int) t = (LOW, 2)
    return t

def arithmetic():
    cdef Unsigned u = U1
    cdef Mode m = M_B
    cdef int i = -5
    return u - 5, m - 10, U1 - U2, u * i, -u, ~u, u > -1, U1 - 2 < 0, u + U1

def compare(Unsigned u, int i):
    return u < i, u > i

def count():
    cdef Unsigned u
    r = []
    for u in range(3):
        r.append(u)
    for u in range(U2):
        r.append(u)
    return r
