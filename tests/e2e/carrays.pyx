"""C arrays, ctuples, sizeof, enums, cython.operator and directive blocks.

>>> ctuple_items()
(10, 0.5, 0.5)
>>> sliced()
([0, 7, 8, 0, 0], [7, 8], [0, 0], [8, 0])
>>> tagged()
{'id': 3, 'tags': [1, 2, 5]}
>>> sizes()
(1, 2, 4, 8, 8, 8)
>>> enum_sized()
[0, 1, 2, 3]
>>> Level.HIGH, Level.HIGH == 10, hasattr(m, 'LOW')
(<Level.HIGH: 10>, True, False)
>>> NORTH, type(SOUTH).__name__, compass_span()
(0, 'int', 180)
>>> raised(Level.LOW), raised(Level.HIGH), level_as_int(Level.HIGH)
(<Level.HIGH: 10>, <Level.HIGH: 10>, 10)

A value without a member becomes a nameless pseudo-member (Cython's flexible enum base), from
Python and from C alike:

>>> raised(7), Level(7) is raised(7), int(Level(3)) + 1
(<Level: 7>, True, 4)
>>> [c.__name__ for c in Level.__mro__[:3]]
['Level', '__Pyx_FlexibleEnumBase', 'IntEnum']
>>> squares(4)
[0, 1, 4, 9]
>>> fill([7, 8, 9]), fill((1, 2, 3)), fill(iter([4, 5, 6]))
([7, 8, 9], [1, 2, 3], [4, 5, 6])
>>> fill([1, 2])
Traceback (most recent call last):
IndexError: not enough values found during array assignment, expected 3, got 2
>>> fill([1, 2, 3, 4])
Traceback (most recent call last):
IndexError: too many values found during array assignment, expected 3
>>> literal_and_copy()
([1, 2, 3], [[0, 1], [10, 11]])
>>> operators()
(5, 12, 2, 1)
>>> point({'x': 1.5, 'y': 2})
3.5
>>> point({'x': 1.5})
Traceback (most recent call last):
ValueError: No value specified for struct attribute 'y'
>>> cdiv_block(-7, 2)
(-3, -1, -4, 1)
"""
cimport cython
from cython.operator cimport dereference as deref, preincrement as inc, postdecrement

import sys
m = sys.modules[__name__]

cdef enum:
    SIZE = 4

cpdef enum Level:
    LOW = 1
    HIGH = 10

cpdef enum:
    NORTH = 0
    SOUTH = 180


def compass_span():
    """An anonymous cpdef enum's members are C constants in code, ints for Python."""
    return SOUTH - NORTH


cdef struct Point:
    double x
    double y


def ctuple_items():
    cdef (long, double) t = (10, 0.5)
    return t[0], t[1], t[-1]


def sizes():
    cdef Point p
    return sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(double), sizeof(p.x)


def enum_sized():
    cdef int buf[SIZE]
    for i in range(SIZE):
        buf[i] = i
    return [buf[i] for i in range(SIZE)]


def squares(int n):
    cdef int buf[8]
    fill_squares(buf, n)
    return [buf[i] for i in range(n)]


cdef void fill_squares(int* out, int n):
    for i in range(n):
        out[i] = i * i


def fill(values):
    cdef int a[3]
    a[:] = values
    return a


def literal_and_copy():
    cdef int a[3]
    cdef int b[3]
    a[:] = [1, 2, 3]
    b = a
    cdef int grid[2][2]
    for i in range(2):
        for j in range(2):
            grid[i][j] = i * 10 + j
    return b, grid


def operators():
    cdef int x = 5
    cdef int* p = &x
    cdef int first = deref(p)
    p[0] = cython.operator.dereference(p) + 7
    cdef int data[3]
    data[:] = [1, 2, 3]
    cdef int* q = data
    inc(q)
    cdef int n = 2
    postdecrement(n)
    return first, x, q[0], n


def point(Point p):
    return p.x + p.y


def cdiv_block(int a, int b):
    cdef int q, r
    with cython.cdivision(True):
        q = a // b
        r = a % b
    return q, r, a // b, a % b


def sliced():
    """Slices of C arrays with constant bounds: assigned element-wise, iterated."""
    cdef int a[5]
    a[:] = [0, 0, 0, 0, 0]
    a[1:3] = [7, 8]
    return a, [x for x in a[1:3]], [x for x in a[3:5]], [x for x in a[2:4]]


cdef struct Tagged:
    int id
    int tags[3]


def tagged():
    """A struct with an array field: built from a display, converted to a dict of lists."""
    cdef Tagged t = Tagged(3, [1, 2, 4])
    t.tags[2] = 5
    return t


cpdef Level raised(Level l):
    """A cpdef enum value returned to Python is its IntEnum member."""
    if l == LOW:
        return HIGH
    return l


def level_as_int(Level l):
    cdef int n = l
    return n


def bytes_into_c_ints(bytes b):
    """A loop over a typed bytes into a C integer walks its char buffer, as Cython does: a
    signed char target sees b'\\xff' as -1, an unsigned one as 255 (comprehensions too); None
    is not iterable.

    >>> bytes_into_c_ints(b"a\\xff")
    ([97, -1], [97, 255], 96, [-1, 97])
    >>> bytes_into_c_ints(b"")
    ([], [], 0, [])
    >>> bytes_into_c_ints(None)
    Traceback (most recent call last):
    TypeError: 'NoneType' is not iterable
    """
    cdef char c
    cdef unsigned char u
    cdef long total = 0
    signed = []
    for c in b:
        signed.append(c)
        total += c
    unsigned = [u for u in b]
    return signed, unsigned, total, sorted([c for c in b])


def str_into_code_points(str s):
    """A loop over a typed str into a Py_UCS4 walks its code points in C (any of the three
    storage widths), and a Py_UCS4 compares with a one-character str literal as a code point,
    as in Cython; None is not iterable.

    >>> str_into_code_points("banana")
    (3, ['b', 'a', 'n', 'a', 'n', 'a'], 1, 0)
    >>> str_into_code_points("h\xe9\u20ac\U0001f600\u20ac")
    (0, ['h', '\xe9', '\u20ac', '\U0001f600', '\u20ac'], 1, 2)
    >>> str_into_code_points("")
    (0, [], 0, 0)
    >>> str_into_code_points(None)
    Traceback (most recent call last):
    TypeError: 'NoneType' is not iterable
    """
    cdef Py_UCS4 ch
    cdef Py_ssize_t a = 0, low = 0, euro = 0
    seen = []
    for ch in s:
        seen.append(ch)
        if ch == u'a':
            a += 1
        if u'\U0001f600' == ch or ch < 'c':
            low += 1
        if ch == '\u20ac' and ch != 'ab':
            euro += 1
    return a, seen, low if a == 0 else 1, euro


def str_items(str s, Py_ssize_t i):
    """A str indexed by a C integer (or an int literal) is a Py_UCS4, as Cython types it: the
    code point read in C, a negative index counting from the end; a str again in Python.

    >>> str_items("h\u20acllo", 1)
    ('\u20ac', 'h', 'o', 'Py_UCS4', True, '\u20acz', 1)
    >>> str_items("abc", 3)
    Traceback (most recent call last):
    IndexError: string index out of range
    >>> str_items("abc", -4)
    Traceback (most recent call last):
    IndexError: string index out of range
    >>> str_items(None, 0)
    Traceback (most recent call last):
    TypeError: 'NoneType' object is not subscriptable
    """
    x = s[i]
    cdef Py_ssize_t k, found = 0
    for k in range(len(s)):
        if s[k] == u'\u20ac':
            found += 1
    return x, s[0], s[-1], cython.typeof(x), s[i] == '\u20ac', s[i] + 'z', found

