# Capsules: a C pointer wrapped in a Python object, with a name to check on the way out and an
# optional destructor called with the capsule when it dies (declare it `noexcept`).
# `from cpython.pycapsule cimport PyCapsule_New, PyCapsule_GetPointer`.

cdef extern from "Python.h":
    ctypedef void (*PyCapsule_Destructor)(object capsule) noexcept

    bint PyCapsule_CheckExact(object o)

    # `pointer` must not be NULL; `name` must outlive the capsule (or be NULL).
    object PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor destructor)

    # Fail with an exception when the name does not match (or the pointer is NULL).
    void *PyCapsule_GetPointer(object capsule, const char *name) except? NULL
    PyCapsule_Destructor PyCapsule_GetDestructor(object capsule) except? NULL
    const char *PyCapsule_GetName(object capsule) except? NULL
    void *PyCapsule_GetContext(object capsule) except? NULL
    # Nonzero when the capsule is valid and its name matches
    bint PyCapsule_IsValid(object capsule, const char *name)

    int PyCapsule_SetPointer(object capsule, void *pointer) except -1
    int PyCapsule_SetDestructor(object capsule, PyCapsule_Destructor destructor) except -1
    int PyCapsule_SetName(object capsule, const char *name) except -1
    int PyCapsule_SetContext(object capsule, void *context) except -1

    # The pointer of the capsule at "package.module.attribute", imported
    void *PyCapsule_Import(const char *name, int no_block) except NULL
