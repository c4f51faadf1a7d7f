# CPython's C API for pyxc, by header: `from cpython.ref cimport Py_INCREF`.
