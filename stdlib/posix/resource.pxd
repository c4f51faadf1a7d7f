# POSIX <sys/resource.h> for pyxc: `from posix.resource cimport getrusage, rusage,
# RUSAGE_SELF, getrlimit, rlimit, RLIMIT_NOFILE`.

from posix.types cimport id_t
from posix.time cimport timeval

cdef extern from "<sys/resource.h>" nogil:
    ctypedef unsigned long rlim_t

    cdef struct rlimit:
        rlim_t rlim_cur
        rlim_t rlim_max

    cdef struct rusage:
        timeval ru_utime
        timeval ru_stime
        # Not POSIX, filled in by Linux and the BSDs (some always 0 on Linux)
        long ru_maxrss
        long ru_ixrss
        long ru_idrss
        long ru_isrss
        long ru_minflt
        long ru_majflt
        long ru_nswap
        long ru_inblock
        long ru_oublock
        long ru_msgsnd
        long ru_msgrcv
        long ru_nsignals
        long ru_nvcsw
        long ru_nivcsw

    rlim_t RLIM_INFINITY
    rlim_t RLIM_SAVED_CUR
    rlim_t RLIM_SAVED_MAX

    enum:
        PRIO_PROCESS
        PRIO_PGRP
        PRIO_USER

    enum:
        RUSAGE_SELF
        RUSAGE_CHILDREN

    enum:
        RLIMIT_CORE
        RLIMIT_CPU
        RLIMIT_DATA
        RLIMIT_FSIZE
        RLIMIT_NOFILE
        RLIMIT_STACK
        RLIMIT_AS

    int getpriority(int which, id_t who)
    int setpriority(int which, id_t who, int value)
    int getrlimit(int resource, rlimit *rlp)
    int setrlimit(int resource, const rlimit *rlp)
    int getrusage(int who, rusage *r_usage)
