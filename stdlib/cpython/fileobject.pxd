# Writing to Python file objects from C: `from cpython.fileobject cimport PyFile_WriteString`.

from cpython.object cimport Py_PRINT_RAW

cdef extern from "Python.h":
    # A file object around an open descriptor (buffering, encoding, errors and newline may
    # be -1 / NULL for the defaults)
    object PyFile_FromFd(int fd, const char *name, const char *mode, int buffering,
                         const char *encoding, const char *errors, const char *newline,
                         int closefd)
    # The descriptor of an int or of an object with fileno()
    int PyObject_AsFileDescriptor(object p) except -1
    # A line as file.readline(n) (n <= 0: any length)
    object PyFile_GetLine(object p, int n)
    # Writes str(obj) (flags Py_PRINT_RAW) or repr(obj)
    int PyFile_WriteObject(object obj, object p, int flags) except -1
    int PyFile_WriteString(const char *s, object p) except -1
