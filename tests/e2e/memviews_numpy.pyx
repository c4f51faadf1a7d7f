"""Typed memoryviews over numpy arrays: 2-D and 3-D views, contiguity requirements, dtypes,
object items, and views handed back to numpy without copying."""

import numpy as np
cimport numpy as cnp

cnp.import_array()


def array_argument(cnp.ndarray a, x):
    """`cnp.ndarray` checks its argument's type; its attributes other than the C-level ones
    (`shape` is an `npy_intp *`, as in Cython 3) are looked up as on any object.

    >>> array_argument(np.zeros((2, 3)), np.ones(1))
    ((2, 3), True, True)
    >>> array_argument(np.zeros(1), [1])
    ((1,), False, True)
    >>> array_argument([1, 2], None)
    Traceback (most recent call last):
    TypeError: Argument 'a' has incorrect type (expected numpy.ndarray, got list)
    """
    cdef cnp.ndarray b = np.asarray(x) if x is not None else a
    return (<object>a).shape, isinstance(x, cnp.ndarray), cnp.ndarray is type(b)


def numpy_scalar_types(cnp.float64_t[:, ::1] m, cnp.int64_t[:] counts, cnp.uint8_t[:] flags,
                       cnp.complex128_t[:] z):
    """`cimport numpy` declares numpy's scalar type names for views.

    >>> numpy_scalar_types(np.ones((2, 2)), np.arange(4), np.array([1, 0], np.uint8),
    ...                    np.array([1 - 1j]))
    (4.0, 6, 1, (1-1j))
    >>> numpy_scalar_types(np.ones((2, 2)), np.arange(4, dtype=np.int32), np.zeros(1, np.uint8),
    ...                    np.zeros(1, complex))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'int64_t' but got 'int'
    """
    cdef cnp.float64_t total = 0
    cdef cnp.intp_t i, j
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            total += m[i, j]
    cdef cnp.int64_t n = 0
    for i in range(counts.shape[0]):
        n += counts[i]
    return total, n, flags[0] + flags[1], z[0]


def c_rows(double[:, ::1] m):
    """A C-contiguous view refuses other layouts (numpy's own message).

    >>> c_rows(np.ones((2, 3)))
    (2, 3, 8)
    >>> c_rows(np.ones((3, 2)).T)
    Traceback (most recent call last):
    ValueError: ndarray is not C-contiguous
    """
    cdef double[::1] row = m[1]
    return m.shape[0], row.shape[0], row.strides[0]


def fortran(double[::1, :] m):
    """
    >>> fortran(np.asfortranarray(np.zeros((2, 3))))
    (8, 16)
    """
    return m.strides[0], m.strides[1]


def dtypes(long[:] a, float[:] b, unsigned char[:] c):
    """`long` matches numpy's default integers, `float` float32, a bool array unsigned bytes.

    >>> dtypes(np.arange(3), np.ones(2, dtype=np.float32), np.array([True, False, True]))
    (3, 2.0, 2)
    >>> dtypes(np.arange(3, dtype=np.int32), np.ones(2, dtype=np.float32), np.zeros(1, dtype=bool))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'long' but got 'int'
    """
    return a[0] + a[1] + a[2], b[0] + b[1], c[0] + c[1] + c[2]


def matmul(double[:, :] a, double[:, :] b):
    """
    >>> matmul(np.array([[1.0, 2.0], [3.0, 4.0]]), np.eye(2)).tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    out = np.zeros((a.shape[0], b.shape[1]))
    cdef double[:, :] c = out
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            for k in range(a.shape[1]):
                c[i, j] += a[i, k] * b[k, j]
    return out


def slab(double[:, :, :] a):
    """Ellipsis, new axes and partial indexing make new views.

    >>> slab(np.arange(24.0).reshape(2, 3, 4))
    ((2, 3), (1, 4), 23.0, 20.0)
    """
    cdef double[:, :] last = a[..., 3]
    cdef double[:, :] row = a[1, 2][None, :]
    return (last.shape[0], last.shape[1]), (row.shape[0], row.shape[1]), last[1, 2], row[0, 0]


def shared(double[:, :] m):
    """np.asarray of a returned view shares memory with the original array.

    >>> arr = np.zeros((2, 2))
    >>> out = np.asarray(shared(arr))
    >>> out[0, 1] = 5
    >>> arr.tolist(), out.shape
    ([[0.0, 5.0], [0.0, 0.0]], (2, 2))
    """
    return m


def objects(object[:] items, value):
    """Object items are references: stores release the old item.

    >>> arr = np.array([1, 'a', None], dtype=object)
    >>> objects(arr, [7])
    (1, 'a')
    >>> arr.tolist()
    [[7], 'a', None]
    """
    first = items[0]
    items[0] = value
    return first, items[1]


def readonly(const double[:] a):
    """
    >>> r = np.arange(3.0); r.flags.writeable = False
    >>> readonly(r)
    3.0
    >>> writable(r)
    Traceback (most recent call last):
    ValueError: buffer source array is read-only
    """
    return a[0] + a[1] + a[2]


def writable(double[:] a):
    a[0] = 1


cdef double[:] module_view = np.arange(3.0)


def module_view_base():
    """A module-level view holds its array while the module lives and releases it when the
    module is freed (checked in a fresh interpreter).

    >>> import os, subprocess, sys
    >>> code = ("import gc, sys, weakref; sys.path.insert(0, %r); import memviews_numpy as m; "
    ...         "r = weakref.ref(m.module_view_base()); gc.collect(); alive = r() is not None; "
    ...         "del sys.modules['memviews_numpy'], m; gc.collect(); print(alive, r() is None)"
    ...         % os.path.dirname(__file__))
    >>> subprocess.run([sys.executable, '-c', code], capture_output=True, text=True).stdout
    'True True\\n'
    """
    return module_view.base


def complex_sum(double complex[:, ::1] m):
    """complex128 arrays are `double complex` views (buffer format 'Zd'); items are lvalues,
    their parts too.

    >>> a = np.array([[1 + 1j, 2], [3j, -1]])
    >>> complex_sum(a)
    (2+4j)
    >>> a.imag.tolist()
    [[0.0, 0.0], [0.0, 0.0]]
    """
    cdef double complex s = 0
    cdef Py_ssize_t i, j
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j]
            m[i, j].imag = 0
    return s


def complex_kinds(float complex[:] f, long double complex[:] g):
    """complex64 is `float complex` ('Zf'), clongdouble `long double complex` ('Zg'); the
    kinds do not mix.

    >>> complex_kinds(np.array([0.5j], dtype=np.complex64), np.array([2 + 0j], dtype=np.clongdouble))
    (1+0.5j)
    >>> complex_kinds(np.zeros(1, dtype=np.complex128), np.zeros(1, dtype=np.clongdouble))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'float complex' but got 'complex double'
    >>> complex_sum(np.zeros((1, 1)))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'double complex' but got 'double'
    """
    return f[0] + g[0] / 2


cdef struct Reading:
    double complex z
    int n


def complex_fields(Reading[:] r):
    """A struct item with a complex field matches numpy's aligned record ('T{Zd:z:i:n:}').

    >>> dt = np.dtype([('z', np.complex128), ('n', np.int32)], align=True)
    >>> a = np.zeros(2, dtype=dt)
    >>> complex_fields(a)
    {'z': 1j, 'n': 1}
    >>> a['z']
    array([0.+1.j, 0.+0.j])
    """
    r[0].z = 1j
    r[0].n = 1
    return r[0]


cdef class Grid:
    """A cdef class holding views: fields read in place in loops, assigned from arrays (dtype
    checked), exposed as public/readonly, released with the instance.

    >>> g = Grid(3)
    >>> g.fill(1.0), g.total(), np.asarray(g.row).tolist(), g.first(), row_of_new_grid()
    (None, 18.0, [1.0, 1.0, 1.0], 1.0, 0.0)
    >>> g.row = np.arange(2.0); np.asarray(g.row).tolist()
    [0.0, 1.0]
    >>> g.row = np.zeros(2, dtype=np.int32)
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'double' but got 'int'
    >>> g.row = None; g.row is None
    True

    A field never assigned (here `__init__` did not run) is not None: reading it raises,
    as in Cython.

    >>> Grid.__new__(Grid).cells
    Traceback (most recent call last):
    AttributeError: Memoryview is not initialized
    >>> Grid.__new__(Grid).total()
    Traceback (most recent call last):
    AttributeError: Memoryview is not initialized
    >>> import gc, pickle, weakref
    >>> r = weakref.ref(g.data_base()); del g; _ = gc.collect(); r() is None
    True
    >>> pickle.dumps(Grid(1))
    Traceback (most recent call last):
    TypeError: no default __reduce__ due to non-trivial __cinit__
    """
    cdef double[:, ::1] data
    cdef public double[:] row
    cdef readonly double[:] cells

    def __init__(self, int n):
        self.data = np.zeros((n, n))
        self.row = self.data[0]

    def fill(self, double v):
        cdef Py_ssize_t i, j
        for i in range(self.data.shape[0]):
            for j in range(self.data.shape[1]):
                self.data[i, j] = v + i

    def total(self):
        cdef double s = 0
        cdef Py_ssize_t i, j
        for i in range(self.data.shape[0]):
            for j in range(self.data.shape[1]):
                s += self.data[i, j]
        return s

    def first(self):
        cdef double[:, ::1] d = self.data
        return d[0, 0]

    def data_base(self):
        return self.data.base


cdef Grid new_grid():
    return Grid(2)


def row_of_new_grid():
    return new_grid().data[1, 1]
