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
