# The interpreter's life: `from cpython.pylifecycle cimport Py_IsInitialized, Py_AtExit`.

cdef extern from "Python.h":
    bint Py_IsInitialized()
    # Called when the interpreter finalises (no Python API there); 0 on success
    int Py_AtExit(void (*func)() noexcept)
    # Exits the process after finalising the interpreter
    void Py_Exit(int status)
    void Py_FatalError(const char *message)

    const char *Py_GetVersion()
    const char *Py_GetPlatform()
    const char *Py_GetCopyright()
    const char *Py_GetCompiler()
    const char *Py_GetBuildInfo()
