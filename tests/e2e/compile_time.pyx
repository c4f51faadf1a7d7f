"""Cython's compile-time language: `DEF` constants and `IF`/`ELIF`/`ELSE`, evaluated while
compiling (also from an included .pxi).

>>> constants()
(16, 'hello', 48, 2.5, b'raw', (1, 'two', None), True, 1180591620717411303424, (1+2j))
>>> python_semantics()
(-4, 1, -4.0, 0.5, (-4, 1), '-0xff', 2, ('a', 'b', 'c'), 3, 'Hi', 'o')
>>> c_array_length()
16
>>> platform_branch() in ("linux", "mac", "other")
True
>>> chosen_branch(), FLAVOUR
('medium', 'medium')
>>> struct_field_count(), enum_value()
(4, 19)
>>> shadowing_parameter(100)
16
>>> defined_in_function_seen_later()
7
>>> only_else()
'else'

An `include` in a branch not taken is never read (the file below does not exist):

>>> level_name()
'two'
"""
include "_limits.pxi"

from libc.string cimport memset

DEF TWICE = BUFFER_SIZE * 3
DEF RATIO = 5 / 2
DEF RAW = b"raw"
DEF MIXED = (1, "two", None)
DEF FLAG = BUFFER_SIZE > 8 and len(GREETING) == 5
DEF BIG = 2 ** 70
DEF Z = 1 + 2j
DEF LEVEL = 2


def constants():
    return BUFFER_SIZE, GREETING, TWICE, RATIO, RAW, MIXED, FLAG, BIG, Z


def python_semantics():
    DEF CHARS = tuple(sorted("cab"))
    return (-7 // 2, -7 % 2, 7.5 // -2, 2 ** -1, divmod(-7, 2), hex(-255), round(2.5), CHARS,
            len(GREETING[1:4]), "hi".capitalize(), GREETING[-1])


def c_array_length():
    cdef char buf[BUFFER_SIZE]
    memset(buf, 0, BUFFER_SIZE)
    return sizeof(buf)


IF UNAME_SYSNAME == "Linux":
    DEF PLATFORM = "linux"
ELIF UNAME_SYSNAME == "Darwin":
    DEF PLATFORM = "mac"
ELSE:
    DEF PLATFORM = "other"


def platform_branch():
    return PLATFORM


IF LEVEL > 2:
    FLAVOUR = "high"
ELIF LEVEL == 2:
    FLAVOUR = "medium"
ELSE:
    FLAVOUR = "low"


def chosen_branch():
    IF LEVEL >= 2:
        return "medium"
    ELSE:
        return "low"


cdef struct Packet:
    int words[LEVEL * 2]

cdef enum:
    LAST = BUFFER_SIZE + LEVEL + 1


def struct_field_count():
    cdef Packet p
    return sizeof(p.words) // sizeof(int)


def enum_value():
    return LAST


def shadowing_parameter(BUFFER_SIZE):
    # As in Cython, a DEF name is replaced wherever it is read, parameters included.
    return BUFFER_SIZE


def defines_in_function():
    DEF SEVEN = 7
    return SEVEN


def defined_in_function_seen_later():
    return SEVEN


def only_else():
    IF LEVEL < 0:
        return "if"
    ELSE:
        return "else"


IF LEVEL == 2:
    include "_level_two.pxi"
ELSE:
    include "_no_such_file.pxi"
