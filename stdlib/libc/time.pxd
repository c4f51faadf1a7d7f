# C <time.h> for pyxc: `from libc.time cimport time, time_t, tm, strftime`.

cdef extern from "<time.h>" nogil:
    # Arithmetic types (their exact width is the platform's).
    ctypedef long time_t
    ctypedef long clock_t

    # A broken-down calendar time.
    cdef struct tm:
        int tm_sec      # seconds after the minute, 0..60
        int tm_min      # minutes after the hour, 0..59
        int tm_hour     # hours since midnight, 0..23
        int tm_mday     # day of the month, 1..31
        int tm_mon      # months since January, 0..11
        int tm_year     # years since 1900
        int tm_wday     # days since Sunday, 0..6
        int tm_yday     # days since January 1, 0..365
        int tm_isdst    # daylight saving time flag
        # Extensions of glibc and the BSDs (POSIX 2024)
        long tm_gmtoff  # seconds east of UTC
        const char *tm_zone

    enum:
        CLOCKS_PER_SEC

    # Time manipulation
    clock_t clock()
    double difftime(time_t time1, time_t time0)
    time_t mktime(tm *timeptr)
    time_t time(time_t *timer)

    # Conversion. asctime, ctime, gmtime and localtime return static storage.
    char *asctime(const tm *timeptr)
    char *ctime(const time_t *timer)
    tm *gmtime(const time_t *timer)
    tm *localtime(const time_t *timer)
    size_t strftime(char *s, size_t maxsize, const char *format, const tm *timeptr)

    # The time zone (POSIX)
    char *tzname[2]
    long timezone
    int daylight
    void tzset()
