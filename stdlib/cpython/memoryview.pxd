# memoryview objects at the C level: `from cpython.memoryview cimport PyMemoryView_FromObject`.
# (Typed memoryviews, `double[:]`, are pyxc's own and need none of this.)

cdef extern from "Python.h":
    bint PyMemoryView_Check(object obj)

    # A view of any object exporting a buffer
    object PyMemoryView_FromObject(object obj)
    # A view of C memory; flags is PyBUF_READ or PyBUF_WRITE (cpython.buffer)
    object PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags)
    # A view of a contiguous copy when needed; buffertype is PyBUF_READ or PyBUF_WRITE and
    # order 'C', 'F' or 'A'
    object PyMemoryView_GetContiguous(object obj, int buffertype, char order)

    # The view's buffer, owned by the memoryview
    Py_buffer *PyMemoryView_GET_BUFFER(object mview)
    # The exporting object (borrowed; NULL for views made from memory)
    void *PyMemoryView_GET_BASE(object mview)
