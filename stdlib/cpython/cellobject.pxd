# Cell objects (the variables closures share): `from cpython.cellobject cimport PyCell_Get`.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyCell_Check(object ob)
    # ob may be NULL for an empty cell
    object PyCell_New(PyObject *ob)
    # The contents (a new reference; NULL for an empty cell)
    object PyCell_Get(object cell)
    # The contents, borrowed and unchecked
    PyObject *PyCell_GET(object cell)
    int PyCell_Set(object cell, PyObject *value) except -1
