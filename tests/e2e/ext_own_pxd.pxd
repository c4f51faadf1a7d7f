# Declarations for ext_own_pxd.pyx: the module's own .pxd declares its class's fields and
# C methods, and a C function it defines.

cdef class Counter:
    cdef readonly int count
    cdef public int step
    cdef int bump(self) except -1
    cpdef int total(self, int times)

cdef int twice(int x) noexcept
