# POSIX <strings.h> for pyxc: `from posix.strings cimport strcasecmp`. bcmp, bcopy, bzero,
# index and rindex are the older names of memcmp, memmove, memset, strchr and strrchr.

cdef extern from "<strings.h>" nogil:
    int ffs(int i)
    int strcasecmp(const char *s1, const char *s2)
    int strncasecmp(const char *s1, const char *s2, size_t n)

    int bcmp(const void *s1, const void *s2, size_t n)
    void bcopy(const void *src, void *dest, size_t n)
    void bzero(void *s, size_t n)
    char *index(const char *s, int c)
    char *rindex(const char *s, int c)
