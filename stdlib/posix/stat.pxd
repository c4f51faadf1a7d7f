# POSIX <sys/stat.h> for pyxc: `from posix.stat cimport stat, struct_stat, S_ISDIR`. The
# structure is `struct_stat` (C's `struct stat`), since `stat` names the function.

from posix.types cimport (blkcnt_t, blksize_t, dev_t, gid_t, ino_t, mode_t, nlink_t, off_t,
                          time_t, uid_t)
from posix.time cimport timespec

cdef extern from "<sys/stat.h>" nogil:
    cdef struct struct_stat "stat":
        dev_t st_dev
        ino_t st_ino
        mode_t st_mode
        nlink_t st_nlink
        uid_t st_uid
        gid_t st_gid
        dev_t st_rdev
        off_t st_size
        blksize_t st_blksize
        blkcnt_t st_blocks
        # Whole seconds
        time_t st_atime
        time_t st_mtime
        time_t st_ctime
        # With nanoseconds (POSIX 2008)
        timespec st_atim
        timespec st_mtim
        timespec st_ctim

    # File type tests on st_mode
    bint S_ISBLK(mode_t m)
    bint S_ISCHR(mode_t m)
    bint S_ISDIR(mode_t m)
    bint S_ISFIFO(mode_t m)
    bint S_ISREG(mode_t m)
    bint S_ISLNK(mode_t m)
    bint S_ISSOCK(mode_t m)

    # File type bits
    enum:
        S_IFMT
        S_IFBLK
        S_IFCHR
        S_IFIFO
        S_IFREG
        S_IFDIR
        S_IFLNK
        S_IFSOCK

    # Permission bits
    enum:
        S_IRWXU
        S_IRUSR
        S_IWUSR
        S_IXUSR
        S_IRWXG
        S_IRGRP
        S_IWGRP
        S_IXGRP
        S_IRWXO
        S_IROTH
        S_IWOTH
        S_IXOTH
        S_ISUID
        S_ISGID
        S_ISVTX

    # utimensat() and futimens() special nanosecond values
    enum:
        UTIME_NOW
        UTIME_OMIT

    int stat(const char *path, struct_stat *buf)
    int lstat(const char *path, struct_stat *buf)
    int fstat(int fd, struct_stat *buf)
    int fstatat(int fd, const char *path, struct_stat *buf, int flag)
    int chmod(const char *path, mode_t mode)
    int fchmod(int fd, mode_t mode)
    int fchmodat(int fd, const char *path, mode_t mode, int flag)
    int mkdir(const char *path, mode_t mode)
    int mkdirat(int fd, const char *path, mode_t mode)
    int mkfifo(const char *path, mode_t mode)
    int mknod(const char *path, mode_t mode, dev_t dev)
    mode_t umask(mode_t cmask)
    int futimens(int fd, const timespec times[2])
    int utimensat(int fd, const char *path, const timespec times[2], int flag)
