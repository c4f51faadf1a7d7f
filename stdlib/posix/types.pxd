# POSIX <sys/types.h> for pyxc: the system data types. Their exact widths and signedness are
# the platform's; the integer kinds below are those of Linux on 64-bit machines.

cdef extern from "<sys/types.h>" nogil:
    ctypedef long blkcnt_t
    ctypedef long blksize_t
    ctypedef int clockid_t
    ctypedef unsigned long dev_t
    ctypedef unsigned long fsblkcnt_t
    ctypedef unsigned long fsfilcnt_t
    ctypedef unsigned int gid_t
    ctypedef unsigned int id_t
    ctypedef unsigned long ino_t
    ctypedef int key_t
    ctypedef unsigned int mode_t
    ctypedef unsigned long nlink_t
    ctypedef long off_t
    ctypedef int pid_t
    ctypedef long ssize_t
    ctypedef long suseconds_t
    ctypedef long time_t
    ctypedef void *timer_t
    ctypedef unsigned int uid_t
    ctypedef unsigned int useconds_t

cdef extern from "<signal.h>" nogil:
    # A set of signals; changed only through the sigemptyset() family.
    ctypedef struct sigset_t:
        pass
