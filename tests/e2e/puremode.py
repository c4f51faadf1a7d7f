"""Pure Python mode: @cython.cfunc/@cython.ccall functions are C functions, `cython.int`-style
annotations declare C variables, and `cython.compiled` tells compiled code apart."""

import sys
import typing

import cython


@cython.cfunc
@cython.exceptval(-2)
def halve(n: cython.int) -> cython.int:
    if n % 2:
        raise ValueError(n)
    return n // 2


@cython.cfunc
@cython.exceptval(-2, check=True)
def minus_two_is_legal(n: cython.int) -> cython.int:
    if n == 0:
        raise KeyError('zero')
    return -2


@cython.cfunc
@cython.exceptval(check=True)
def any_value(n: cython.long) -> cython.long:
    if n > 100:
        raise OverflowError('big')
    return n


@cython.cfunc
@cython.exceptval(check=False)
@cython.nogil
def no_errors(n: cython.int) -> cython.long:
    total: cython.long = 0
    i: cython.int
    for i in range(n + 1):
        total += i
    return total


@cython.ccall
@cython.inline
def both_sides(x: cython.double) -> cython.double:
    return x / 4


def exception_values(n):
    """
    >>> exception_values(8)
    (4, -2, 8)
    >>> exception_values(3)
    Traceback (most recent call last):
    ValueError: 3
    >>> exception_values(0)
    (0, -2, 0)
    """
    return halve(n), minus_two_is_legal(n + 1), any_value(n)


def checked_value_errors():
    """
    >>> checked_value_errors()
    ('KeyError', 'OverflowError')
    """
    caught = []
    try:
        minus_two_is_legal(0)
    except Exception as e:
        caught.append(type(e).__name__)
    try:
        any_value(101)
    except Exception as e:
        caught.append(type(e).__name__)
    return tuple(caught)


def without_the_gil(n: cython.int):
    """
    >>> without_the_gil(10)
    (55, ['back'])
    """
    r: cython.long
    seen = []
    with cython.nogil:
        r = no_errors(n)
        with cython.gil:
            seen.append('back')
    return r, seen


def visibility():
    """A cfunc is C only; a ccall is also a Python function.

    >>> visibility()
    (False, True, 0.5)
    """
    m = sys.modules[__name__]
    return hasattr(m, 'halve'), hasattr(m, 'both_sides'), both_sides(2)


def typed_locals():
    """
    >>> typed_locals()
    ('int', 'double', 'unsigned int', 'list object', True)
    """
    i: cython.int = 1
    d: cython.double = 2
    u: cython.uint = 0
    u -= 1
    o = [i, d, u]
    return cython.typeof(i), cython.typeof(d), cython.typeof(u), cython.typeof(o), cython.compiled


@cython.cfunc
def add_to(p: cython.p_int, k: cython.int) -> cython.void:
    p[0] += k


def pointers():
    """
    >>> pointers()
    (13, 30, 2)
    """
    x: cython.int = 10
    add_to(cython.address(x), 3)
    arr: cython.int[4] = [10, 20, 30, 40]
    p: cython.pointer(cython.int) = cython.address(arr[0])
    q: cython.p_int = p + 2
    null: cython.p_int = cython.NULL
    assert null == cython.NULL
    return x, q[0], q - p


Vec2 = cython.struct(x=cython.double, y=cython.double)


@cython.cfunc
def scale(v: cython.pointer(Vec2), k: cython.double) -> cython.void:
    v.x *= k
    v.y *= k


def structs():
    """
    >>> sorted(structs().items())
    [('x', 3.0), ('y', -1.5)]
    """
    v: Vec2 = cython.declare(Vec2)
    v.x = 2
    v.y = -1
    scale(cython.address(v), 1.5)
    return v


@cython.cclass
class Meter:
    """A cclass: declared fields become C fields, ccall methods C methods.

    >>> m = Meter(3)
    >>> m.reading, m.twice(), m.scaled(2.5)
    (3, 6, 7.5)
    >>> m.hidden
    Traceback (most recent call last):
    AttributeError: ...
    >>> m.new_attribute = 1
    Traceback (most recent call last):
    AttributeError: ...
    """
    reading = cython.declare(cython.int, visibility='readonly')
    hidden = cython.declare(cython.double)
    factor: cython.double

    def __init__(self, reading):
        self.reading = reading
        self.factor = 1.0

    @cython.ccall
    def twice(self) -> cython.int:
        return 2 * self.reading

    def scaled(self, k: cython.double) -> cython.double:
        return self.reading * k * self.factor


class LoudMeter(Meter):
    def twice(self):
        return 100


@cython.cfunc
def read_twice(m: Meter) -> cython.int:
    return m.twice()


def typed_calls():
    """A typed call reaches a Python override; cython.cast and cython.sizeof work on cclasses.

    >>> typed_calls()
    (8, 100, 4, 4)
    """
    obj: object = Meter(4)
    m = cython.cast(Meter, obj)
    return read_twice(m), read_twice(LoudMeter(1)), m.reading, cython.sizeof(cython.int)


def annotated_arguments(n: int, xs: list, f: float, maybe: typing.Optional[int] = None):
    """Builtin annotations type arguments as Cython 3 does: None refused unless Optional,
    `float` is a C double, `int` turns other numbers into a plain int (int(x)).

    >>> annotated_arguments(5, [1], 2)
    (5, 1, 2.0, None)
    >>> import enum
    >>> class Color(enum.IntEnum):
    ...     RED = 1
    >>> [type(annotated_arguments(v, [], 0)[0]).__name__ for v in (True, Color.RED, 7.9)]
    ['int', 'int', 'int']
    >>> annotated_arguments(7.9, [], 0)[0], annotated_arguments(1, [], 0, maybe=True)[3]
    (7, 1)
    >>> annotated_arguments('5', [], 1.0)
    Traceback (most recent call last):
    TypeError: Argument 'n' has incorrect type (expected int, got str)
    >>> annotated_arguments(None, [], 1.0)
    Traceback (most recent call last):
    TypeError: Argument 'n' has incorrect type (expected int, got NoneType)
    >>> annotated_arguments(1, (), 1.0)
    Traceback (most recent call last):
    TypeError: Argument 'xs' has incorrect type (expected list, got tuple)
    """
    return n, len(xs), f, maybe


@cython.cfunc
def first_items(m: cython.int[:, ::1]) -> cython.long:
    total: cython.long = 0
    i: cython.Py_ssize_t
    for i in range(m.shape[0]):
        total += m[i, 0]
    return total


def memoryview_annotations(rows: cython.Py_ssize_t):
    """`cython.int[:, ::1]` annotations are typed memoryviews; the wrong item type is refused.

    >>> from array import array
    >>> memoryview_annotations(3)
    (30, 'ValueError')
    """
    from array import array

    data = array("i", range(rows * 2))
    buf = memoryview(data).cast("B").cast("i", (rows, 2))
    for k in range(len(data)):
        data[k] = k * 5
    try:
        first_items(memoryview(array("d", [1.0, 2.0])).cast("B").cast("d", (1, 2)))
    except ValueError as e:
        err = type(e).__name__
    return first_items(buf), err


@cython.cfunc
def rotated(z: cython.doublecomplex, turns: cython.int) -> cython.floatcomplex:
    for _ in range(turns):
        z = z * 1j
    return z


def complex_annotations(z: complex):
    """`complex` annotations are C double complex (as Cython 3 reads them), and
    `cython.floatcomplex`/`cython.doublecomplex`/`cython.longdoublecomplex` name the kinds.

    >>> complex_annotations(1 + 2j)
    ((-2+1j), 'double complex', 'long double complex')
    >>> complex_annotations("1j")
    Traceback (most recent call last):
    TypeError: must be real number, not str
    """
    wide: cython.longdoublecomplex = z
    return rotated(z, 1), cython.typeof(z), cython.typeof(wide)


def class_body_comprehension():
    """Past its first iterable a comprehension in a class body does not see the class's names,
    as in CPython (a `.pyx` module follows Cython, whose comprehensions do):

    >>> class_body_comprehension()
    (['enclosing'], [2, 4])
    """
    label = "enclosing"

    class Holder:
        label = "class"
        values = [1, 2]
        labels = [label for _ in range(1)]
        doubled = [v * 2 for v in values]

    return Holder.labels, Holder.doubled
