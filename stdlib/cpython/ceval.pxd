# The evaluation loop's C API: `from cpython.ceval cimport PyEval_SaveThread`. The Get*
# functions return borrowed references (NULL when no frame is executing).

from cpython.object cimport PyObject
from cpython.pystate cimport PyThreadState

cdef extern from "Python.h":
    PyObject *PyEval_GetBuiltins()
    PyObject *PyEval_GetGlobals()
    PyObject *PyEval_GetLocals()
    const char *PyEval_GetFuncName(object func)
    const char *PyEval_GetFuncDesc(object func)

    # Releasing the GIL by hand (prefer `with nogil:`)
    PyThreadState *PyEval_SaveThread()
    void PyEval_RestoreThread(PyThreadState *tstate)
    void PyEval_AcquireThread(PyThreadState *tstate)
    void PyEval_ReleaseThread(PyThreadState *tstate)

    object PyEval_EvalCode(object co, object globals, object locals)
