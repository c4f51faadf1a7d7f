# C99 <stdint.h> for pyxc: `from libc.stdint cimport int64_t, UINT32_MAX`.
#
# As for every extern typedef, the C compiler sees the real definition; the base type given
# here tells pyxc the signedness and rank. It has the same size for the exact-width and
# least-width types on every platform, and for the pointer-sized types (long) on Linux and
# macOS. The fast types vary (glibc makes int_fast16_t 8 bytes, macOS 2 bytes), so code that
# converts values of extern typedefs should take their size from C (sizeof).

cdef extern from "<stdint.h>" nogil:
    # Exact-width integers
    ctypedef signed char int8_t
    ctypedef signed short int16_t
    ctypedef signed int int32_t
    ctypedef signed long long int64_t
    ctypedef unsigned char uint8_t
    ctypedef unsigned short uint16_t
    ctypedef unsigned int uint32_t
    ctypedef unsigned long long uint64_t

    # Smallest integers of at least the width
    ctypedef signed char int_least8_t
    ctypedef signed short int_least16_t
    ctypedef signed int int_least32_t
    ctypedef signed long long int_least64_t
    ctypedef unsigned char uint_least8_t
    ctypedef unsigned short uint_least16_t
    ctypedef unsigned int uint_least32_t
    ctypedef unsigned long long uint_least64_t

    # Fastest integers of at least the width (size varies between platforms, see above)
    ctypedef signed char int_fast8_t
    ctypedef signed long int_fast16_t
    ctypedef signed long int_fast32_t
    ctypedef signed long long int_fast64_t
    ctypedef unsigned char uint_fast8_t
    ctypedef unsigned long uint_fast16_t
    ctypedef unsigned long uint_fast32_t
    ctypedef unsigned long long uint_fast64_t

    # Pointer-sized and greatest-width integers
    ctypedef signed long intptr_t
    ctypedef unsigned long uintptr_t
    ctypedef signed long long intmax_t
    ctypedef unsigned long long uintmax_t

    # Limits
    const int8_t INT8_MIN
    const int8_t INT8_MAX
    const uint8_t UINT8_MAX
    const int16_t INT16_MIN
    const int16_t INT16_MAX
    const uint16_t UINT16_MAX
    const int32_t INT32_MIN
    const int32_t INT32_MAX
    const uint32_t UINT32_MAX
    const int64_t INT64_MIN
    const int64_t INT64_MAX
    const uint64_t UINT64_MAX
    const int_least8_t INT_LEAST8_MIN
    const int_least8_t INT_LEAST8_MAX
    const uint_least8_t UINT_LEAST8_MAX
    const int_least16_t INT_LEAST16_MIN
    const int_least16_t INT_LEAST16_MAX
    const uint_least16_t UINT_LEAST16_MAX
    const int_least32_t INT_LEAST32_MIN
    const int_least32_t INT_LEAST32_MAX
    const uint_least32_t UINT_LEAST32_MAX
    const int_least64_t INT_LEAST64_MIN
    const int_least64_t INT_LEAST64_MAX
    const uint_least64_t UINT_LEAST64_MAX
    const int_fast8_t INT_FAST8_MIN
    const int_fast8_t INT_FAST8_MAX
    const uint_fast8_t UINT_FAST8_MAX
    const int_fast16_t INT_FAST16_MIN
    const int_fast16_t INT_FAST16_MAX
    const uint_fast16_t UINT_FAST16_MAX
    const int_fast32_t INT_FAST32_MIN
    const int_fast32_t INT_FAST32_MAX
    const uint_fast32_t UINT_FAST32_MAX
    const int_fast64_t INT_FAST64_MIN
    const int_fast64_t INT_FAST64_MAX
    const uint_fast64_t UINT_FAST64_MAX
    const intptr_t INTPTR_MIN
    const intptr_t INTPTR_MAX
    const uintptr_t UINTPTR_MAX
    const intmax_t INTMAX_MIN
    const intmax_t INTMAX_MAX
    const uintmax_t UINTMAX_MAX
    const long PTRDIFF_MIN
    const long PTRDIFF_MAX
    const size_t SIZE_MAX
