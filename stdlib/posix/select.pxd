# POSIX <sys/select.h> for pyxc: `from posix.select cimport select, fd_set, FD_ZERO, FD_SET`.

from posix.types cimport sigset_t
from posix.time cimport timespec, timeval

cdef extern from "<sys/select.h>" nogil:
    ctypedef struct fd_set:
        pass

    enum:
        FD_SETSIZE

    void FD_ZERO(fd_set *fdset)
    void FD_SET(int fd, fd_set *fdset)
    void FD_CLR(int fd, fd_set *fdset)
    bint FD_ISSET(int fd, fd_set *fdset)

    int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *errorfds,
               timeval *timeout)
    int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *errorfds,
                const timespec *timeout, const sigset_t *sigmask)
