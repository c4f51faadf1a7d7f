"""Cython's buffer syntax over numpy arrays: `cnp.ndarray[T, ndim=N, mode=...]` locals and
parameters index through a view of the array, and are the array everywhere else.

>>> import numpy as np
>>> total(np.arange(6.0).reshape(2, 3))
15.0
>>> squares(4)
array([0, 1, 4, 9])
>>> total(np.ones(3))
Traceback (most recent call last):
ValueError: Buffer has wrong number of dimensions (expected 2, got 1)
>>> total([[1.0]])
Traceback (most recent call last):
TypeError: Argument 'a' has incorrect type (expected numpy.ndarray, got list)
>>> total(np.ones((2, 2), dtype=np.int32))
Traceback (most recent call last):
ValueError: Buffer dtype mismatch, expected 'double' but got 'int'
>>> c_order(np.ones((2, 3)))
5.0
>>> c_order(np.ones((3, 2)).T)
Traceback (most recent call last):
ValueError: ndarray is not C-contiguous
>>> first, second, part = rebound(3)
>>> first, second, part, type(part).__name__
(array([1.5, 0. , 0. ]), array([1., 1., 1., 7.]), array([1., 1.]), 'ndarray')
>>> items(np.array([1, 'b', None], dtype=object))
('b', None, 'x')
>>> optional(), optional(np.full(2, 4.0))
('none', 4.0)
>>> any_buffer(np.arange(5)), any_buffer(np.arange(3))
(10, 3)
>>> through_cdef(np.arange(4.0))
(3.0, 2.0)
>>> last(np.arange(3.0)), type(in_closure(np.full(2, 3.0))).__name__
(2.0, 'float64')
>>> last(np.zeros(0))
Traceback (most recent call last):
IndexError: Out of bounds on buffer access (axis 0)

A fused item type makes one specialisation per member, chosen by the array's dtype:

>>> fused_sum(np.ones(3)), fused_sum(np.full(2, 1.5, dtype=np.float32))
(3.0, 3.0)
>>> fused_sum(np.ones(3, dtype=np.int64))
Traceback (most recent call last):
TypeError: No matching signature found
"""
import numpy as np
cimport numpy as cnp
cimport cython
from cython cimport floating

cnp.import_array()

ctypedef cnp.float64_t DTYPE_t


@cython.boundscheck(False)
@cython.wraparound(False)
def total(cnp.ndarray[DTYPE_t, ndim=2] a):
    cdef Py_ssize_t i, j
    cdef DTYPE_t s = 0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            s += a[i, j]
    return s


def squares(int n):
    cdef cnp.ndarray[cnp.int64_t, ndim=1] out = np.zeros(n, dtype=np.int64)
    cdef int i
    for i in range(n):
        out[i] = i * i
    return out


def c_order(cnp.ndarray[double, ndim=2, mode="c"] m):
    return m[1, 2] + m.shape[1] + m.ndim - 1


def rebound(int n):
    # Each `=` binds the view again; slicing gives numpy's own result.
    cdef cnp.ndarray[double] a = np.zeros(n)
    a[0] = 1.5
    first = a
    a = np.ones(n + 1)
    a[n] = 7
    return first, a, a[1:3]


def items(cnp.ndarray[object] a):
    a[0] = "x"
    return a[1], a[-1], a[0]


def optional(cnp.ndarray[double] a=None):
    if a is None:
        return "none"
    return a[1]


def any_buffer(object[long, ndim=1] v):
    cdef long s = 0
    cdef Py_ssize_t i
    for i in range(v.shape[0]):
        s += v[i]
    return s


cdef double item(cnp.ndarray[double] a, Py_ssize_t i):
    return a[i]


cpdef double corner(cnp.ndarray[double, ndim=2] m):
    return m[1, 1]


def through_cdef(a):
    return corner(a.reshape(2, 2)), item(a, 2)


def last(cnp.ndarray[double] a):
    return a[-1]


def in_closure(cnp.ndarray[double] a):
    # An inner function sees the array object: numpy indexes it (a numpy scalar).
    def inner():
        return a[0]
    return inner()


def fused_sum(cnp.ndarray[floating] a):
    cdef floating t = 0
    cdef Py_ssize_t i
    for i in range(a.shape[0]):
        t += a[i]
    return t
