# POSIX <sys/wait.h> for pyxc: `from posix.wait cimport waitpid, WIFEXITED, WEXITSTATUS`.

from posix.types cimport id_t, pid_t
from posix.signal cimport siginfo_t

cdef extern from "<sys/wait.h>" nogil:
    # waitpid() and waitid() options
    enum:
        WNOHANG
        WUNTRACED
        WCONTINUED
        WEXITED
        WSTOPPED
        WNOWAIT

    # waitid()'s kinds of id
    ctypedef enum idtype_t:
        P_ALL
        P_PID
        P_PGID

    # Decoding a status
    bint WIFEXITED(int status)
    int WEXITSTATUS(int status)
    bint WIFSIGNALED(int status)
    int WTERMSIG(int status)
    bint WIFSTOPPED(int status)
    int WSTOPSIG(int status)
    bint WIFCONTINUED(int status)

    pid_t wait(int *stat_loc)
    pid_t waitpid(pid_t pid, int *stat_loc, int options)
    int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options)
