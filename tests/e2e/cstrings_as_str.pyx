# cython: c_string_type=unicode, c_string_encoding=utf8
"""Under c_string_type/c_string_encoding, C strings are str in Python and str converts back.

>>> greeting(), type(greeting()).__name__
('h\\xe9llo', 'str')
>>> first_bytes(3)
'h\\xe9'
>>> c_length('abc'), c_length('\\u00e9'), c_length(b'xy')
(3, 2, 2)
>>> broken()
'UnicodeDecodeError'
"""
from libc.string cimport strlen

cdef const char *GREETING = b"h\xc3\xa9llo"


def greeting():
    return GREETING


def first_bytes(int n):
    return GREETING[:n]


def c_length(s):
    cdef const char *p = s
    return strlen(p)


def broken():
    cdef const char *bad = b"\xff"
    try:
        return <object>bad
    except UnicodeDecodeError as e:
        return type(e).__name__
