# CPython's memory allocators. The Raw functions need no GIL; the others must be called with
# it. All return NULL on failure (without setting an exception). Memory goes back to the
# family that gave it: PyMem_Free for PyMem_Malloc, PyObject_Free for PyObject_Malloc.

cdef extern from "Python.h":
    void *PyMem_RawMalloc(size_t n) nogil
    void *PyMem_RawCalloc(size_t nelem, size_t elsize) nogil
    void *PyMem_RawRealloc(void *p, size_t n) nogil
    void PyMem_RawFree(void *p) nogil

    void *PyMem_Malloc(size_t n)
    void *PyMem_Calloc(size_t nelem, size_t elsize)
    void *PyMem_Realloc(void *p, size_t n)
    void PyMem_Free(void *p)

    # The allocator of small objects (also used for any memory, as above)
    void *PyObject_Malloc(size_t size)
    void *PyObject_Calloc(size_t nelem, size_t elsize)
    void *PyObject_Realloc(void *ptr, size_t new_size)
    void PyObject_Free(void *ptr)
