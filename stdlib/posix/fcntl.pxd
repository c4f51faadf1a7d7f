# POSIX <fcntl.h> for pyxc: `from posix.fcntl cimport open, O_RDONLY, O_CREAT`.

from posix.types cimport mode_t, off_t, pid_t

cdef extern from "<fcntl.h>" nogil:
    # fcntl() commands
    enum:
        F_DUPFD
        F_DUPFD_CLOEXEC
        F_GETFD
        F_SETFD
        F_GETFL
        F_SETFL
        F_GETLK
        F_SETLK
        F_SETLKW
        F_GETOWN
        F_SETOWN

    # Descriptor flags
    enum:
        FD_CLOEXEC

    # Lock types of struct flock
    enum:
        F_RDLCK
        F_UNLCK
        F_WRLCK

    # open() flags
    enum:
        O_CREAT
        O_EXCL
        O_NOCTTY
        O_TRUNC
        O_APPEND
        O_NONBLOCK
        O_DSYNC
        O_SYNC
        O_CLOEXEC
        O_DIRECTORY
        O_NOFOLLOW
        O_ACCMODE
        O_RDONLY
        O_WRONLY
        O_RDWR

    # The *at() functions' special descriptor and flags
    enum:
        AT_FDCWD
        AT_EACCESS
        AT_SYMLINK_NOFOLLOW
        AT_SYMLINK_FOLLOW
        AT_REMOVEDIR

    cdef struct flock:
        short l_type
        short l_whence
        off_t l_start
        off_t l_len
        pid_t l_pid

    int creat(const char *path, mode_t mode)
    int fcntl(int fd, int cmd, ...)
    int open(const char *path, int oflag, ...)
    int openat(int fd, const char *path, int oflag, ...)
