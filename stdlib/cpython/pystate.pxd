# Thread and interpreter state: `from cpython.pystate cimport PyGILState_Ensure,
# PyGILState_Release, PyGILState_STATE`. Taking the GIL from a thread Python did not start
# goes through PyGILState_Ensure and its matching Release.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    ctypedef struct PyInterpreterState:
        pass
    ctypedef struct PyThreadState:
        pass
    ctypedef struct PyFrameObject:
        pass

    ctypedef enum PyGILState_STATE:
        PyGILState_LOCKED
        PyGILState_UNLOCKED

    PyGILState_STATE PyGILState_Ensure() nogil
    void PyGILState_Release(PyGILState_STATE state) nogil
    PyThreadState *PyGILState_GetThisThreadState() nogil
    int PyGILState_Check() nogil

    PyInterpreterState *PyInterpreterState_Get()
    PyInterpreterState *PyInterpreterState_New()
    void PyInterpreterState_Clear(PyInterpreterState *interp)
    void PyInterpreterState_Delete(PyInterpreterState *interp)
    long long PyInterpreterState_GetID(PyInterpreterState *interp) except? -1

    PyThreadState *PyThreadState_Get()
    PyThreadState *PyThreadState_Swap(PyThreadState *tstate)
    PyThreadState *PyThreadState_New(PyInterpreterState *interp)
    void PyThreadState_Clear(PyThreadState *tstate)
    void PyThreadState_Delete(PyThreadState *tstate)
    # A dict for extensions to keep per-thread state in (borrowed; NULL when none)
    PyObject *PyThreadState_GetDict()
    # Raises exc (or clears a pending exception when NULL) asynchronously in thread id
    int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc)
