# CPython objects at the C level: `PyObject *` for borrowed references handled by hand, and
# the generic object protocol (what attribute access, calls, comparisons and `hash()` do).
# `from cpython.object cimport PyObject, Py_TYPE, PyObject_RichCompareBool`.

from libc.stdio cimport FILE

cdef extern from "Python.h":
    ctypedef struct PyObject:
        pass
    # A type object; the fields below are read-only for types already made.
    ctypedef struct PyTypeObject:
        const char *tp_name
        Py_ssize_t tp_basicsize
        Py_ssize_t tp_itemsize
        unsigned long tp_flags

    # The comparison codes of tp_richcompare and `__richcmp__`.
    enum:
        Py_LT
        Py_LE
        Py_EQ
        Py_NE
        Py_GT
        Py_GE

    # Type flags (tp_flags)
    enum:
        Py_TPFLAGS_HEAPTYPE
        Py_TPFLAGS_BASETYPE
        Py_TPFLAGS_READY
        Py_TPFLAGS_HAVE_GC
        Py_TPFLAGS_DEFAULT
        Py_TPFLAGS_LONG_SUBCLASS
        Py_TPFLAGS_LIST_SUBCLASS
        Py_TPFLAGS_TUPLE_SUBCLASS
        Py_TPFLAGS_BYTES_SUBCLASS
        Py_TPFLAGS_UNICODE_SUBCLASS
        Py_TPFLAGS_DICT_SUBCLASS
        Py_TPFLAGS_BASE_EXC_SUBCLASS
        Py_TPFLAGS_TYPE_SUBCLASS

    # The type of an object (borrowed) and the item count of a variable-size one
    PyTypeObject *Py_TYPE(object o)
    Py_ssize_t Py_SIZE(object o)
    bint PyObject_TypeCheck(object o, PyTypeObject *type)
    object PyObject_Type(object o)

    # Attributes
    bint PyObject_HasAttr(object o, object attr_name)
    bint PyObject_HasAttrString(object o, const char *attr_name)
    object PyObject_GetAttr(object o, object attr_name)
    object PyObject_GetAttrString(object o, const char *attr_name)
    int PyObject_SetAttr(object o, object attr_name, object v) except -1
    int PyObject_SetAttrString(object o, const char *attr_name, object v) except -1
    int PyObject_DelAttr(object o, object attr_name) except -1
    int PyObject_DelAttrString(object o, const char *attr_name) except -1
    object PyObject_GenericGetAttr(object o, object name)
    int PyObject_GenericSetAttr(object o, object name, object value) except -1
    object PyObject_Dir(object o)

    # Comparison and truth
    object PyObject_RichCompare(object o1, object o2, int opid)
    int PyObject_RichCompareBool(object o1, object o2, int opid) except -1
    int PyObject_IsTrue(object o) except -1
    int PyObject_Not(object o) except -1
    Py_hash_t PyObject_Hash(object o) except -1
    Py_hash_t PyObject_HashNotImplemented(object o) except -1
    int PyObject_IsInstance(object inst, object cls) except -1
    int PyObject_IsSubclass(object derived, object cls) except -1

    # Text
    object PyObject_Repr(object o)
    object PyObject_ASCII(object o)
    object PyObject_Str(object o)
    object PyObject_Bytes(object o)
    object PyObject_Format(object obj, object format_spec)

    # Calls: args is a tuple, kwargs a dict
    bint PyCallable_Check(object o)
    object PyObject_Call(object callable, object args, object kwargs)
    object PyObject_CallObject(object callable, object args)
    object PyObject_CallNoArgs(object callable)
    object PyObject_CallOneArg(object callable, object arg)
    # The arguments end with a NULL
    object PyObject_CallFunctionObjArgs(object callable, ...)
    object PyObject_CallMethodObjArgs(object o, object name, ...)
    object PyObject_CallFunction(object callable, const char *format, ...)
    object PyObject_CallMethod(object o, const char *name, const char *format, ...)

    # Containers
    Py_ssize_t PyObject_Size(object o) except -1
    Py_ssize_t PyObject_Length(object o) except -1
    Py_ssize_t PyObject_LengthHint(object o, Py_ssize_t default) except -1
    object PyObject_GetItem(object o, object key)
    int PyObject_SetItem(object o, object key, object v) except -1
    int PyObject_DelItem(object o, object key) except -1
    object PyObject_GetIter(object o)
    object PyObject_SelfIter(object o)

    # Printing to a C stream; flags Py_PRINT_RAW prints str() instead of repr()
    int PyObject_Print(object o, FILE *fp, int flags) except -1
    enum:
        Py_PRINT_RAW
