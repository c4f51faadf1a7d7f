"""Conversions at the Python/C boundary.

>>> take_int(5), take_int(True), take_int(3.9)
(5, 1, 3)
>>> take_int(2 ** 31)
Traceback (most recent call last):
OverflowError: ...
>>> take_int("3")
Traceback (most recent call last):
TypeError: ...
>>> take_uint(-1)
Traceback (most recent call last):
OverflowError: ...
>>> take_double(None)
Traceback (most recent call last):
TypeError: ...
>>> wants_list((1,))
Traceback (most recent call last):
TypeError: Argument 'items' has incorrect type (expected list, got tuple)
>>> kw(1, c=3)
(1, 10, 3)
>>> kw(1, 2, 3, 4)
Traceback (most recent call last):
TypeError: ...
"""
from libc.string cimport strlen

def take_int(int x):
    return x

def take_uint(unsigned int x):
    return x

def take_double(double d):
    return d

def wants_list(list items):
    return items

def kw(int a, int b=10, int c=0):
    return a, b, c


def c_string_arg(char *s, const unsigned char *u):
    """A `char *` argument borrows the buffer of a bytes or bytearray argument.

    >>> c_string_arg(b"abc", bytearray(b"\\xff"))
    (3, b'abc', 255)
    >>> c_string_arg("abc", b"x")
    Traceback (most recent call last):
    TypeError: expected bytes, str found
    >>> c_string_arg(b"abc", None)
    Traceback (most recent call last):
    TypeError: expected bytes, NoneType found
    """
    return strlen(s), s, u[0]


def unsigned_and_code_points(unsigned long long u, Py_UCS4 c):
    """Out-of-range messages name the types as Cython does.

    >>> unsigned_and_code_points(-1, 'a')
    Traceback (most recent call last):
    OverflowError: can't convert negative value to unsigned PY_LONG_LONG
    >>> unsigned_and_code_points(1, -1)
    Traceback (most recent call last):
    OverflowError: cannot convert negative value to Py_UCS4
    >>> unsigned_and_code_points(1, 0x110000)
    Traceback (most recent call last):
    OverflowError: value too large to convert to Py_UCS4
    >>> unsigned_and_code_points(2 ** 64 - 1, 0x41)
    (18446744073709551615, 'A')
    """
    return u, c
