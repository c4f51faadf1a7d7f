# The two iterator types CPython makes for sequences and sentinels:
# `from cpython.iterobject cimport PyCallIter_New`.

cdef extern from "Python.h":
    bint PySeqIter_Check(object op)
    object PySeqIter_New(object seq)

    bint PyCallIter_Check(object op)
    # Calls callable until it returns sentinel, as iter(callable, sentinel)
    object PyCallIter_New(object callable, object sentinel)
