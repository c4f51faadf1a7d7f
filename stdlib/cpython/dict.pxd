# Dicts at the C level. PyDict_GetItem and PyDict_GetItemWithError return borrowed references
# (NULL when the key is missing; PyDict_GetItem also hides errors) or `PyObject *` values to
# test against NULL and then cast with `<object>`.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyDict_Check(object p)
    bint PyDict_CheckExact(object p)

    dict PyDict_New()
    object PyDictProxy_New(object mapping)
    dict PyDict_Copy(object p)
    void PyDict_Clear(object p)

    int PyDict_Contains(object p, object key) except -1
    int PyDict_SetItem(object p, object key, object val) except -1
    int PyDict_SetItemString(object p, const char *key, object val) except -1
    int PyDict_DelItem(object p, object key) except -1
    int PyDict_DelItemString(object p, const char *key) except -1

    PyObject *PyDict_GetItem(object p, object key)
    PyObject *PyDict_GetItemWithError(object p, object key) except? NULL
    PyObject *PyDict_GetItemString(object p, const char *key)
    # The value for key, inserting defaultobj first when it is missing (borrowed).
    PyObject *PyDict_SetDefault(object p, object key, object defaultobj) except NULL

    list PyDict_Items(object p)
    list PyDict_Keys(object p)
    list PyDict_Values(object p)
    Py_ssize_t PyDict_Size(object p) except -1

    # Iteration: `pos` starts at 0; key and value are borrowed. The dict must not change size.
    bint PyDict_Next(object p, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue)

    int PyDict_Merge(object a, object b, int override) except -1
    int PyDict_Update(object a, object b) except -1
    int PyDict_MergeFromSeq2(object a, object seq2, int override) except -1
