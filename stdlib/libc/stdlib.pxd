# C99 <stdlib.h> for pyxc: `from libc.stdlib cimport malloc, free`.

cdef extern from "<stdlib.h>" nogil:
    # Results of div(), ldiv() and lldiv()
    ctypedef struct div_t:
        int quot
        int rem
    ctypedef struct ldiv_t:
        long quot
        long rem
    ctypedef struct lldiv_t:
        long long quot
        long long rem

    const int RAND_MAX
    const int EXIT_SUCCESS
    const int EXIT_FAILURE

    # Memory
    void *malloc(size_t size)
    void *calloc(size_t nmemb, size_t size)
    void *realloc(void *ptr, size_t size)
    void free(void *ptr)

    # Integer arithmetic
    int abs(int x)
    long labs(long x)
    long long llabs(long long x)
    div_t div(int numer, int denom)
    ldiv_t ldiv(long numer, long denom)
    lldiv_t lldiv(long long numer, long long denom)

    # String conversion
    int atoi(const char *nptr)
    long atol(const char *nptr)
    long long atoll(const char *nptr)
    double atof(const char *nptr)
    long strtol(const char *nptr, char **endptr, int base)
    unsigned long strtoul(const char *nptr, char **endptr, int base)
    long long strtoll(const char *nptr, char **endptr, int base)
    unsigned long long strtoull(const char *nptr, char **endptr, int base)
    float strtof(const char *nptr, char **endptr)
    double strtod(const char *nptr, char **endptr)
    long double strtold(const char *nptr, char **endptr)

    # Sorting and searching. The comparator returns <0, 0 or >0; a pyxc function passed
    # here must be declared `noexcept nogil` (C calls it, unable to see exceptions, maybe
    # without the GIL).
    void qsort(void *base, size_t nmemb, size_t size,
               int (*compar)(const void *, const void *))
    void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
                  int (*compar)(const void *, const void *))

    # Pseudo-random numbers
    int rand()
    void srand(unsigned int seed)

    # Environment and termination
    char *getenv(const char *name)
    int system(const char *command)
    void exit(int status)
    void _Exit(int status)
    void abort()
    int atexit(void (*func)())
