# POSIX signal handling (<signal.h>) for pyxc: `from posix.signal cimport sigaction,
# sigaction_t, kill`. The signal numbers and signal() are in libc.signal. The structure is
# `sigaction_t` (C's `struct sigaction`), since `sigaction` names the function. Handlers are
# called from C: declare them `noexcept nogil`.

from posix.types cimport pid_t, sigset_t, uid_t
from posix.time cimport timespec

cdef extern from "<signal.h>" nogil:
    cdef union sigval:
        int sival_int
        void *sival_ptr

    cdef struct sigevent:
        int sigev_notify
        int sigev_signo
        sigval sigev_value
        void (*sigev_notify_function)(sigval value) noexcept

    ctypedef struct siginfo_t:
        int si_signo
        int si_code
        int si_errno
        pid_t si_pid
        uid_t si_uid
        void *si_addr
        int si_status
        sigval si_value

    cdef struct sigaction_t "sigaction":
        void (*sa_handler)(int signum) noexcept
        void (*sa_sigaction)(int signum, siginfo_t *info, void *context) noexcept
        sigset_t sa_mask
        int sa_flags

    ctypedef struct stack_t:
        void *ss_sp
        size_t ss_size
        int ss_flags

    # sigev_notify values
    enum:
        SIGEV_NONE
        SIGEV_SIGNAL
        SIGEV_THREAD

    # sigaction() flags
    enum:
        SA_NOCLDSTOP
        SA_NOCLDWAIT
        SA_NODEFER
        SA_ONSTACK
        SA_RESETHAND
        SA_RESTART
        SA_SIGINFO

    # sigprocmask() operations
    enum:
        SIG_BLOCK
        SIG_UNBLOCK
        SIG_SETMASK

    # sigaltstack() flags and sizes
    enum:
        SS_ONSTACK
        SS_DISABLE
        MINSIGSTKSZ
        SIGSTKSZ

    int kill(pid_t pid, int sig)
    int killpg(pid_t pgrp, int sig)
    int sigaction(int sig, const sigaction_t *act, sigaction_t *oact)
    int sigaltstack(const stack_t *ss, stack_t *oss)

    # Signal sets
    int sigemptyset(sigset_t *set)
    int sigfillset(sigset_t *set)
    int sigaddset(sigset_t *set, int signo)
    int sigdelset(sigset_t *set, int signo)
    int sigismember(const sigset_t *set, int signo)

    # Masks and waiting
    int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
    int sigpending(sigset_t *set)
    int sigsuspend(const sigset_t *sigmask)
    int sigwait(const sigset_t *set, int *sig)
    int sigwaitinfo(const sigset_t *set, siginfo_t *info)
    int sigtimedwait(const sigset_t *set, siginfo_t *info, const timespec *timeout)
    int sigqueue(pid_t pid, int signo, const sigval value)
