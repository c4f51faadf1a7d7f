# CPython's portable threads and locks: `from cpython.pythread cimport PyThread_allocate_lock,
# PyThread_acquire_lock, WAIT_LOCK`. All run without the GIL.

cdef extern from "pythread.h":
    ctypedef void *PyThread_type_lock

    enum:
        WAIT_LOCK
        NOWAIT_LOCK

    # Results of PyThread_acquire_lock_timed
    ctypedef enum PyLockStatus:
        PY_LOCK_FAILURE
        PY_LOCK_ACQUIRED
        PY_LOCK_INTR

    unsigned long PyThread_start_new_thread(void (*func)(void *arg) noexcept nogil,
                                            void *arg) nogil
    void PyThread_exit_thread() nogil
    unsigned long PyThread_get_thread_ident() nogil

    # Locks: NULL when allocation fails; acquire returns 1 on success
    PyThread_type_lock PyThread_allocate_lock() nogil
    void PyThread_free_lock(PyThread_type_lock lock) nogil
    int PyThread_acquire_lock(PyThread_type_lock lock, int waitflag) nogil
    # microseconds < 0 waits forever; intr_flag lets signals interrupt the wait
    PyLockStatus PyThread_acquire_lock_timed(PyThread_type_lock lock, long long microseconds,
                                             int intr_flag) nogil
    void PyThread_release_lock(PyThread_type_lock lock) nogil

    # Thread-specific storage (PEP 539)
    ctypedef struct Py_tss_t:
        pass
    Py_tss_t *PyThread_tss_alloc() nogil
    void PyThread_tss_free(Py_tss_t *key) nogil
    bint PyThread_tss_is_created(Py_tss_t *key) nogil
    int PyThread_tss_create(Py_tss_t *key) nogil
    void PyThread_tss_delete(Py_tss_t *key) nogil
    int PyThread_tss_set(Py_tss_t *key, void *value) nogil
    void *PyThread_tss_get(Py_tss_t *key) nogil
