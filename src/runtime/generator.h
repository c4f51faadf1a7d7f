/* pyxc runtime: generators. A generator function is one C function entered two ways. Called
   from Python, it parses its arguments, creates the generator and returns it. Resumed (nargs
   == PYX_GEN_RESUME, self the generator, args[0] the sent value, or NULL when an exception is
   thrown in), it reloads its variables from the generator's frame and jumps to the yield it
   stopped at. Yielding saves the variables back into the frame, which owns their references
   while the generator is suspended (pyxc's generated frame_clear/frame_traverse know which). */

#define PYX_GEN_RESUME PY_SSIZE_T_MIN

typedef PyObject *(*pyx_gen_fn)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);

typedef struct {
    PyObject_HEAD
    pyx_gen_fn body;
    void *frame;
    void (*frame_clear)(void *);
    int (*frame_traverse)(void *, visitproc, void *);
    PyObject *closure;   /* the function's self: the module, or (module, cells...) */
    PyObject *name;
    PyObject *qualname;
    PyObject *result;    /* the value of `return v` */
    PyObject *yf_value;  /* the return value of an iterator `yield from` finished at once */
    PyObject *exc;       /* the exception handled inside, while suspended in a handler */
    PyObject *yieldfrom; /* the iterator a suspended `yield from` delegates to */
    PyObject *weakrefs;
    PyObject *agen_finalizer; /* async generators: asyncio's finalizer hook, if any */
    int label;           /* the resume point (set by the body) */
    char started, running, finished;
    char agen_value;     /* async generators: the body just yielded a value (not an await) */
    char agen_hooked;    /* async generators: sys.get_asyncgen_hooks() consulted */
} pyx_gen;

static PyTypeObject pyx_gen_type;
static PyTypeObject pyx_coro_type;
static PyTypeObject pyx_agen_type;

/* A pyxc generator or coroutine (one implementation, two types). */
#define pyx_gen_check(o) (Py_TYPE(o) == &pyx_gen_type || Py_TYPE(o) == &pyx_coro_type)

static int pyx_gen_traverse(pyx_gen *g, visitproc visit, void *arg) {
    Py_VISIT(g->closure);
    Py_VISIT(g->name);
    Py_VISIT(g->qualname);
    Py_VISIT(g->result);
    Py_VISIT(g->yf_value);
    Py_VISIT(g->exc);
    Py_VISIT(g->yieldfrom);
    Py_VISIT(g->agen_finalizer);
    if (g->frame && !g->running)
        return g->frame_traverse(g->frame, visit, arg);
    return 0;
}

static int pyx_gen_clear(pyx_gen *g) {
    Py_CLEAR(g->closure);
    Py_CLEAR(g->result);
    Py_CLEAR(g->yf_value);
    Py_CLEAR(g->exc);
    Py_CLEAR(g->yieldfrom);
    Py_CLEAR(g->agen_finalizer);
    if (g->frame && !g->running)
        g->frame_clear(g->frame);
    return 0;
}

/* Runs the body from where it stopped. `sent` is borrowed; NULL means an exception is set and
   is raised at the yield. Returns the next value, or NULL when the body finished: with an
   exception set if it failed, or StopIteration(result) when it returned a value. */
static PyObject *pyx_gen_resume(pyx_gen *g, PyObject *sent) {
    PyObject *caller_type, *caller, *caller_tb;
    PyErr_GetExcInfo(&caller_type, &caller, &caller_tb);
    if (g->exc) {
        pyx_exc_restore(g->exc);
        Py_CLEAR(g->exc);
    }
    PyObject *args[1] = {sent};
    g->running = 1;
    PyObject *r = g->body((PyObject *)g, args, PYX_GEN_RESUME, NULL);
    g->running = 0;
    g->started = 1;
    if (r) {
        /* Suspended inside a handler: the generator keeps its handled exception. */
        PyObject *t, *v, *tb;
        PyErr_GetExcInfo(&t, &v, &tb);
        Py_XDECREF(t);
        Py_XDECREF(tb);
        if (v && v != Py_None && v != caller)
            g->exc = v;
        else
            Py_XDECREF(v);
    }
    PyErr_SetExcInfo(caller_type, caller, caller_tb);
    if (r)
        return r;
    g->finished = 1;
    g->frame_clear(g->frame);
    Py_CLEAR(g->yieldfrom);
    if (PyErr_Occurred()) {
        /* PEP 479: a StopIteration escaping the body becomes a RuntimeError (and so does a
           StopAsyncIteration escaping an async generator). */
        int agen_stop = Py_TYPE(g) == &pyx_agen_type && PyErr_ExceptionMatches(PyExc_StopAsyncIteration);
        if (agen_stop || PyErr_ExceptionMatches(PyExc_StopIteration)) {
            PyObject *et, *ev, *etb;
            PyErr_Fetch(&et, &ev, &etb);
            PyErr_NormalizeException(&et, &ev, &etb);
            if (etb)
                PyException_SetTraceback(ev, etb);
            Py_XDECREF(et);
            Py_XDECREF(etb);
            /* CPython's wording: "generator", "coroutine", "async generator" */
            PyErr_Format(PyExc_RuntimeError, "%s raised %s",
                         Py_TYPE(g) == &pyx_agen_type ? "async generator" : Py_TYPE(g)->tp_name,
                         agen_stop ? "StopAsyncIteration" : "StopIteration");
            PyObject *nt, *nv, *ntb;
            PyErr_Fetch(&nt, &nv, &ntb);
            PyErr_NormalizeException(&nt, &nv, &ntb);
            PyException_SetCause(nv, ev ? ev : NULL);
            if (ev) {
                Py_INCREF(ev);
                PyException_SetContext(nv, ev);
            }
            PyErr_Restore(nt, nv, ntb);
        }
        return NULL;
    }
    if (g->result && g->result != Py_None) {
        PyObject *stop = PyObject_CallOneArg(PyExc_StopIteration, g->result);
        if (stop) {
            PyErr_SetObject(PyExc_StopIteration, stop);
            Py_DECREF(stop);
        }
    }
    Py_CLEAR(g->result);
    return NULL;
}

/* The value a finished iterator returned: None when it just ended, StopIteration's value, or
   NULL (an exception other than StopIteration stays set). */
static PyObject *pyx_gen_stop_value(void) {
    if (!PyErr_Occurred()) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    if (!PyErr_ExceptionMatches(PyExc_StopIteration))
        return NULL;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *r = v ? PyObject_GetAttrString(v, "value") : (Py_INCREF(Py_None), Py_None);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    return r;
}

/* After the delegated iterator of a `yield from` finished (with r NULL): resume the body with
   its return value, or with the exception it raised. */
static PyObject *pyx_gen_delegation_done(pyx_gen *g) {
    Py_CLEAR(g->yieldfrom);
    PyObject *ret = pyx_gen_stop_value();
    PyObject *r = pyx_gen_resume(g, ret);
    Py_XDECREF(ret);
    return r;
}

static PyObject *pyx_gen_send_ex(pyx_gen *g, PyObject *value) {
    if (g->running) {
        PyErr_SetString(PyExc_ValueError, "generator already executing");
        return NULL;
    }
    if (g->finished)
        return NULL;
    if (!g->started && value != Py_None) {
        PyErr_SetString(PyExc_TypeError, "can't send non-None value to a just-started generator");
        return NULL;
    }
    if (g->yieldfrom) {
        PyObject *yf = g->yieldfrom, *r;
        g->running = 1;
        if (pyx_gen_check(yf))
            r = pyx_gen_send_ex((pyx_gen *)yf, value);
        else if (value == Py_None && Py_TYPE(yf)->tp_iternext)
            r = Py_TYPE(yf)->tp_iternext(yf);
        else
            r = PyObject_CallMethod(yf, "send", "O", value);
        g->running = 0;
        if (r)
            return r;
        return pyx_gen_delegation_done(g);
    }
    return pyx_gen_resume(g, value);
}

static PyObject *pyx_gen_iternext(pyx_gen *g) {
    return pyx_gen_send_ex(g, Py_None);
}

static PyObject *pyx_gen_send(pyx_gen *g, PyObject *value) {
    PyObject *r = pyx_gen_send_ex(g, value);
    if (!r && !PyErr_Occurred())
        PyErr_SetNone(PyExc_StopIteration);
    return r;
}

/* `*out = getattr(o, name)`: 1, or 0 without the attribute, or -1 on another error. */
static int pyx_gen_optional_attr(PyObject *o, const char *name, PyObject **out) {
    *out = PyObject_GetAttrString(o, name);
    if (*out)
        return 1;
    if (!PyErr_ExceptionMatches(PyExc_AttributeError))
        return -1;
    PyErr_Clear();
    return 0;
}

/* Closes an iterator a `yield from` delegates to (its close() method, if any). */
static int pyx_gen_close_iter(PyObject *yf) {
    PyObject *close = NULL;
    if (pyx_gen_optional_attr(yf, "close", &close) < 0)
        return -1;
    if (!close)
        return 0;
    PyObject *r = PyObject_CallNoArgs(close);
    Py_DECREF(close);
    if (!r)
        return -1;
    Py_DECREF(r);
    return 0;
}

static PyObject *pyx_gen_throw_ex(pyx_gen *g, PyObject *typ, PyObject *val, PyObject *tb) {
    if (g->running) {
        PyErr_SetString(PyExc_ValueError, "generator already executing");
        return NULL;
    }
    if (g->yieldfrom) {
        PyObject *yf = g->yieldfrom, *r;
        Py_INCREF(yf);
        if (PyErr_GivenExceptionMatches(typ, PyExc_GeneratorExit)) {
            /* The delegate is closed first, then GeneratorExit goes to this generator. */
            g->running = 1;
            int err = pyx_gen_close_iter(yf);
            g->running = 0;
            Py_DECREF(yf);
            Py_CLEAR(g->yieldfrom);
            if (err < 0)
                return pyx_gen_resume(g, NULL);
        } else {
            g->running = 1;
            if (pyx_gen_check(yf)) {
                r = pyx_gen_throw_ex((pyx_gen *)yf, typ, val, tb);
            } else {
                PyObject *meth = NULL;
                if (pyx_gen_optional_attr(yf, "throw", &meth) < 0) {
                    g->running = 0;
                    Py_DECREF(yf);
                    Py_CLEAR(g->yieldfrom);
                    return pyx_gen_resume(g, NULL);
                }
                if (!meth) {
                    g->running = 0;
                    Py_DECREF(yf);
                    Py_CLEAR(g->yieldfrom);
                    goto throw_here;
                }
                r = PyObject_CallFunctionObjArgs(meth, typ, val, tb, NULL);
                Py_DECREF(meth);
            }
            g->running = 0;
            Py_DECREF(yf);
            if (r)
                return r;
            return pyx_gen_delegation_done(g);
        }
    }
throw_here:
    /* Normalise (type, value, traceback) as `raise` does, then raise it at the yield. */
    if (tb == Py_None)
        tb = NULL;
    if (tb && !PyTraceBack_Check(tb)) {
        PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
        return NULL;
    }
    PyObject *exc;
    if (PyExceptionClass_Check(typ)) {
        if (val && val != Py_None && PyObject_IsInstance(val, typ) == 1) {
            exc = val;
            Py_INCREF(exc);
        } else if (!val || val == Py_None) {
            exc = PyObject_CallNoArgs(typ);
        } else if (PyTuple_Check(val)) {
            exc = PyObject_Call(typ, val, NULL);
        } else {
            exc = PyObject_CallOneArg(typ, val);
        }
        if (!exc)
            return NULL;
        if (!PyExceptionInstance_Check(exc)) {
            PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %s", typ, Py_TYPE(exc)->tp_name);
            Py_DECREF(exc);
            return NULL;
        }
    } else if (PyExceptionInstance_Check(typ)) {
        if (val && val != Py_None) {
            PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
            return NULL;
        }
        exc = typ;
        Py_INCREF(exc);
    } else {
        PyErr_Format(PyExc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s", Py_TYPE(typ)->tp_name);
        return NULL;
    }
    if (tb)
        PyException_SetTraceback(exc, tb);
    PyObject *etb = PyException_GetTraceback(exc);
    Py_INCREF(Py_TYPE(exc));
    PyErr_Restore((PyObject *)Py_TYPE(exc), exc, etb);
    if (g->finished)
        return NULL;
    return pyx_gen_resume(g, NULL);
}

static PyObject *pyx_gen_throw(pyx_gen *g, PyObject *args) {
    PyObject *typ, *val = NULL, *tb = NULL;
    if (!PyArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb))
        return NULL;
    /* A body that handles the exception and then ends raises StopIteration, as send() does. */
    PyObject *r = pyx_gen_throw_ex(g, typ, val, tb);
    if (!r && !PyErr_Occurred())
        PyErr_SetNone(PyExc_StopIteration);
    return r;
}

static PyObject *pyx_gen_close(pyx_gen *g, PyObject *unused) {
    (void)unused;
    if (g->finished)
        Py_RETURN_NONE;
    if (!g->started) {
        g->finished = 1;
        g->frame_clear(g->frame);
        Py_RETURN_NONE;
    }
    PyObject *r = pyx_gen_throw_ex(g, PyExc_GeneratorExit, NULL, NULL);
    if (r) {
        Py_DECREF(r);
        PyErr_SetString(PyExc_RuntimeError, "generator ignored GeneratorExit");
        return NULL;
    }
    if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_StopIteration) ||
        PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return NULL;
}

/* A generator collected while suspended is closed first (its finally blocks run); a
   coroutine collected before it ever ran warns, as CPython's do. */
static void pyx_gen_finalize(PyObject *self) {
    pyx_gen *g = (pyx_gen *)self;
    int unawaited = !g->started && !g->finished && Py_TYPE(self) == &pyx_coro_type;
    if (!unawaited && (!g->started || g->finished))
        return;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (unawaited) {
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "coroutine '%S' was never awaited",
                             g->qualname) < 0)
            PyErr_WriteUnraisable(self);
    } else {
        PyObject *r = pyx_gen_close(g, NULL);
        if (!r)
            PyErr_WriteUnraisable(self);
        else
            Py_DECREF(r);
    }
    PyErr_Restore(t, v, tb);
}

static void pyx_gen_dealloc(pyx_gen *g) {
    PyObject_GC_UnTrack(g);
    if (PyObject_CallFinalizerFromDealloc((PyObject *)g) < 0)
        return;
    if (g->weakrefs)
        PyObject_ClearWeakRefs((PyObject *)g);
    pyx_gen_clear(g);
    Py_CLEAR(g->name);
    Py_CLEAR(g->qualname);
    PyMem_Free(g->frame);
    PyObject_GC_Del(g);
}

static PyObject *pyx_gen_repr(pyx_gen *g) {
    return PyUnicode_FromFormat("<%s object %U at %p>", Py_TYPE(g)->tp_name, g->qualname, (void *)g);
}

static PyObject *pyx_gen_get_name(pyx_gen *g, void *which) {
    PyObject *v = which ? g->qualname : g->name;
    Py_INCREF(v);
    return v;
}

static int pyx_gen_set_name(pyx_gen *g, PyObject *v, void *which) {
    if (!v || !PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s must be set to a string object", which ? "__qualname__" : "__name__");
        return -1;
    }
    Py_INCREF(v);
    if (which)
        Py_SETREF(g->qualname, v);
    else
        Py_SETREF(g->name, v);
    return 0;
}

static PyObject *pyx_gen_get_running(pyx_gen *g, void *unused) {
    (void)unused;
    return PyBool_FromLong(g->running);
}

static PyObject *pyx_gen_get_yieldfrom(pyx_gen *g, void *unused) {
    (void)unused;
    PyObject *v = g->yieldfrom ? g->yieldfrom : Py_None;
    Py_INCREF(v);
    return v;
}

static PyObject *pyx_gen_get_none(pyx_gen *g, void *unused) {
    (void)g;
    (void)unused;
    Py_RETURN_NONE;
}

static PyMethodDef pyx_gen_methods[] = {
    {"send", (PyCFunction)pyx_gen_send, METH_O, NULL},
    {"throw", (PyCFunction)pyx_gen_throw, METH_VARARGS, NULL},
    {"close", (PyCFunction)pyx_gen_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef pyx_gen_getset[] = {
    {"__name__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, NULL},
    {"__qualname__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, (void *)1},
    {"gi_running", (getter)pyx_gen_get_running, NULL, NULL, NULL},
    {"gi_yieldfrom", (getter)pyx_gen_get_yieldfrom, NULL, NULL, NULL},
    {"gi_frame", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {"gi_code", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyTypeObject pyx_gen_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "generator",
    .tp_basicsize = sizeof(pyx_gen),
    .tp_dealloc = (destructor)pyx_gen_dealloc,
    .tp_repr = (reprfunc)pyx_gen_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)pyx_gen_traverse,
    .tp_clear = (inquiry)pyx_gen_clear,
    .tp_weaklistoffset = offsetof(pyx_gen, weakrefs),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)pyx_gen_iternext,
    .tp_methods = pyx_gen_methods,
    .tp_getset = pyx_gen_getset,
    .tp_finalize = pyx_gen_finalize,
};

/* A new, unstarted generator (`kind` 0), coroutine (1) or async generator (2) running `body`;
   the caller fills the frame (`size` bytes). */
static pyx_gen *pyx_gen_new(pyx_gen_fn body, int kind, size_t size, void (*clear)(void *),
                            int (*traverse)(void *, visitproc, void *), PyObject *name,
                            PyObject *qualname, PyObject *closure) {
    PyTypeObject *type = kind == 2 ? &pyx_agen_type : kind == 1 ? &pyx_coro_type : &pyx_gen_type;
    if (pyx_unlikely(!(type->tp_flags & Py_TPFLAGS_READY)) && PyType_Ready(type) < 0)
        return NULL;
    void *frame = PyMem_Calloc(1, size ? size : 1);
    if (!frame) {
        PyErr_NoMemory();
        return NULL;
    }
    pyx_gen *g = PyObject_GC_New(pyx_gen, type);
    if (!g) {
        PyMem_Free(frame);
        return NULL;
    }
    g->body = body;
    g->frame = frame;
    g->frame_clear = clear;
    g->frame_traverse = traverse;
    Py_INCREF(closure);
    g->closure = closure;
    Py_INCREF(name);
    g->name = name;
    Py_INCREF(qualname);
    g->qualname = qualname;
    g->result = g->yf_value = g->exc = g->yieldfrom = g->weakrefs = g->agen_finalizer = NULL;
    g->label = 0;
    g->started = g->running = g->finished = 0;
    g->agen_value = g->agen_hooked = 0;
    PyObject_GC_Track(g);
    return g;
}

/* The value of a `yield` expression on resumption: the sent value (new reference), or NULL
   when an exception was thrown in (it is set). */
static PyObject *pyx_gen_sent_value(PyObject *sent) {
    Py_XINCREF(sent);
    return sent;
}

/* `return v` in a generator body. */
static void pyx_gen_set_result(PyObject *g, PyObject *v) {
    Py_INCREF(v);
    Py_XSETREF(((pyx_gen *)g)->result, v);
}

/* Starts `yield from sub`: the first value to yield (delegation continues in send/throw), or
   NULL when `sub` finished at once (its value for pyx_gen_yf_value) or failed (set). */
static PyObject *pyx_gen_yf_start(PyObject *self, PyObject *sub) {
    pyx_gen *g = (pyx_gen *)self;
    PyObject *r;
    if (pyx_gen_check(sub))
        r = pyx_gen_send_ex((pyx_gen *)sub, Py_None);
    else
        r = Py_TYPE(sub)->tp_iternext(sub);
    if (r) {
        Py_INCREF(sub);
        Py_XSETREF(g->yieldfrom, sub);
        return r;
    }
    PyObject *v = pyx_gen_stop_value();
    Py_XSETREF(g->yf_value, v);
    return NULL;
}

/* The value of a `yield from` whose iterator finished at once (a new reference), or NULL. */
static PyObject *pyx_gen_yf_value(PyObject *self) {
    pyx_gen *g = (pyx_gen *)self;
    PyObject *v = g->yf_value;
    g->yf_value = NULL;
    return v;
}
