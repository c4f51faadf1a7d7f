# POSIX <unistd.h> for pyxc: `from posix.unistd cimport getpid, read, write, close`.

from posix.types cimport gid_t, off_t, pid_t, ssize_t, uid_t, useconds_t

cdef extern from "<unistd.h>" nogil:
    # access() modes
    enum:
        F_OK
        R_OK
        W_OK
        X_OK

    # lseek() origins
    enum:
        SEEK_SET
        SEEK_CUR
        SEEK_END

    # The standard streams' descriptors
    enum:
        STDIN_FILENO
        STDOUT_FILENO
        STDERR_FILENO

    # lockf() commands
    enum:
        F_LOCK
        F_TLOCK
        F_ULOCK
        F_TEST

    # sysconf() names (a selection)
    enum:
        _SC_ARG_MAX
        _SC_CHILD_MAX
        _SC_CLK_TCK
        _SC_NGROUPS_MAX
        _SC_OPEN_MAX
        _SC_PAGESIZE
        _SC_PAGE_SIZE
        _SC_HOST_NAME_MAX
        _SC_LOGIN_NAME_MAX
        _SC_LINE_MAX
        _SC_VERSION
        _SC_NPROCESSORS_CONF
        _SC_NPROCESSORS_ONLN
        _SC_PHYS_PAGES

    # pathconf() names
    enum:
        _PC_LINK_MAX
        _PC_MAX_CANON
        _PC_MAX_INPUT
        _PC_NAME_MAX
        _PC_PATH_MAX
        _PC_PIPE_BUF
        _PC_NO_TRUNC
        _PC_VDISABLE
        _PC_CHOWN_RESTRICTED

    # Files and directories
    int access(const char *path, int amode)
    int chdir(const char *path)
    int fchdir(int fd)
    char *getcwd(char *buf, size_t size)
    int chown(const char *path, uid_t owner, gid_t group)
    int fchown(int fd, uid_t owner, gid_t group)
    int lchown(const char *path, uid_t owner, gid_t group)
    int link(const char *path1, const char *path2)
    int symlink(const char *path1, const char *path2)
    ssize_t readlink(const char *path, char *buf, size_t bufsize)
    int unlink(const char *path)
    int rmdir(const char *path)
    int truncate(const char *path, off_t length)
    int ftruncate(int fd, off_t length)
    long pathconf(const char *path, int name)
    long fpathconf(int fd, int name)

    # File descriptors
    int close(int fd)
    int dup(int fd)
    int dup2(int fd, int fd2)
    int pipe(int fds[2])
    ssize_t read(int fd, void *buf, size_t nbyte)
    ssize_t write(int fd, const void *buf, size_t nbyte)
    ssize_t pread(int fd, void *buf, size_t nbyte, off_t offset)
    ssize_t pwrite(int fd, const void *buf, size_t nbyte, off_t offset)
    off_t lseek(int fd, off_t offset, int whence)
    int fsync(int fd)
    int fdatasync(int fd)
    void sync()
    int lockf(int fd, int cmd, off_t size)
    int isatty(int fd)
    char *ttyname(int fd)
    int ttyname_r(int fd, char *buf, size_t buflen)
    pid_t tcgetpgrp(int fd)
    int tcsetpgrp(int fd, pid_t pgrp)

    # Processes
    pid_t fork()
    int execl(const char *path, const char *arg0, ...)
    int execle(const char *path, const char *arg0, ...)
    int execlp(const char *file, const char *arg0, ...)
    int execv(const char *path, char **argv)
    int execve(const char *path, char **argv, char **envp)
    int execvp(const char *file, char **argv)
    void _exit(int status)
    pid_t getpid()
    pid_t getppid()
    pid_t getpgid(pid_t pid)
    pid_t getpgrp()
    int setpgid(pid_t pid, pid_t pgid)
    pid_t getsid(pid_t pid)
    pid_t setsid()
    int nice(int incr)
    unsigned int alarm(unsigned int seconds)
    unsigned int sleep(unsigned int seconds)
    int usleep(useconds_t usec)
    int pause()

    # Users and groups
    uid_t getuid()
    uid_t geteuid()
    gid_t getgid()
    gid_t getegid()
    int setuid(uid_t uid)
    int seteuid(uid_t uid)
    int setreuid(uid_t ruid, uid_t euid)
    int setgid(gid_t gid)
    int setegid(gid_t gid)
    int setregid(gid_t rgid, gid_t egid)
    int getgroups(int gidsetsize, gid_t grouplist[])
    char *getlogin()
    int getlogin_r(char *name, size_t namesize)

    # The system
    long sysconf(int name)
    long gethostid()
    int gethostname(char *name, size_t namelen)
    size_t confstr(int name, char *buf, size_t len)

    # Command-line options
    int getopt(int argc, char **argv, const char *optstring)
    char *optarg
    int optind
    int opterr
    int optopt

    void swab(const void *src, void *dest, ssize_t nbytes)
