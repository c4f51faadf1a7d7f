# Exceptions at the C level: `from cpython.exc cimport PyErr_SetString, PyErr_Occurred`.
# A function that sets an exception must then report the failure to its caller: a cdef
# function declared `except -1` returns -1, one returning an object returns NULL (`except
# NULL` for a pointer result). PyErr_Occurred returns a borrowed reference.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    # Setting the error indicator
    void PyErr_SetString(object type, const char *message)
    void PyErr_SetObject(object type, object value)
    void PyErr_SetNone(object type)
    # These always return NULL with the exception set: calling them raises.
    object PyErr_Format(object exception, const char *format, ...)
    object PyErr_NoMemory()
    object PyErr_SetFromErrno(object type)
    object PyErr_SetFromErrnoWithFilename(object type, const char *filename)
    object PyErr_SetFromErrnoWithFilenameObject(object type, object filenameObject)
    int PyErr_BadArgument() except 0
    void PyErr_BadInternalCall()

    # Looking at it
    PyObject *PyErr_Occurred()
    bint PyErr_ExceptionMatches(object exc)
    bint PyErr_GivenExceptionMatches(object given, object exc)
    void PyErr_Clear()
    void PyErr_Print()
    void PyErr_PrintEx(int set_sys_last_vars)
    void PyErr_WriteUnraisable(object obj)

    # Taking it out and putting it back: Fetch gives new references (or NULL), Restore
    # steals its three (any may be NULL).
    void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
    void PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback)
    void PyErr_NormalizeException(PyObject **exc, PyObject **val, PyObject **tb)
    # The exception being handled (new references or NULL), and replacing it (steals).
    void PyErr_GetExcInfo(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)
    void PyErr_SetExcInfo(PyObject *type, PyObject *value, PyObject *traceback)

    # Warnings: -1 when the warning was turned into an exception
    int PyErr_WarnEx(object category, const char *message, Py_ssize_t stack_level) except -1
    int PyErr_WarnExplicit(object category, const char *message, const char *filename,
                           int lineno, const char *module, object registry) except -1

    # Signals: run pending Python handlers (-1 when one raised)
    int PyErr_CheckSignals() except -1
    void PyErr_SetInterrupt()

    # New exception classes (`name` is "module.Name"; base and dict may be NULL)
    object PyErr_NewException(const char *name, PyObject *base, PyObject *dict)
    object PyErr_NewExceptionWithDoc(const char *name, const char *doc, PyObject *base,
                                     PyObject *dict)

    # Exception objects
    object PyException_GetTraceback(object ex)
    int PyException_SetTraceback(object ex, object tb) except -1
    object PyException_GetContext(object ex)
    object PyException_GetCause(object ex)
