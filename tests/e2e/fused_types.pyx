"""Fused types: one function body compiled once per member type, chosen at compile time for C
calls and at run time (from the arguments) for Python calls."""

cimport cython
from cython cimport floating
from libc.stdint cimport int32_t, int64_t
import numpy as np

ctypedef fused number:
    int
    long
    float
    double

ctypedef fused fixed:
    int32_t
    int64_t

ctypedef fused sequence:
    list
    tuple

ctypedef fused anything:
    list
    object


def ident(number x):
    """A Python int takes the widest integer member, a float the widest floating one.

    >>> ident(3), ident(2.5), ident(True)
    (3, 2.5, 1)
    >>> type(ident(3)).__name__, type(ident(2.5)).__name__
    ('int', 'float')
    >>> kind(7), kind(0.5)
    ('long', 'double')
    >>> sorted(ident.__signatures__)
    ['double', 'float', 'int', 'long']
    >>> ident('x')
    Traceback (most recent call last):
    TypeError: No matching signature found
    >>> ident()
    Traceback (most recent call last):
    TypeError: Expected at least 1 argument, got 0
    >>> ident(2 ** 70)
    Traceback (most recent call last):
    OverflowError: Python int too large to convert to C long
    """
    return x


def kind(number x):
    return cython.typeof(x)


def explicit(x):
    """Indexing picks a specialisation by name (or by a Python type's name).

    >>> explicit(7)
    (7.0, 7, 'float', (7.0, 7.0))
    >>> ident['short'](1)
    Traceback (most recent call last):
    KeyError: 'short'
    >>> ident.__name__, ident['int'].__qualname__
    ('ident', 'ident[int]')
    """
    return (ident['double'](x), ident['int'](x), kind[float](x),
            (ident[cython.double](x), pair[cython.double, cython.float](x, x)[0]))


def pair(number a, floating b, number c=4):
    """Distinct fused types vary independently; one fused type takes one member per call.

    >>> sorted(pair.__signatures__)[:3]
    ['double|double', 'double|float', 'float|double']
    >>> pair(1, 2.5, 3), pair(1.5, 2.5)
    ((1, 2.5, 3), (1.5, 2.5, 4.0))
    >>> pair(c=2, b=1.0, a=3)
    (3, 1.0, 2)
    """
    return a, b, c


def widths(fixed x):
    """Typedef members keep their order: a Python int takes the first one.

    >>> widths(5), widths['int64_t'](5), sorted(widths.__signatures__)
    (4, 8, ['int32_t', 'int64_t'])
    """
    return sizeof(x)


def seq_first(sequence s):
    """Python object types dispatch by isinstance.

    >>> seq_first([3, 4]), seq_first((5,))
    ((3, 'list'), (5, 'tuple'))
    >>> seq_first('ab')
    Traceback (most recent call last):
    TypeError: No matching signature found
    """
    return s[0], type(s).__name__


def fallback(anything x):
    """`object` is the member of last resort.

    >>> fallback([1]), fallback('s')
    ('list', 'object')
    """
    if anything is list:
        return 'list'
    return 'object'


cdef number twice(number x) noexcept nogil:
    return x * 2


cdef void fill(number *p, Py_ssize_t n, number v) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n):
        p[i] = v


def c_calls():
    """C calls choose from the argument types at compile time (literals adapt).

    >>> c_calls()
    (6, 3.0, 10, [7, 7, 7], 1.5)
    """
    cdef int i = 3
    cdef float f = 1.5
    cdef long l = 5
    cdef long[3] arr
    fill(arr, 3, 7)
    cdef double d
    with nogil:
        d = twice(f)
    return twice(i), d, twice(l), [arr[0], arr[1], arr[2]], f


def from_def(number x):
    """A C fused function called from a specialisation uses that specialisation.

    >>> from_def(4), from_def(0.25)
    (8, 0.5)
    """
    return twice(x)


cpdef floating half(floating x):
    """cpdef: C calls are specialised, Python calls dispatch.

    >>> half(3.0), half(1.0)
    (1.5, 0.5)
    >>> half(3)
    Traceback (most recent call last):
    TypeError: No matching signature found
    >>> sorted(half.__signatures__)
    ['double', 'float']
    >>> halves()
    (0.25, 2.5)
    """
    return x / 2


def halves():
    cdef float f = 0.5
    return half(f), half(5.0)


def shifted(number x):
    """`number is int` is decided per specialisation: a branch not taken is not compiled (a
    shift of a double would not be).

    >>> shifted(3), shifted(1.5), shifted['int'](3)
    (6, 3.0, 12)
    """
    cdef number r
    if number is int:
        r = x << 2
    elif number is long:
        r = x << 1
    else:
        r = x * 2
    return r


def is_floating(number x):
    """`in` tests membership of another fused type.

    >>> is_floating(1), is_floating(1.0)
    (False, True)
    """
    return number in floating


def total(number[:] a):
    """Memoryviews dispatch on the buffer's item type.

    >>> total(np.array([1, 2, 3], dtype=np.intc)), total(np.arange(4))
    (6, 6)
    >>> total(np.array([0.5, 0.25], dtype=np.float32)), total(np.array([1.5]))
    (0.75, 1.5)
    >>> total(np.zeros(2, dtype=np.int8))
    Traceback (most recent call last):
    TypeError: No matching signature found
    >>> total(np.zeros((2, 2)))
    Traceback (most recent call last):
    TypeError: No matching signature found
    >>> total['double'](np.zeros(2, dtype=np.intc))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'double' but got 'int'
    """
    cdef number s = 0
    cdef Py_ssize_t i
    for i in range(a.shape[0]):
        s += a[i]
    return s


cdef floating cmax(floating[:, ::1] m) noexcept nogil:
    cdef floating best = m[0, 0]
    cdef Py_ssize_t i, j
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] > best:
                best = m[i, j]
    return best


def scale(floating[:, ::1] m, floating k):
    """The scalar shares the view's specialisation (3 becomes a float).

    >>> a = np.ones((2, 2), dtype=np.float32)
    >>> scale(a, 3)
    3.0
    >>> a.tolist()
    [[3.0, 3.0], [3.0, 3.0]]
    """
    cdef Py_ssize_t i, j
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] *= k
    return cmax(m)


def deco(f):
    f.decorated = True
    return f


@deco
@cython.boundscheck(False)
def decorated(cython.integral x):
    """Decorators wrap the dispatcher once; directives apply to every specialisation.

    >>> decorated.decorated, decorated(4)
    (True, 4)
    """
    return x


class Scaler:
    """Methods of Python classes and cdef classes may be fused too.

    >>> s = Scaler()
    >>> s.apply(2), s.apply(0.5), Scaler.ident(3), s.named(1.5)
    (4, 1.0, 3, ('Scaler', 1.5))
    >>> Scaler.apply['double'](s, 2), Scaler.apply.__qualname__
    (4.0, 'Scaler.apply')
    >>> Counter().add(2), Counter().add(0.5)
    (12, 10.5)
    """

    def apply(self, number x):
        return x * 2

    @staticmethod
    def ident(number x):
        return x

    @classmethod
    def named(cls, floating x):
        return cls.__name__, x


cdef class Counter:
    cdef int base

    def __init__(self):
        self.base = 10

    def add(self, number x):
        return self.base + x


def sized(number x):
    """Casts and sizeof name the member too.

    >>> sized(7), sized(3.0), sized['int'](7)
    ((8, 2), (8, 1.25), (4, 2))
    """
    return sizeof(number), <number>(x / 3 + 0.25)


pure_number = cython.fused_type(cython.int, cython.double)


def pure_add(x: pure_number, y: pure_number = 1) -> pure_number:
    """Pure mode's cython.fused_type declares a fused type as well.

    >>> pure_add(1), pure_add(1.5), sorted(pure_add.__signatures__)
    (2, 2.5, ['double', 'int'])
    """
    return x + y


cdef class Acc:
    """cdef methods over fused types: one vtable entry per specialisation, chosen from the
    arguments; a subclass overrides them all.

    >>> Acc().run(np.array([1.0, 2.0]))
    ((6, 1.0, 4), 8.5)
    >>> Sub().run(np.array([1.0, 2.0]))
    ((3, 0.5, 4), 205.0)
    """
    cdef double total

    cdef number add(self, number x):
        self.total += x
        return x * 2

    cdef void add_view(self, floating[:] v) noexcept:
        cdef Py_ssize_t i
        for i in range(v.shape[0]):
            self.total += v[i]

    def run(self, double[:] a):
        cdef int i = 3
        cdef double d = 0.5
        r = (self.add(i), self.add(d), Acc.add(self, 2))
        self.add_view(a)
        return r, self.total


cdef class Sub(Acc):
    cdef number add(self, number x):
        self.total += 100
        return x
