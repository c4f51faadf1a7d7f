# C99 <limits.h> for pyxc: `from libc.limits cimport INT_MAX`.
#
# Each constant has the type C gives it: the limits of types narrower than int are ints
# (integer promotion), the others have their own type.

cdef extern from "<limits.h>":
    const int CHAR_BIT
    const int MB_LEN_MAX

    const int SCHAR_MIN
    const int SCHAR_MAX
    const int UCHAR_MAX
    const int CHAR_MIN
    const int CHAR_MAX

    const int SHRT_MIN
    const int SHRT_MAX
    const int USHRT_MAX

    const int INT_MIN
    const int INT_MAX
    const unsigned int UINT_MAX

    const long LONG_MIN
    const long LONG_MAX
    const unsigned long ULONG_MAX

    const long long LLONG_MIN
    const long long LLONG_MAX
    const unsigned long long ULLONG_MAX
