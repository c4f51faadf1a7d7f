# Generator, coroutine and related checks: `from cpython.genobject cimport PyGen_Check`.

cdef extern from "Python.h":
    bint PyGen_Check(object ob)
    bint PyGen_CheckExact(object ob)
    bint PyCoro_CheckExact(object ob)
