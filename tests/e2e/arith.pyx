"""C arithmetic with Python semantics for // and %.

>>> ops(7, 2)
(9, 5, 14, 3.5, 3, 1)
>>> ops(-7, 2)
(-5, -9, -14, -3.5, -4, 1)
>>> ops(1, 0)
Traceback (most recent call last):
ZeroDivisionError: ...

The most negative int divided by -1 overflows: the quotient wraps (no CPU trap), the
remainder is 0:

>>> floor_by_minus_one(-2**31), floor_by_minus_one(7)
((-2147483648, 0), (-7, 0))
>>> wrap(0)
4294967295
>>> doubles(1.5, 0.5)
(2.0, 1.0, 0.75, 3.0)
>>> loop(100)
4950
"""

cimport cython


def ops(int a, int b):
    return a + b, a - b, a * b, a / b, a // b, a % b

def floor_by_minus_one(int a):
    cdef int b = -1
    return a // b, a % b

def wrap(unsigned int u):
    u -= 1
    return u

def doubles(double x, double y):
    return x + y, x - y, x * y, x / y

def loop(int n):
    cdef long total = 0
    cdef int i
    for i in range(n):
        total += i
    return total

def counting_loops(long n):
    """C counting loops in every direction; unsigned counters stop at the bound.

    >>> counting_loops(5)
    ([0, 2, 4], [5, 3, 1], [4, 3, 2, 1, 0], [10, 7, 4, 1], [1, 2, 3, 4, 5], [5, 4, 3])
    >>> counting_loops(0)
    ([], [], [], [10, 7, 4, 1], [], [])
    """
    cdef int i
    cdef size_t u
    cdef unsigned int w
    up = [i for i in range(0, n, 2)]
    down = [i for i in range(n, 0, -2)]
    to_zero = []
    for u in range(n - 1, -1, -1):
        to_zero.append(u)
    steps = []
    for w in range(10, 0, -3):
        steps.append(w)
    inclusive = []
    for i from 1 <= i <= n:
        inclusive.append(i)
    down_from = []
    for i from n >= i > 2:
        down_from.append(i)
    return up, down, to_zero, steps, inclusive, down_from

def runtime_step(int start, int stop, int step):
    """A step known only at run time: its sign is tested, zero raises.

    >>> runtime_step(0, 5, 2), runtime_step(5, 0, -2), runtime_step(0, 3, -1)
    ([0, 2, 4], [5, 3, 1], [])
    >>> runtime_step(0, 5, 0)
    Traceback (most recent call last):
    ValueError: range() arg 3 must not be zero
    """
    cdef int i
    return [i for i in range(start, stop, step)]

def narrow_counters():
    """A bound the loop variable cannot hold widens the counter: the loop ends where
    Python's would (Cython's `unsigned char` counter would wrap before reaching 256).

    >>> narrow_counters()
    (256, 255, 6, 300)
    """
    cdef unsigned char c
    cdef int n = 0, m = 0
    cdef long big = 300
    for c in range(256):
        n += 1
    last = c
    for c in range(250, 256):
        m += 1
    cdef short s
    cdef int k = 0
    for s in range(big):
        k += 1
    return n, last, m, k


def float_zero_messages(double a, double b):
    """Dividing C doubles by zero raises Cython's messages: `%` says divmod, `/` and `//`
    say division.

    >>> float_zero_messages(1.0, 0.0)
    ('float division', 'float division', 'float divmod()')
    >>> float_zero_messages(7.5, 2.0)
    (3.75, 3.0, 1.5)
    """
    results = []
    for k in range(3):
        try:
            results.append(a / b if k == 0 else a // b if k == 1 else a % b)
        except ZeroDivisionError as e:
            results.append(str(e))
    return tuple(results)


def float_floor_and_mod(double a, double b):
    """`//` on doubles is floor(a / b) and a zero `%` result is +0.0, as Cython computes
    them (CPython's float divmod gives 9.0 for 1 // 0.1, and -0.0 for 0.0 % -2).

    >>> float_floor_and_mod(1.0, 0.1)[0]
    10.0
    >>> float_floor_and_mod(0.0, -2.0)[1]
    0.0
    >>> float_floor_and_mod(-7.5, 2.0)
    (-4.0, 0.5)
    """
    return a // b, a % b


def int_power_runtime_exponent(long base, long exp):
    """An int raised to a run-time exponent is C's pow() on doubles: a zero base with a
    negative exponent gives inf, not Python's ZeroDivisionError.

    >>> int_power_runtime_exponent(2, -2)
    (0.25, 'float')
    >>> int_power_runtime_exponent(0, -1)
    (inf, 'float')
    """
    r = base ** exp
    return r, type(r).__name__


def int_power_typing(unsigned short u, unsigned int base, unsigned int exp):
    """A literal exponent is a C long, so a narrow base is raised in long; an unsigned
    exponent keeps an int power an int (only a signed one may be negative).

    >>> int_power_typing(65535, 3, 2)
    (4294836225, 9, 'int')
    """
    r = base ** exp
    return u ** 2, r, type(r).__name__


evaluated = []

cdef int noted(int v):
    evaluated.append(v)
    return v


def c_min_max(int a, double b):
    """`min()`/`max()` of C numbers are C comparisons in the arguments' spanning type; a tie
    or a NaN gives what Python's would (the earlier argument unless a later one is strictly
    smaller or larger), and the arguments are evaluated once each, in order.

    >>> c_min_max(3, 2.5)
    (3.0, 2.5, 'double', 'long')
    >>> c_min_max(2, float('nan'))
    (2.0, 2.0, 'double', 'long')
    >>> ordered(), evaluated
    ((3, 4), [1, 3, 2, 5, 4])
    >>> signed_zeros()
    (0.0, -0.0, 0.0, -0.0)
    >>> from array import array
    >>> largest(array('d', [1, 9, 3])), largest(array('d', [float('nan'), 1])), clamp(-2.5)
    (9.0, nan, 0.0)
    >>> max_with_object(3, 4), max_with_object(3, 'x')
    Traceback (most recent call last):
    TypeError: '>' not supported between instances of 'str' and 'int'
    """
    cdef long k = 7
    m = max(k, a, -1)
    return max(a, b), min(a, b), cython.typeof(max(a, b)), cython.typeof(m)


def ordered():
    return max(noted(1), noted(3), noted(2)), min(noted(5), noted(4))


def signed_zeros():
    cdef double z = 0.0, nz = -0.0
    return max(z, nz), max(nz, z), min(z, nz), min(nz, z)


def largest(double[:] v):
    cdef double m = v[0]
    cdef Py_ssize_t i
    with nogil:
        for i in range(v.shape[0]):
            m = max(m, v[i])
    return m


def clamp(double x):
    with nogil:
        x = min(max(x, 0), 1.0)
    return x


def max_with_object(int a, b):
    return max(a, b)
