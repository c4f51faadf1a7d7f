# POSIX <sys/uio.h> for pyxc: scatter and gather input and output,
# `from posix.uio cimport iovec, readv, writev`.

from posix.types cimport off_t, ssize_t

cdef extern from "<sys/uio.h>" nogil:
    cdef struct iovec:
        void *iov_base
        size_t iov_len

    ssize_t readv(int fd, const iovec *iov, int iovcnt)
    ssize_t writev(int fd, const iovec *iov, int iovcnt)
    # Not POSIX: at an offset (Linux, the BSDs, macOS 11)
    ssize_t preadv(int fd, const iovec *iov, int iovcnt, off_t offset)
    ssize_t pwritev(int fd, const iovec *iov, int iovcnt, off_t offset)
