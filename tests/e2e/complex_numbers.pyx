# cython: language_level=3
"""C complex numbers: `float complex`, `double complex`, `long double complex`."""

cimport cython
from libc.complex cimport cexp, csqrt, carg, cabsf
from libc.math cimport M_PI
from cython.view cimport array as cvarray


def roundtrip(double complex z):
    """A Python complex in, a Python complex out; ints, floats, bools and objects with
    `__complex__` (or `__float__`/`__index__`) convert too.

    >>> roundtrip(2.5 - 1j), roundtrip(7), roundtrip(0.25), roundtrip(True)
    ((2.5-1j), (7+0j), (0.25+0j), (1+0j))
    >>> class Polar:
    ...     def __complex__(self):
    ...         return 3j
    >>> roundtrip(Polar())
    3j
    >>> class Half:
    ...     def __float__(self):
    ...         return 0.5
    >>> roundtrip(Half())
    (0.5+0j)
    """
    return z


def refused(x):
    """Other objects raise TypeError, with CPython's message.

    >>> refused("3+4j")
    Traceback (most recent call last):
    TypeError: must be real number, not str
    >>> refused(None)
    Traceback (most recent call last):
    TypeError: must be real number, not NoneType
    >>> class Liar:
    ...     def __complex__(self):
    ...         return 'no'
    >>> refused(Liar())
    Traceback (most recent call last):
    TypeError: __complex__ returned non-complex (type str)
    """
    cdef double complex z = x
    return z


def single_precision(float complex z):
    """A `float complex` keeps single-precision parts.

    >>> single_precision(0.1 + 0.2j) == 0.1 + 0.2j
    False
    >>> single_precision(1e300 + 1j)
    (inf+1j)
    >>> single_precision(0.5 - 0.25j)
    (0.5-0.25j)
    """
    return z


def arithmetic(double complex a, double complex b):
    """
    >>> arithmetic(1 + 2j, 1 - 1j)
    ((2+1j), 3j, (3+1j), (-0.5+1.5j), (-1-2j))
    """
    return a + b, a - b, a * b, a / b, -a


def promotions(double complex z, long n, double d, float f):
    """Ints and floats promote to complex; a `float complex` with a `double` gives a
    `double complex`.

    >>> promotions(1j, 3, 0.5, 2.0)
    ((3+1j), (0.5-1j), 6j, (0.5+0j), 'double complex', 'float complex', 'double complex')
    """
    cdef float complex w = 1j
    return (n + z, d - z, n * f * z, 1 / (f * z) * 1j,
            cython.typeof(w * d), cython.typeof(w * n), cython.typeof(w * z))


def division_by_zero(double complex a, b):
    """Dividing by a complex, float or int zero raises ZeroDivisionError (cdivision=False).

    >>> division_by_zero(1j, 0j)
    Traceback (most recent call last):
    ZeroDivisionError: float division
    >>> division_by_zero(1j, 0)
    Traceback (most recent call last):
    ZeroDivisionError: float division
    >>> division_by_zero(4j, 2)
    2j
    """
    cdef double complex d = b
    return a / d


def division_by_float_zero(float complex a, double d):
    """
    >>> division_by_float_zero(1 + 1j, 0.0)
    Traceback (most recent call last):
    ZeroDivisionError: float division
    """
    return a / d


@cython.cdivision(True)
def c_division(double complex a, double complex b):
    """Under cdivision, C's division: no check.

    >>> r = c_division(1, 0)
    >>> r != r
    True
    """
    return a / b


def equality(double complex a, double complex b, double x):
    """`==` and `!=` compare both parts; a real operand is a complex with no imaginary part.

    >>> equality(2 + 0j, 2 + 0j, 2.0)
    (True, False, True)
    >>> equality(2 + 1j, 2 - 1j, 2.0)
    (False, True, False)
    """
    return a == b, a != b, a == x


def parts(double complex z):
    """
    >>> parts(3 - 4j)
    (3.0, -4.0, (3+4j), 5.0, 'double', 'double')
    """
    return z.real, z.imag, z.conjugate(), abs(z), cython.typeof(z.real), cython.typeof(abs(z))


def float_parts(float complex z):
    """Parts of a `float complex` are floats.

    >>> float_parts(1.5 + 2j)
    ('float', 'float', 'float complex', 2.5)
    """
    return cython.typeof(z.imag), cython.typeof(abs(z)), cython.typeof(z.conjugate()), abs(z)


def set_parts(double complex z):
    """Assigning `.real` and `.imag` of a variable changes it.

    >>> set_parts(1 + 1j)
    (10-1j)
    """
    z.real = 10
    z.imag = -z.imag
    return z


def literals():
    """Imaginary literals are C constants in typed code.

    >>> literals()
    ((2+3j), (-0-1.5j), (4+0j), (-1+0j), 'double complex')
    """
    cdef double complex a = 2 + 3j
    cdef float complex b = -1.5j
    cdef long double complex c = 4
    inferred = 1j * 1j
    return a, b, c, inferred, cython.typeof(inferred)


def powers(double complex z, int n):
    """
    >>> r = powers(1j, 2)
    >>> abs(r[0] + 1) < 1e-12, abs(r[1] - 1j) < 1e-12
    (True, True)
    """
    return z ** n, z ** 1


def augmented(double complex z):
    """
    >>> augmented(1 + 1j)
    4j
    """
    z += 1
    z *= 2j
    z -= z.real
    return z


def long_double(long double complex z):
    """
    >>> long_double(1 + 1j)
    (2j, 'long double complex', 'long double')
    """
    return z * z, cython.typeof(z), cython.typeof(z.real)


def mixed_with_objects(double complex z, o):
    """A Python operand makes it Python arithmetic.

    >>> mixed_with_objects(2j, 3)
    ((3+2j), 'Python object')
    """
    r = z + o
    return r, cython.typeof(z + o)


cdef double complex rotate(double complex z, int quarter_turns):
    cdef int i
    for i in range(quarter_turns):
        z = z * 1j
    return z


cpdef double complex scaled(double complex z, double k):
    return z * k


def c_functions(double complex z):
    """Complex arguments and results of cdef and cpdef functions.

    >>> c_functions(1 + 0j)
    ((-1+0j), (2+0j))
    >>> scaled(1j, 3)
    3j
    """
    return rotate(z, 2), scaled(z, 2)


cdef double complex inverse(double complex z) except *:
    if z == 0:
        raise ValueError("no inverse of zero")
    return 1 / z


def checked_inverse(z):
    """
    >>> checked_inverse(2j)
    -0.5j
    >>> checked_inverse(0)
    Traceback (most recent call last):
    ValueError: no inverse of zero
    """
    return inverse(z)


cdef struct Sample:
    double complex value
    int count


def struct_field(double complex z):
    """
    >>> struct_field(1 + 2j)
    {'value': (1-2j), 'count': 2}
    """
    cdef Sample s = Sample(z, 1)
    s.value.imag = -s.value.imag
    s.count += 1
    return s


def array_and_ctuple(double complex z):
    """
    >>> array_and_ctuple(1j)
    ([1j, (-1+0j)], (1j, 7), 1j, 7)
    """
    cdef double complex a[2]
    a[0] = z
    a[1] = z * z
    cdef (double complex, int) t = (z, 7)
    first, second = t
    return a, t, first, second


cdef class Signal:
    """Complex fields of an extension type.

    >>> s = Signal(1 + 1j)
    >>> s.value, s.peak
    ((1+1j), (1+1j))
    >>> s.value = 2
    >>> s.shift(1j)
    (2+1j)
    >>> s.peak = 0
    Traceback (most recent call last):
    AttributeError: attribute 'peak' of 'complex_numbers.Signal' objects is not writable
    >>> s.value = 'x'
    Traceback (most recent call last):
    TypeError: must be real number, not str
    """
    cdef public double complex value
    cdef readonly float complex peak

    def __init__(self, v):
        self.value = v
        self.peak = v

    def shift(self, double complex by):
        self.value.imag += by.imag
        return self.value


def closure(double complex z):
    """A captured complex variable lives boxed in its cell.

    >>> closure(2j)
    (4j, (1+2j))
    """
    def twice():
        return z * 2
    first = twice()
    z = z + 1
    return first, z


def nogil_section(double complex z):
    """
    >>> nogil_section(3 + 4j)
    (5.0, (3-4j))
    """
    cdef double m
    cdef double complex c
    with nogil:
        m = abs(z)
        c = z.conjugate()
    return m, c


def libc_functions(double complex z, float complex f):
    """`libc.complex` declares <complex.h>'s functions.

    >>> libc_functions(-4, 3 + 4j)
    (2j, True, 5.0, 3.14159...)
    """
    cdef double complex e = cexp(1j * M_PI)
    return csqrt(z), abs(e + 1) < 1e-12, cabsf(f), carg(z)


def view_array(int n):
    """A `cython.view.array` of complex items ('Zd'), written through a typed view and read
    from Python.

    >>> a = view_array(3)
    >>> a[2], list(a), a.itemsize
    (2j, [0j, 1j, 2j], 16)
    """
    a = cvarray(shape=(n,), itemsize=sizeof(double complex), format="Zd")
    cdef double complex[:] v = a
    cdef int i
    for i in range(n):
        v[i] = i * 1j
    return a


cimport cython


def doubled(cython.numeric x):
    """`cython.numeric` includes the complex kinds: a Python complex picks `double complex`.

    >>> doubled(2), doubled(2.5), doubled(1 + 2j), doubled['float complex'](0.5j)
    (4, 5.0, (2+4j), 1j)
    """
    return x * 2
