/* `prange` loops run as OpenMP `parallel for`. An exception raised in an iteration (by a
 * thread that may not hold the GIL) is kept here, the first one only, and the remaining
 * iterations are skipped; after the loop it is raised again in the calling thread. A `break`
 * skips the remaining iterations the same way. Threads keep a Python thread state for the
 * whole loop (see the codegen), so an exception set without the GIL survives until it is
 * taken here. */

typedef struct {
    /* 0: running; PYX_PAR_BREAK or PYX_PAR_ERROR: skip the remaining iterations. */
    int why;
    int lineno;
    PyObject *type, *value, *tb;
} pyx_parallel;

#define PYX_PAR_BREAK 2
#define PYX_PAR_ERROR 4
#define PYX_PARALLEL_INIT ((pyx_parallel){0, 0, NULL, NULL, NULL})

static inline int pyx_parallel_stopped(pyx_parallel *p) {
    return __atomic_load_n(&p->why, __ATOMIC_RELAXED) != 0;
}

static inline void pyx_parallel_break(pyx_parallel *p) {
    __atomic_store_n(&p->why, PYX_PAR_BREAK, __ATOMIC_RELAXED);
}

/* Takes the current exception (with the GIL, which also orders the threads doing this). */
static void pyx_parallel_error(pyx_parallel *p, int lineno) {
    PyGILState_STATE g = PyGILState_Ensure();
    if (!p->type) {
        PyErr_Fetch(&p->type, &p->value, &p->tb);
        p->lineno = lineno;
    } else {
        PyErr_Clear();
    }
    __atomic_store_n(&p->why, PYX_PAR_ERROR, __ATOMIC_RELAXED);
    PyGILState_Release(g);
}

/* After the loop: sets the kept exception again in this thread. */
static void pyx_parallel_reraise(pyx_parallel *p) {
    PyGILState_STATE g = PyGILState_Ensure();
    PyErr_Restore(p->type, p->value, p->tb);
    p->type = p->value = p->tb = NULL;
    PyGILState_Release(g);
}
