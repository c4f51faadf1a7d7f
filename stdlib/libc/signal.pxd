# C <signal.h> for pyxc: `from libc.signal cimport signal, raise_, SIGINT, SIG_DFL`. `raise`
# is a Python keyword: the function is `raise_`. A handler passed to `signal()` is called
# from C: declare it `noexcept nogil`.

cdef extern from "<signal.h>" nogil:
    ctypedef void (*sighandler_t)(int signum) noexcept
    # An integer type accessed atomically even across signal handlers.
    ctypedef int sig_atomic_t

    sighandler_t SIG_DFL
    sighandler_t SIG_IGN
    sighandler_t SIG_ERR

    # The signals of the C standard
    enum:
        SIGABRT
        SIGFPE
        SIGILL
        SIGINT
        SIGSEGV
        SIGTERM

    # The signals of POSIX
    enum:
        SIGALRM
        SIGBUS
        SIGCHLD
        SIGCONT
        SIGHUP
        SIGKILL
        SIGPIPE
        SIGQUIT
        SIGSTOP
        SIGTSTP
        SIGTTIN
        SIGTTOU
        SIGUSR1
        SIGUSR2
        SIGPROF
        SIGSYS
        SIGTRAP
        SIGURG
        SIGVTALRM
        SIGXCPU
        SIGXFSZ
        SIGIO
        SIGWINCH

    sighandler_t signal(int signum, sighandler_t handler)
    int raise_(int signum) "raise"
