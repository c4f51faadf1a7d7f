# String conversion and formatting without the locale (<Python.h>'s PyOS_* functions):
# `from cpython.conversion cimport PyOS_snprintf, PyOS_string_to_double`.

cdef extern from "Python.h":
    # snprintf and vsnprintf with C99 semantics on every platform
    int PyOS_snprintf(char *str, size_t size, const char *format, ...)

    # Case-insensitive comparison of ASCII strings
    int PyOS_stricmp(const char *s1, const char *s2)
    int PyOS_strnicmp(const char *s1, const char *s2, Py_ssize_t size)

    # Python's own float parser: endptr NULL requires the whole string; overflow_exception
    # NULL gives +-inf on overflow instead of raising it
    double PyOS_string_to_double(const char *s, char **endptr,
                                 object overflow_exception) except? -1.0

    # repr()-style formatting: format_code 'e', 'E', 'f', 'F', 'g', 'G' or 'r'. The result is
    # allocated with PyMem_Malloc: free it with PyMem_Free.
    char *PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                int *ptype) except NULL

    enum:
        Py_DTSF_SIGN
        Py_DTSF_ADD_DOT_0
        Py_DTSF_ALT
        Py_DTST_FINITE
        Py_DTST_INFINITE
        Py_DTST_NAN
