# <sys/ioctl.h> for pyxc: device control, `from posix.ioctl cimport ioctl`. The requests are
# device-specific; declare the ones you need from their own headers.

cdef extern from "<sys/ioctl.h>" nogil:
    int ioctl(int fd, unsigned long request, ...)
