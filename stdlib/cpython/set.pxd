# Sets and frozensets at the C level: `from cpython.set cimport PySet_Add, PySet_Contains`.

cdef extern from "Python.h":
    bint PyAnySet_Check(object p)
    bint PyAnySet_CheckExact(object p)
    bint PySet_Check(object p)
    bint PyFrozenSet_Check(object p)
    bint PyFrozenSet_CheckExact(object p)

    # The elements of an iterable
    set PySet_New(object iterable)
    frozenset PyFrozenSet_New(object iterable)

    Py_ssize_t PySet_Size(object anyset) except -1
    Py_ssize_t PySet_GET_SIZE(object anyset)
    int PySet_Contains(object anyset, object key) except -1
    int PySet_Add(object set, object key) except -1
    # 1 when found and removed, 0 when not there
    int PySet_Discard(object set, object key) except -1
    object PySet_Pop(object set)
    int PySet_Clear(object set) except -1
