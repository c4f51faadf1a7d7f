"""Cython semantics in corners: closures, chains, casts, overflow checks, strings."""
cimport cython
from libc.string cimport strlen

cdef object unset_object
cdef list unset_list


def globals_start_as_none():
    """
    >>> globals_start_as_none()
    (None, None)
    """
    return unset_object, unset_list


def make_adder(n):
    """A nested function and a lambda read (and see later changes of) the enclosing locals.

    >>> add = make_adder(10)
    >>> add(5)
    (15, 15)
    """
    k = 0
    def add(x):
        return x + n + k, (lambda: x + n)()
    k = 0
    return add


def unbound_free_variable():
    """
    >>> unbound_free_variable()
    ('NameError', 7)
    """
    f = lambda: late
    try:
        f()
    except NameError as e:
        kind = type(e).__name__
    late = 7
    return kind, f()


calls = []

def noisy(int v):
    calls.append(v)
    return v


def chain_once(int a, int c):
    """The middle operand of a chain is evaluated once.

    >>> del calls[:]
    >>> chain_once(1, 3), calls
    (True, [2])
    """
    return a < noisy(2) < c


def low_bits():
    """
    >>> low_bits()
    (44, -56, 255, 4294967295)
    """
    return <unsigned char>300, <signed char>200, <unsigned char>-1, <unsigned int>-1


def branch_types(int n):
    """An int branch and a float branch each keep their Python type.

    >>> branch_types(1), branch_types(0)
    (1, 0.5)
    """
    cdef int one = 1
    cdef double half = 0.5
    return one if n else half


def step_zero(int n, int step):
    """
    >>> step_zero(5, 2)
    [0, 2, 4]
    >>> step_zero(5, 0)
    Traceback (most recent call last):
    ValueError: range() arg 3 must not be zero
    """
    cdef int i
    return [i for i in range(0, n, step)]


def power(int a, double x, double y):
    """int ** constant stays an int; a negative double base with a fractional exponent is complex.

    >>> power(-3, 2.0, 0.5)[0], type(power(-3, -8.0, 1.0 / 3)[1]) is complex
    (9, True)
    """
    return a ** 2, x ** y


@cython.overflowcheck(True)
def checked_mul(int a, int b):
    """
    >>> checked_mul(46340, 46340)
    2147395600
    >>> checked_mul(46341, 46341)
    Traceback (most recent call last):
    OverflowError: value too large
    """
    return a * b


def fnv1a(bytes data):
    """A C-typed loop variable over bytes gets each byte as a C integer.

    >>> fnv1a(b"hello")
    1335831723
    """
    cdef unsigned int h = 2166136261u
    cdef unsigned char ch
    for ch in data:
        h = (h ^ ch) * 16777619u
    return h


def char_slices(bytes b):
    """
    >>> char_slices(b"ab\\x00cd")
    (2, b'ab', b'ab\\x00cd', b'b\\x00c')
    """
    cdef const char* s = b
    return strlen(s), <bytes>s, s[:len(b)], s[1:4]


def code_points(str s, Py_UCS4 target):
    """
    >>> code_points("banana", "a")
    (3, 'a', 120)
    >>> code_points("abc", "ab")
    Traceback (most recent call last):
    ValueError: only single character unicode strings can be converted to Py_UCS4, got length 2
    """
    cdef int n = 0
    cdef Py_UCS4 ch
    cdef char x = b'x'
    for ch in s:
        if ch == target:
            n += 1
    return n, target, x


cpdef no_return(x):
    """A cpdef function without a return type returns an object (None here).

    >>> no_return(1) is None
    True
    """
    pass


def builtin_len_abs(bytes b, list items, int x, double d):
    """len() is a Py_ssize_t (strlen on a char*); abs() of a C number stays in C.

    >>> builtin_len_abs(b"ab\\x00c", [1, 2], -7, -2.5)
    (4, 2, 2, 'int', 7, 2.5)
    >>> builtin_len_abs(b"", [], -2147483648, 0.0)[4]
    -2147483648
    >>> builtin_len_abs(None, [], 0, 0.0)
    Traceback (most recent call last):
    TypeError: object of type 'NoneType' has no len()
    """
    cdef const char* s = b"ab"
    n = len(items)
    return len(b), len(s), n, type(n).__name__, abs(x), abs(d)


def abs_small_and_checked(short s, signed char c, long x):
    """abs() works on the promoted type (a short's is an int, so -32768 has one); only
    `overflowcheck=True` turns the most negative value of int or wider into an OverflowError.

    >>> abs_small_and_checked(-32768, -128, 5)
    (32768, 128, 5)
    >>> abs_small_and_checked(1, 1, -9223372036854775807 - 1)
    Traceback (most recent call last):
    OverflowError: Trying to take the absolute value of the most negative integer is not defined.
    """
    with cython.overflowcheck(True):
        return abs(s), abs(c), abs(x)


cdef int deep_raise(int v) except -1:
    raise IndexError("deep")


def unmatched_handler():
    try:
        deep_raise(1)
    except KeyError:
        pass


def traceback_frames():
    """Each frame appears once, the catching one included.

    >>> traceback_frames()
    ['traceback_frames', 'unmatched_handler', 'deep_raise']
    """
    import traceback
    try:
        unmatched_handler()
    except IndexError as e:
        return [f.name for f in traceback.extract_tb(e.__traceback__)]


def nonlocal_counter():
    """`nonlocal` rebinds the enclosing function's variable, also two levels out.

    >>> inc, get = nonlocal_counter()
    >>> inc(), inc(5), get()
    (1, 6, 6)
    """
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return inc, get


def nonlocal_deep():
    """
    >>> nonlocal_deep()
    (10, 10, 'UnboundLocalError')
    """
    x = 1
    v = 0
    def mid():
        def inner():
            nonlocal x
            x = x * 10
        inner()
        return x
    def drop():
        nonlocal v
        del v
    first = mid()
    drop()
    try:
        v
    except NameError as e:
        kind = type(e).__name__
    return first, x, kind


def annotated_default(a: cython.double, k: cython.double = 2.0) -> cython.double:
    """A default takes its parameter's annotated C type.

    >>> annotated_default(3.0), annotated_default(3.0, 0.5)
    (6.0, 1.5)
    """
    return a * k


def literal_beside_float(int flag, double d):
    """An int literal beside a C double in a conditional expression stays a Python int (the
    expression is an object), while an untyped local it initialises is inferred as a double.

    >>> literal_beside_float(1, 2.5)
    (1, 1.0, 2.5)
    >>> literal_beside_float(0, 2.5)
    (2.5, 2.5, 2.5)
    """
    x = 1 if flag else d
    return (1 if flag else d), x, (2.5 if not flag else d)


def ucs4_operations(Py_UCS4 c):
    """Arithmetic with a Py_UCS4 operand is Python arithmetic on the one-character str (as
    Cython does it), while chr() and comparisons see the code point.

    >>> ucs4_operations('a')
    ('aa', 'ab', 'a', True)
    >>> ucs4_operations('z')[1:]
    ('zb', 'z', False)
    >>> ucs4_plus_int('a')
    Traceback (most recent call last):
    TypeError: can only concatenate str (not "int") to str
    """
    return c * 2, c + u'b', chr(c), c < 110


def ucs4_plus_int(Py_UCS4 c):
    return c + 1


def runaway(n):
    """Unbounded recursion through compiled functions is a RecursionError, as in CPython
    (Cython's module crashes):

    >>> runaway(0)
    Traceback (most recent call last):
    RecursionError: maximum recursion depth exceeded
    """
    return runaway(n + 1)
