# C <stddef.h> for pyxc: the result type of pointer subtraction and the wide character type
# (`size_t` is builtin). The exact widths are the platform's.

cdef extern from "<stddef.h>" nogil:
    ctypedef long ptrdiff_t
    ctypedef int wchar_t
