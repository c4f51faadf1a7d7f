# numpy for pyxc: `cimport numpy as cnp`, then typed memoryviews over numpy arrays
# (`cnp.float64_t[:, ::1] a`) and `cnp.ndarray` arguments. Only names are declared: pyxc reads
# arrays through the buffer protocol, so neither numpy's headers nor its C API are needed, and
# `import_array()` has nothing to do. The buffer syntax (`ndarray[double, ndim=2] a`) works
# through a typed memoryview (docs/memoryviews.md). numpy's C functions are not declared.

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


cdef inline int import_array() except -1:
    return 0


cdef inline int import_umath() except -1:
    return 0


cdef inline int import_ufunc() except -1:
    return 0


# numpy's Python types, so that `cnp.ndarray a` checks its argument (TypeError otherwise) and
# `isinstance(x, cnp.ndarray)` works. Their C layout is not declared: attributes and methods
# are looked up as on any object, and a `cdef class` cannot extend them (a TypeError at import).
cdef class dtype:
    pass


cdef class flatiter:
    pass


cdef class broadcast:
    pass


cdef class ndarray:
    pass


cdef class ufunc:
    pass
