# POSIX additions to <stdio.h> for pyxc: `from posix.stdio cimport fdopen, fileno, popen`.

from libc.stdio cimport FILE
from posix.types cimport off_t, ssize_t

cdef extern from "<stdio.h>" nogil:
    # Streams and descriptors
    FILE *fdopen(int fd, const char *mode)
    int fileno(FILE *stream)

    # Pipes to a command
    FILE *popen(const char *command, const char *mode)
    int pclose(FILE *stream)

    # Streams over memory
    FILE *fmemopen(void *buf, size_t size, const char *mode)
    FILE *open_memstream(char **bufp, size_t *sizep)

    # Large offsets
    int fseeko(FILE *stream, off_t offset, int whence)
    off_t ftello(FILE *stream)

    # Whole lines, into a buffer grown with realloc()
    ssize_t getline(char **lineptr, size_t *n, FILE *stream)
    ssize_t getdelim(char **lineptr, size_t *n, int delimiter, FILE *stream)

    # Locking and unlocked access
    void flockfile(FILE *file)
    int ftrylockfile(FILE *file)
    void funlockfile(FILE *file)
    int getc_unlocked(FILE *stream)
    int getchar_unlocked()
    int putc_unlocked(int c, FILE *stream)
    int putchar_unlocked(int c)

    int dprintf(int fd, const char *format, ...)
    char *ctermid(char *s)
