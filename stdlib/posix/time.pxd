# POSIX clocks, timers and sleeping (<time.h>, <sys/time.h>) for pyxc:
# `from posix.time cimport clock_gettime, timespec, CLOCK_MONOTONIC`.

from libc.time cimport tm
from posix.types cimport clockid_t, suseconds_t, time_t, timer_t

cdef extern from "<time.h>" nogil:
    cdef struct timespec:
        time_t tv_sec
        long tv_nsec

    cdef struct itimerspec:
        timespec it_interval
        timespec it_value

    enum:
        CLOCK_REALTIME
        CLOCK_MONOTONIC
        CLOCK_PROCESS_CPUTIME_ID
        CLOCK_THREAD_CPUTIME_ID
        TIMER_ABSTIME

    int nanosleep(const timespec *rqtp, timespec *rmtp)
    int clock_getres(clockid_t clock_id, timespec *res)
    int clock_gettime(clockid_t clock_id, timespec *tp)
    int clock_settime(clockid_t clock_id, const timespec *tp)
    # Returns the error number instead of setting errno.
    int clock_nanosleep(clockid_t clock_id, int flags, const timespec *rqtp, timespec *rmtp)

    # `evp` is a `posix.signal.sigevent *` (posix.signal cimports this module).
    int timer_create(clockid_t clockid, void *evp, timer_t *timerid)
    int timer_delete(timer_t timerid)
    int timer_gettime(timer_t timerid, itimerspec *value)
    int timer_settime(timer_t timerid, int flags, const itimerspec *value, itimerspec *ovalue)
    int timer_getoverrun(timer_t timerid)

    # Thread-safe conversions into caller storage
    tm *gmtime_r(const time_t *timer, tm *result)
    tm *localtime_r(const time_t *timer, tm *result)
    char *asctime_r(const tm *t, char *buf)
    char *ctime_r(const time_t *timer, char *buf)
    char *strptime(const char *buf, const char *format, tm *t)

cdef extern from "<sys/time.h>" nogil:
    cdef struct timeval:
        time_t tv_sec
        suseconds_t tv_usec

    cdef struct itimerval:
        timeval it_interval
        timeval it_value

    enum:
        ITIMER_REAL
        ITIMER_VIRTUAL
        ITIMER_PROF

    int gettimeofday(timeval *tp, void *tzp)
    int getitimer(int which, itimerval *value)
    int setitimer(int which, const itimerval *value, itimerval *ovalue)
    int utimes(const char *path, const timeval times[2])
