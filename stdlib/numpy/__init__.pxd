# numpy for pyxc: `cimport numpy as cnp`, then typed memoryviews over numpy arrays
# (`cnp.float64_t[:, ::1] a`), `cnp.ndarray` arguments and the buffer syntax
# (`ndarray[double, ndim=2] a`, through a typed memoryview: docs/memoryviews.md), which need
# neither numpy's headers nor its C API; and a part of numpy's C API, as Cython 3 declares it:
# `import_array()`, the type numbers (`NPY_DOUBLE`, `NPY_INT64`...), `PyArray_*` functions
# and macros, and `ndarray`'s C-level `shape`, `strides`, `ndim`, `size` and `data`.
#
# The C API's blocks declare only functions and constants, so their header is included only
# in modules whose code uses one of them (sema/lazy_extern.rs); the driver then adds numpy's
# include directory and NPY_NO_DEPRECATED_API. Such modules import numpy's C API table when
# they execute (as Cython 3 does when `import_array()` is missing); `import_array()` imports
# it again there and has nothing to do in the others.

from libc.stdint cimport (int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t,
                          uint64_t)

ctypedef unsigned char npy_bool
ctypedef signed char npy_byte
ctypedef signed short npy_short
ctypedef signed int npy_int
ctypedef signed long npy_long
ctypedef signed long long npy_longlong
ctypedef unsigned char npy_ubyte
ctypedef unsigned short npy_ushort
ctypedef unsigned int npy_uint
ctypedef unsigned long npy_ulong
ctypedef unsigned long long npy_ulonglong
ctypedef float npy_float
ctypedef double npy_double
ctypedef long double npy_longdouble
ctypedef Py_ssize_t npy_intp
ctypedef size_t npy_uintp
ctypedef int8_t npy_int8
ctypedef int16_t npy_int16
ctypedef int32_t npy_int32
ctypedef int64_t npy_int64
ctypedef uint8_t npy_uint8
ctypedef uint16_t npy_uint16
ctypedef uint32_t npy_uint32
ctypedef uint64_t npy_uint64
ctypedef float npy_float32
ctypedef double npy_float64
ctypedef float complex npy_complex64
ctypedef double complex npy_complex128

ctypedef double float_t
ctypedef double double_t
ctypedef long double longdouble_t
ctypedef float float32_t
ctypedef double float64_t
ctypedef float complex complex64_t
ctypedef double complex complex128_t
ctypedef float complex cfloat_t
ctypedef double complex cdouble_t
ctypedef double complex complex_t
ctypedef long double complex clongdouble_t
ctypedef Py_ssize_t intp_t
ctypedef size_t uintp_t
ctypedef signed long int_t
ctypedef signed long long_t
ctypedef signed long long longlong_t
ctypedef unsigned long uint_t
ctypedef unsigned long ulong_t
ctypedef unsigned long long ulonglong_t


# numpy's type numbers. NPY_TYPES is an enum in C; here its values are ints.
ctypedef int NPY_TYPES

cdef extern from "numpy/arrayobject.h":
    enum:
        NPY_BOOL
        NPY_BYTE
        NPY_UBYTE
        NPY_SHORT
        NPY_USHORT
        NPY_INT
        NPY_UINT
        NPY_LONG
        NPY_ULONG
        NPY_LONGLONG
        NPY_ULONGLONG
        NPY_FLOAT
        NPY_DOUBLE
        NPY_LONGDOUBLE
        NPY_CFLOAT
        NPY_CDOUBLE
        NPY_CLONGDOUBLE
        NPY_OBJECT
        NPY_STRING
        NPY_UNICODE
        NPY_VOID
        NPY_DATETIME
        NPY_TIMEDELTA
        NPY_NOTYPE
        NPY_INT8
        NPY_INT16
        NPY_INT32
        NPY_INT64
        NPY_UINT8
        NPY_UINT16
        NPY_UINT32
        NPY_UINT64
        NPY_FLOAT16
        NPY_FLOAT32
        NPY_FLOAT64
        NPY_COMPLEX64
        NPY_COMPLEX128
        NPY_INTP
        NPY_UINTP

    # Arrays from dimensions and a type number (new references; `fortran` nonzero for
    # Fortran order).
    object PyArray_ZEROS(int nd, npy_intp *dims, int type, int fortran)
    object PyArray_EMPTY(int nd, npy_intp *dims, int type, int fortran)
    object PyArray_SimpleNew(int nd, npy_intp *dims, int typenum)
    object PyArray_SimpleNewFromData(int nd, npy_intp *dims, int typenum, void *data)


# numpy's Python types, so that `cnp.ndarray a` checks its argument (TypeError otherwise) and
# `isinstance(x, cnp.ndarray)` works. Their C layout is not declared: attributes and methods
# are looked up as on any object (`a.dtype`, `a.sum()`), and a `cdef class` cannot extend them
# (a TypeError at import).
cdef class dtype:
    pass


cdef class flatiter:
    pass


cdef class broadcast:
    pass


cdef class ndarray


cdef class ufunc:
    pass


cdef extern from "numpy/arrayobject.h":
    # numpy's functions take a PyArrayObject *, and pyxc passes objects as PyObject *.
    """
    #define pyx_PyArray_NDIM(a) PyArray_NDIM((PyArrayObject *)(a))
    #define pyx_PyArray_DIMS(a) PyArray_DIMS((PyArrayObject *)(a))
    #define pyx_PyArray_STRIDES(a) PyArray_STRIDES((PyArrayObject *)(a))
    #define pyx_PyArray_SIZE(a) PyArray_SIZE((PyArrayObject *)(a))
    #define pyx_PyArray_DATA(a) PyArray_DATA((PyArrayObject *)(a))
    #define pyx_PyArray_BYTES(a) PyArray_BYTES((PyArrayObject *)(a))
    #define pyx_PyArray_ITEMSIZE(a) PyArray_ITEMSIZE((PyArrayObject *)(a))
    #define pyx_PyArray_TYPE(a) PyArray_TYPE((PyArrayObject *)(a))
    #define pyx_PyArray_IS_C_CONTIGUOUS(a) PyArray_IS_C_CONTIGUOUS((PyArrayObject *)(a))
    #define pyx_PyArray_IS_F_CONTIGUOUS(a) PyArray_IS_F_CONTIGUOUS((PyArrayObject *)(a))
    #define pyx_PyArray_Copy(a) PyArray_Copy((PyArrayObject *)(a))
    """
    int PyArray_NDIM(ndarray arr) nogil "pyx_PyArray_NDIM"
    npy_intp *PyArray_DIMS(ndarray arr) nogil "pyx_PyArray_DIMS"
    npy_intp *PyArray_STRIDES(ndarray arr) nogil "pyx_PyArray_STRIDES"
    npy_intp PyArray_SIZE(ndarray arr) nogil "pyx_PyArray_SIZE"
    void *PyArray_DATA(ndarray arr) nogil "pyx_PyArray_DATA"
    char *PyArray_BYTES(ndarray arr) nogil "pyx_PyArray_BYTES"
    npy_intp PyArray_ITEMSIZE(ndarray arr) nogil "pyx_PyArray_ITEMSIZE"
    int PyArray_TYPE(ndarray arr) nogil "pyx_PyArray_TYPE"
    bint PyArray_IS_C_CONTIGUOUS(ndarray arr) nogil "pyx_PyArray_IS_C_CONTIGUOUS"
    bint PyArray_IS_F_CONTIGUOUS(ndarray arr) nogil "pyx_PyArray_IS_F_CONTIGUOUS"
    object PyArray_Copy(ndarray arr) "pyx_PyArray_Copy"


cdef class ndarray:
    # Read on a typed `cnp.ndarray` with numpy's macros (Cython's declarations); other
    # attributes are numpy's Python ones.
    @property
    cdef inline int ndim(self) noexcept nogil:
        return PyArray_NDIM(self)

    @property
    cdef inline npy_intp *shape(self) noexcept nogil:
        return PyArray_DIMS(self)

    @property
    cdef inline npy_intp *strides(self) noexcept nogil:
        return PyArray_STRIDES(self)

    @property
    cdef inline npy_intp size(self) noexcept nogil:
        return PyArray_SIZE(self)

    @property
    cdef inline char *data(self) noexcept nogil:
        return PyArray_BYTES(self)


cdef extern from *:
    # Imports numpy's C API table where numpy's header is included (NPY_API_VERSION is then
    # defined), that is, where the module uses the C API; does nothing elsewhere.
    """
    static inline int pyx_numpy_import_array(void) {
    #ifdef NPY_API_VERSION
        if (_import_array() < 0) {
            PyErr_SetString(PyExc_ImportError, "numpy._core.multiarray failed to import");
            return -1;
        }
    #endif
        return 0;
    }
    """
    int import_array "pyx_numpy_import_array" () except -1


cdef inline int import_umath() except -1:
    return 0


cdef inline int import_ufunc() except -1:
    return 0
