# POSIX additions to <stdlib.h> for pyxc: `from posix.stdlib cimport setenv, mkstemp`.

cdef extern from "<stdlib.h>" nogil:
    # The environment
    int setenv(const char *envname, const char *envval, int overwrite)
    int unsetenv(const char *name)
    int putenv(char *string)

    # Files and paths
    int mkstemp(char *template)
    char *mkdtemp(char *template)
    char *realpath(const char *file_name, char *resolved_name)

    # Aligned memory, freed with free()
    int posix_memalign(void **memptr, size_t alignment, size_t size)

    # Pseudo-terminals
    int posix_openpt(int oflag)
    int grantpt(int fd)
    int unlockpt(int fd)
    char *ptsname(int fd)

    # Pseudo-random numbers
    long random()
    void srandom(unsigned int seed)
    char *initstate(unsigned int seed, char *state, size_t size)
    char *setstate(char *state)
    double drand48()
    double erand48(unsigned short xsubi[3])
    long lrand48()
    long nrand48(unsigned short xsubi[3])
    long mrand48()
    long jrand48(unsigned short xsubi[3])
    void srand48(long seedval)
    unsigned short *seed48(unsigned short seed16v[3])
    void lcong48(unsigned short param[7])

    # Base-64 strings of longs
    long a64l(const char *s)
    char *l64a(long value)
