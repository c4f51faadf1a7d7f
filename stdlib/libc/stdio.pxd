# C99 <stdio.h> for pyxc: `from libc.stdio cimport printf, FILE, stderr`.

cdef extern from "<stdio.h>" nogil:
    # An opaque stream; only used through pointers.
    ctypedef struct FILE

    FILE *stdin
    FILE *stdout
    FILE *stderr

    const int EOF
    const int BUFSIZ
    const int FILENAME_MAX
    const int SEEK_SET
    const int SEEK_CUR
    const int SEEK_END
    const int _IOFBF
    const int _IOLBF
    const int _IONBF

    # Opening and closing
    FILE *fopen(const char *filename, const char *mode)
    FILE *freopen(const char *filename, const char *mode, FILE *stream)
    FILE *tmpfile()
    int fclose(FILE *stream)
    int fflush(FILE *stream)
    int setvbuf(FILE *stream, char *buf, int mode, size_t size)
    int remove(const char *filename)
    int rename(const char *old, const char *new)

    # Formatted output and input
    int printf(const char *format, ...)
    int fprintf(FILE *stream, const char *format, ...)
    int sprintf(char *s, const char *format, ...)
    int snprintf(char *s, size_t n, const char *format, ...)
    int scanf(const char *format, ...)
    int fscanf(FILE *stream, const char *format, ...)
    int sscanf(const char *s, const char *format, ...)

    # Characters and lines
    int fgetc(FILE *stream)
    int getc(FILE *stream)
    int getchar()
    int ungetc(int c, FILE *stream)
    int fputc(int c, FILE *stream)
    int putc(int c, FILE *stream)
    int putchar(int c)
    char *fgets(char *s, int n, FILE *stream)
    int fputs(const char *s, FILE *stream)
    int puts(const char *s)

    # Binary input and output
    size_t fread(void *ptr, size_t size, size_t nmemb, FILE *stream)
    size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream)

    # Positioning
    int fseek(FILE *stream, long offset, int whence)
    long ftell(FILE *stream)
    void rewind(FILE *stream)

    # Errors
    void clearerr(FILE *stream)
    int feof(FILE *stream)
    int ferror(FILE *stream)
    void perror(const char *s)
