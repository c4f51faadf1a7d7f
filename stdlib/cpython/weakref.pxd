# Weak references at the C level: `from cpython.weakref cimport PyWeakref_NewRef,
# PyWeakref_GetObject`. PyWeakref_GetObject returns a borrowed reference, to None once the
# referent is gone: cast it with `<object>` right away.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    bint PyWeakref_Check(object ob)
    bint PyWeakref_CheckRef(object ob)
    bint PyWeakref_CheckProxy(object ob)

    # callback is None or a callable called with the weak reference when the object dies
    object PyWeakref_NewRef(object ob, object callback)
    object PyWeakref_NewProxy(object ob, object callback)

    PyObject *PyWeakref_GetObject(object ref) except NULL
    PyObject *PyWeakref_GET_OBJECT(object ref)
