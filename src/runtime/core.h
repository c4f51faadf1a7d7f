/* pyxc runtime core: included by every module (after prelude.h). */
/* Properties of an integer typedef whose signedness and size pyxc does not know. */
#define PYX_SIGNED(T) (((T)-1) < (T)0)
#define PYX_MAX(T) (PYX_SIGNED(T) ? (long long)((1ULL << (sizeof(T) * 8 - 1)) - 1) : (long long)(sizeof(T) >= 8 ? LLONG_MAX : (long long)((1ULL << (sizeof(T) * 8)) - 1)))
#define PYX_MIN(T) (PYX_SIGNED(T) ? -PYX_MAX(T) - 1 : 0)
#define PYX_UMAX(T) ((unsigned long long)(T)-1)

/* The module's state (PEP 489 module state, m_size > 0): every object reference the module
   holds lives in it, so the garbage collector sees them (m_traverse) and they go with the
   module (m_clear/m_free). It is a pyx_state (generated per module: this head, then constants,
   interned names and object globals, all PyObject pointers). Compiled code reaches it through
   pyx_ms, set when the module executes: one live instance per process. */
typedef struct {
    PyObject *module_dict;
    PyObject *builtins;
    PyObject *module_name;
} pyx_state_head;
static void *pyx_ms;
#define pyx_module_dict (((pyx_state_head *)pyx_ms)->module_dict)
#define pyx_builtins (((pyx_state_head *)pyx_ms)->builtins)
#define pyx_module_name (((pyx_state_head *)pyx_ms)->module_name)
/* The module object (borrowed): functions hold a reference to it as their `self`, so the state
   outlives every function that uses it. */
static PyObject *pyx_module;
static const char *pyx_filename;
/* The files `include`d into the module (NULL when none). A source position (pyx_lineno) is
   a line, with above PYX_LINE_BITS the included file it is in (1 for the first; 0 for the
   module's own source), as `sema/lines.rs` makes it. */
static const char *const *pyx_included;
#define PYX_LINE_BITS 20
#define pyx_pos_line(pos) ((pos) & ((1 << PYX_LINE_BITS) - 1))
static PYX_UNUSED const char *pyx_pos_file(int pos) {
    int file = pos >> PYX_LINE_BITS;
    return file && pyx_included ? pyx_included[file - 1] : pyx_filename;
}

/* A module global, then a builtin; NameError when neither exists. */
static PYX_UNUSED PyObject *pyx_get_global(PyObject *dict, PyObject *name) {
    PyObject *v = PyDict_GetItemWithError(dict, name);
    if (pyx_likely(v != NULL)) {
        Py_INCREF(v);
        return v;
    }
    if (PyErr_Occurred())
        return NULL;
    v = PyDict_GetItemWithError(pyx_builtins, name);
    if (v) {
        Py_INCREF(v);
        return v;
    }
    if (!PyErr_Occurred())
        PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
    return NULL;
}

static PYX_UNUSED PyObject *pyx_get_builtin(PyObject *name) {
    PyObject *v = PyDict_GetItemWithError(pyx_builtins, name);
    if (v) {
        Py_INCREF(v);
        return v;
    }
    if (!PyErr_Occurred())
        PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
    return NULL;
}

/* A tuple of n new references, stolen (also on failure). */
static PYX_UNUSED PyObject *pyx_tuple_steal(Py_ssize_t n, ...) {
    va_list ap;
    PyObject *t = PyTuple_New(n);
    va_start(ap, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = va_arg(ap, PyObject *);
        if (t)
            PyTuple_SET_ITEM(t, i, o);
        else
            Py_XDECREF(o);
    }
    va_end(ap);
    return t;
}

static PYX_UNUSED PyObject *pyx_list_steal(Py_ssize_t n, ...) {
    va_list ap;
    PyObject *t = PyList_New(n);
    va_start(ap, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = va_arg(ap, PyObject *);
        if (t)
            PyList_SET_ITEM(t, i, o);
        else
            Py_XDECREF(o);
    }
    va_end(ap);
    return t;
}

static inline PYX_UNUSED PyObject *pyx_bool(int b) {
    PyObject *r = b ? Py_True : Py_False;
    Py_INCREF(r);
    return r;
}

static PYX_UNUSED PyObject *pyx_int_to_py(int is_signed, long long s, unsigned long long u) {
    return is_signed ? PyLong_FromLongLong(s) : PyLong_FromUnsignedLongLong(u);
}

/* Stores a new reference into an object static (stolen), releasing the old value. */
static inline PYX_UNUSED void pyx_store_static(PyObject **slot, PyObject *v) {
    PyObject *old = *slot;
    *slot = v;
    Py_XDECREF(old);
}

/* Code that may run without the GIL (nogil functions and blocks) raises and checks for
   exceptions through these, which take the GIL (cold paths only). */
static PYX_COLD void pyx_raise_gil_safe(PyObject *type, const char *msg) {
    PyGILState_STATE s = PyGILState_Ensure();
    PyErr_SetString(type, msg);
    PyGILState_Release(s);
}

static PYX_UNUSED int pyx_err_occurred_nogil(void) {
    PyGILState_STATE s = PyGILState_Ensure();
    int r = PyErr_Occurred() != NULL;
    PyGILState_Release(s);
    return r;
}

/* abs() of a signed C integer (widened to long long) under `overflowcheck=True`: `min` is its
   type's minimum, which has no absolute value in that type. */
static inline PYX_UNUSED long long pyx_abs_checked(long long x, long long min) {
    if (pyx_unlikely(x == min)) {
        pyx_raise_gil_safe(PyExc_OverflowError,
                           "Trying to take the absolute value of the most negative integer is not defined.");
        return -1;
    }
    return x < 0 ? -x : x;
}

/* abs() as C computes it: the most negative value, cast back to its type, stays itself. */
static inline PYX_UNUSED long long pyx_abs_wrapping(long long x) {
    return x < 0 ? (long long)(0ULL - (unsigned long long)x) : x;
}

/* A loop over a typed `bytes` that holds None: Cython's TypeError. */
static PYX_UNUSED int pyx_check_iterable(PyObject *o) {
    if (pyx_likely(o != Py_None))
        return 0;
    PyErr_SetString(PyExc_TypeError, "'NoneType' is not iterable");
    return -1;
}

/* A C index `i` into a sequence of length `n`, a negative one counting from the end; -1 when
   out of range. */
static inline PYX_UNUSED Py_ssize_t pyx_wrap_index(Py_ssize_t i, Py_ssize_t n) {
    if (i < 0)
        i += n;
    return (size_t)i < (size_t)n ? i : -1;
}

/* s[i] on a typed str with a C index: the code point, as Cython's __Pyx_GetItemInt_Unicode (a
   negative index counts from the end). (Py_UCS4)-1, never a code point, on error. */
static inline PYX_UNUSED Py_UCS4 pyx_str_item(PyObject *s, Py_ssize_t i) {
    if (pyx_unlikely(s == Py_None)) {
        PyErr_SetString(PyExc_TypeError, "'NoneType' object is not subscriptable");
        return (Py_UCS4)-1;
    }
    i = pyx_wrap_index(i, PyUnicode_GET_LENGTH(s));
    if (pyx_unlikely(i < 0)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return (Py_UCS4)-1;
    }
    return PyUnicode_READ_CHAR(s, i);
}

static PYX_UNUSED int pyx_check_bound(PyObject *v, const char *name) {
    if (pyx_likely(v != NULL))
        return 0;
#ifdef PYX_CPYTHON_MESSAGES
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%s' where it is not associated with a value", name);
#else
    PyErr_Format(PyExc_UnboundLocalError, "local variable '%s' referenced before assignment", name);
#endif
    return -1;
}

/* d[k] = v unless v is NULL (an unbound variable, for `locals()`). */
static PYX_UNUSED int pyx_dict_set_bound(PyObject *d, PyObject *k, PyObject *v) {
    return v ? PyDict_SetItem(d, k, v) : 0;
}

/* A traceback entry naming the .pyx file, function and line. */
static PYX_COLD void pyx_add_traceback(const char *funcname, int lineno) {
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    PyCodeObject *code = PyCode_NewEmpty(pyx_pos_file(lineno), funcname, pyx_pos_line(lineno));
    PyFrameObject *frame = NULL;
    if (code) {
        PyObject *globals = pyx_ms && pyx_module_dict ? pyx_module_dict : PyEval_GetGlobals();
        frame = PyFrame_New(PyThreadState_Get(), code, globals, NULL);
    }
    PyErr_Restore(exc_type, exc_value, exc_tb);
    if (frame) {
        PyTraceBack_Here(frame);
    }
    Py_XDECREF(code);
    Py_XDECREF((PyObject *)frame);
}

/* An exception that cannot propagate (from a noexcept function or a __dealloc__) is reported
   and cleared as Cython's __Pyx_WriteUnraisable does: printed first, then passed to
   sys.unraisablehook with `where` ("module.function") as the object. */
static PYX_COLD void pyx_write_unraisable_at(const char *where) {
    PyObject *type, *value, *tb, *ctx;
    PyErr_Fetch(&type, &value, &tb);
    Py_XINCREF(type);
    Py_XINCREF(value);
    Py_XINCREF(tb);
    PyErr_Restore(type, value, tb);
    PyErr_PrintEx(0);
    ctx = PyUnicode_FromString(where);
    PyErr_Restore(type, value, tb);
    PyErr_WriteUnraisable(ctx ? ctx : Py_None);
    Py_XDECREF(ctx);
}

/* For noexcept functions: the exception is reported in "module.funcname". */
static PYX_COLD void pyx_write_unraisable(const char *funcname) {
    PyObject *type, *value, *tb, *ctx;
    const char *module = NULL;
    if (pyx_ms && pyx_module_name)
        module = PyUnicode_AsUTF8(pyx_module_name);
    PyErr_Fetch(&type, &value, &tb);
    ctx = module ? PyUnicode_FromFormat("%s.%s", module, funcname) : NULL;
    PyErr_Restore(type, value, tb);
    pyx_write_unraisable_at(ctx ? PyUnicode_AsUTF8(ctx) : funcname);
    Py_XDECREF(ctx);
}

/* The items of `v` for an assignment to a C array of length `n`: a tuple of exactly `n`
   items, or IndexError with Cython's messages. */
static PYX_UNUSED PyObject *pyx_carray_items(PyObject *v, Py_ssize_t n) {
    PyObject *it = PyObject_GetIter(v);
    if (!it)
        return NULL;
    PyObject *t = PyTuple_New(n);
    if (!t) {
        Py_DECREF(it);
        return NULL;
    }
    Py_ssize_t i = 0;
    for (; i < n; i++) {
        PyObject *x = PyIter_Next(it);
        if (!x)
            break;
        PyTuple_SET_ITEM(t, i, x);
    }
    if (i < n) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_IndexError, "not enough values found during array assignment, expected %zd, got %zd", n, i);
        goto bad;
    }
    PyObject *extra = PyIter_Next(it);
    if (extra) {
        Py_DECREF(extra);
        PyErr_Format(PyExc_IndexError, "too many values found during array assignment, expected %zd", n);
        goto bad;
    }
    if (PyErr_Occurred())
        goto bad;
    Py_DECREF(it);
    return t;
bad:
    Py_DECREF(it);
    Py_DECREF(t);
    return NULL;
}

/* A new reference to `o` (Py_NewRef is 3.10+). */
static inline PyObject *pyx_newref(PyObject *o) {
    Py_INCREF(o);
    return o;
}
