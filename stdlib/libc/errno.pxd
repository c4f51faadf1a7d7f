# C <errno.h> for pyxc: `from libc.errno cimport errno, EDOM`. `errno` is the thread's error
# number, readable and assignable.

cdef extern from "<errno.h>" nogil:
    int errno

    enum:
        EPERM
        ENOENT
        ESRCH
        EINTR
        EIO
        ENXIO
        E2BIG
        ENOEXEC
        EBADF
        ECHILD
        EAGAIN
        ENOMEM
        EACCES
        EFAULT
        EBUSY
        EEXIST
        EXDEV
        ENODEV
        ENOTDIR
        EISDIR
        EINVAL
        ENFILE
        EMFILE
        ENOTTY
        EFBIG
        ENOSPC
        ESPIPE
        EROFS
        EMLINK
        EPIPE
        EDOM
        ERANGE
        EDEADLK
        ENAMETOOLONG
        ENOLCK
        ENOSYS
        ENOTEMPTY
        ELOOP
        EWOULDBLOCK
        ENOTSUP
        EOVERFLOW
        ETIMEDOUT
        EILSEQ
