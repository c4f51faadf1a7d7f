# Modules and importing at the C level: `from cpython.module cimport PyImport_ImportModule`.
# PyModule_GetDict returns a borrowed reference. PyModule_AddObject steals a reference to the
# value only when it succeeds; PyModule_AddObjectRef never does.

from cpython.object cimport PyObject

cdef extern from "Python.h":
    # Importing
    object PyImport_ImportModule(const char *name)
    object PyImport_Import(object name)
    object PyImport_ImportModuleLevel(const char *name, object globals, object locals,
                                      object fromlist, int level)
    object PyImport_ImportModuleLevelObject(object name, object globals, object locals,
                                            object fromlist, int level)
    object PyImport_ReloadModule(object m)
    object PyImport_AddModule(const char *name)
    object PyImport_GetModuleDict()

    # Module objects
    bint PyModule_Check(object p)
    bint PyModule_CheckExact(object p)
    object PyModule_New(const char *name)
    object PyModule_NewObject(object name)
    PyObject *PyModule_GetDict(object module) except NULL
    object PyModule_GetNameObject(object module)
    const char *PyModule_GetName(object module) except NULL
    object PyModule_GetFilenameObject(object module)
    void *PyModule_GetState(object module)

    int PyModule_AddObjectRef(object module, const char *name, object value) except -1
    int PyModule_AddObject(object module, const char *name, object value) except -1
    int PyModule_AddIntConstant(object module, const char *name, long value) except -1
    int PyModule_AddStringConstant(object module, const char *name, const char *value) except -1
