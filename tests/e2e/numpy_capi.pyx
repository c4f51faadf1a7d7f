"""numpy's C API after `cimport numpy as cnp`: `import_array()`, type numbers, `PyArray_*`
functions and the C-level attributes of a typed `cnp.ndarray` (numpy's headers are included
because the module uses them).

>>> import numpy as np
>>> a = np.arange(6.0).reshape(2, 3)
>>> attributes(a)
(2, 2, 3, 6, 24, 8, True)
>>> attributes(np.zeros((4, 5), dtype=np.int32)[:, ::2])
(2, 4, 3, 12, 20, 8, True)
>>> describe(a)
(2, 6, 8, 12, True, False, (2, 3))
>>> describe(np.ones((2, 3), dtype=np.uint8, order='F'))
(2, 6, 1, 2, False, True, (2, 3))
>>> zeros(3), zeros(3).dtype
(array([0., 0., 0.]), dtype('float64'))
>>> zeros_2d(2, 3, True).flags['F_CONTIGUOUS'], zeros_2d(2, 3, True).shape
(True, (2, 3))
>>> filled(4)
array([0. , 0.5, 1. , 1.5])
>>> counted(5)
array([0, 1, 2, 3, 4])
>>> empty_int32(3).dtype, empty_int32(3).shape
(dtype('int32'), (3,))
>>> wrapped(), wrapped().flags['OWNDATA']
(array([ 7, 14, 21]), False)
>>> b = copied(a)
>>> b is a, bool((b == a).all()), b.flags['OWNDATA']
(False, True, True)
>>> type_numbers() == (np.dtype(np.float64).num, np.dtype(np.float64).num,
...     np.dtype(np.int64).num, np.dtype(np.intp).num, np.dtype(np.float32).num,
...     np.dtype(np.int32).num, np.dtype(np.uint8).num, np.dtype(np.bool_).num)
True
>>> typenum_matches(np.ones(2, dtype=np.float32), cnp_float32())
True
>>> first_row_sum(np.arange(12.0).reshape(3, 4))
6.0
>>> nogil_sum(np.arange(5.0))
10.0

Wrong argument types raise TypeError, as for any typed `cnp.ndarray`:

>>> attributes([1, 2])
Traceback (most recent call last):
TypeError: Argument 'a' has incorrect type (expected numpy.ndarray, got list)
>>> untyped_data([1.0])
Traceback (most recent call last):
TypeError: Cannot convert list to numpy.ndarray

No reference is leaked by the functions creating, copying and reading arrays:

>>> import sys
>>> before = sys.getrefcount(a)
>>> for _ in range(1000):
...     r = attributes(a), describe(a), copied(a), zeros(2), filled(2), wrapped()
...     try:
...         untyped_data(a.tolist())
...     except TypeError:
...         pass
>>> del r
>>> sys.getrefcount(a) - before
0
>>> import weakref
>>> all(w() is None for w in [weakref.ref(filled(3)), weakref.ref(zeros(3)),
...                           weakref.ref(copied(a)), weakref.ref(counted(2))])
True
"""
import numpy as np
cimport numpy as cnp

cnp.import_array()

cdef long data[3]
data[:] = [7, 14, 21]


def attributes(cnp.ndarray a):
    return (a.ndim, a.shape[0], a.shape[1], a.size, a.strides[0], a.strides[1],
            a.data == <char *>cnp.PyArray_DATA(a))


def describe(cnp.ndarray a):
    cdef cnp.npy_intp *dims = cnp.PyArray_DIMS(a)
    return (cnp.PyArray_NDIM(a), cnp.PyArray_SIZE(a), cnp.PyArray_ITEMSIZE(a),
            cnp.PyArray_TYPE(a), cnp.PyArray_IS_C_CONTIGUOUS(a), cnp.PyArray_IS_F_CONTIGUOUS(a),
            (dims[0], dims[1]))


def zeros(cnp.npy_intp n):
    return cnp.PyArray_ZEROS(1, &n, cnp.NPY_DOUBLE, 0)


def zeros_2d(cnp.npy_intp rows, cnp.npy_intp cols, bint fortran):
    cdef cnp.npy_intp dims[2]
    dims[0] = rows
    dims[1] = cols
    return cnp.PyArray_ZEROS(2, dims, cnp.NPY_FLOAT64, fortran)


def filled(int n):
    cdef cnp.npy_intp dims[1]
    dims[0] = n
    cdef cnp.ndarray a = cnp.PyArray_SimpleNew(1, dims, cnp.NPY_FLOAT64)
    cdef double *p = <double *>cnp.PyArray_DATA(a)
    cdef int i
    for i in range(n):
        p[i] = i * 0.5
    return a


def counted(int n):
    cdef cnp.npy_intp size = n
    cdef cnp.ndarray a = cnp.PyArray_ZEROS(1, &size, cnp.NPY_INT64, 0)
    cdef cnp.int64_t *p = <cnp.int64_t *>a.data
    cdef cnp.npy_intp i
    with nogil:
        for i in range(a.shape[0]):
            p[i] = i
    return a


def empty_int32(cnp.npy_intp n):
    return cnp.PyArray_EMPTY(1, &n, cnp.NPY_INT32, 0)


def wrapped():
    cdef cnp.npy_intp n = 3
    return cnp.PyArray_SimpleNewFromData(1, &n, cnp.NPY_LONG, data)


def copied(cnp.ndarray a):
    return cnp.PyArray_Copy(a)


def type_numbers():
    return (cnp.NPY_DOUBLE, cnp.NPY_FLOAT64, cnp.NPY_INT64, cnp.NPY_INTP, cnp.NPY_FLOAT32,
            cnp.NPY_INT32, cnp.NPY_UINT8, cnp.NPY_BOOL)


def cnp_float32():
    cdef cnp.NPY_TYPES t = cnp.NPY_FLOAT32
    return t


def typenum_matches(cnp.ndarray a, int typenum):
    return cnp.PyArray_TYPE(a) == typenum


def first_row_sum(cnp.ndarray[cnp.float64_t, ndim=2] a):
    cdef double s = 0
    cdef Py_ssize_t j
    for j in range(a.shape[1]):
        s += a[0, j]
    return s


def nogil_sum(cnp.ndarray a):
    cdef double s = 0
    cdef double *p
    cdef cnp.npy_intp i, n
    with nogil:
        n = cnp.PyArray_SIZE(a)
        p = <double *>cnp.PyArray_DATA(a)
        for i in range(n):
            s += p[i]
    return s


def untyped_data(a):
    return <long>cnp.PyArray_DATA(a) != 0
