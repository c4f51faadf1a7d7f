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

/* Sets the exception being handled (a borrowed reference, NULL or None for none). */
static void pyx_gen_set_handled(PyObject *exc) {
    if (!exc || exc == Py_None) {
        PyErr_SetExcInfo(NULL, NULL, NULL);
        return;
    }
    Py_INCREF(Py_TYPE(exc));
    Py_INCREF(exc);
    PyErr_SetExcInfo((PyObject *)Py_TYPE(exc), exc, PyException_GetTraceback(exc));
}

/* Runs the body from where it stopped. `sent` is borrowed; NULL means an exception is set and
   is raised at the yield. Returns the next value, or NULL when the body finished: with an
   exception set if it failed, or StopIteration(result) when it returned a value. */
static PyObject *pyx_gen_resume(pyx_gen *g, PyObject *sent) {
    PyObject *caller_type, *caller, *caller_tb;
    PyErr_GetExcInfo(&caller_type, &caller, &caller_tb);
    if (g->exc) {
        pyx_gen_set_handled(g->exc);
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
            PyErr_Format(PyExc_RuntimeError, "%s raised %s", Py_TYPE(g)->tp_name,
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
    return pyx_gen_throw_ex(g, typ, val, tb);
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

/* A generator collected while suspended is closed first (its finally blocks run). */
static void pyx_gen_finalize(PyObject *self) {
    pyx_gen *g = (pyx_gen *)self;
    if (!g->started || g->finished)
        return;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r = pyx_gen_close(g, NULL);
    if (!r)
        PyErr_WriteUnraisable(self);
    else
        Py_DECREF(r);
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

/* A coroutine is its own awaitable iterator (`await` drives it like `yield from`). */
static PyObject *pyx_coro_await(PyObject *self) {
    Py_INCREF(self);
    return self;
}

static PyAsyncMethods pyx_coro_async = {(unaryfunc)pyx_coro_await, NULL, NULL, NULL};

static PyGetSetDef pyx_coro_getset[] = {
    {"__name__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, NULL},
    {"__qualname__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, (void *)1},
    {"cr_running", (getter)pyx_gen_get_running, NULL, NULL, NULL},
    {"cr_await", (getter)pyx_gen_get_yieldfrom, NULL, NULL, NULL},
    {"cr_frame", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {"cr_code", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyTypeObject pyx_coro_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "coroutine",
    .tp_basicsize = sizeof(pyx_gen),
    .tp_dealloc = (destructor)pyx_gen_dealloc,
    .tp_as_async = &pyx_coro_async,
    .tp_repr = (reprfunc)pyx_gen_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)pyx_gen_traverse,
    .tp_clear = (inquiry)pyx_gen_clear,
    .tp_weaklistoffset = offsetof(pyx_gen, weakrefs),
    .tp_iternext = (iternextfunc)pyx_gen_iternext,
    .tp_methods = pyx_gen_methods,
    .tp_getset = pyx_coro_getset,
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

/* `await o`: the iterator that drives it (a pyxc coroutine itself, else `o.__await__()`). */
static PyObject *pyx_coro_await_iter(PyObject *o) {
    if (Py_TYPE(o) == &pyx_coro_type) {
        Py_INCREF(o);
        return o;
    }
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    if (!am || !am->am_await) {
        PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression", Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *it = am->am_await(o);
    if (!it)
        return NULL;
    if (PyCoro_CheckExact(it) || Py_TYPE(it) == &pyx_coro_type) {
        Py_DECREF(it);
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        return NULL;
    }
    if (!PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'", Py_TYPE(it)->tp_name);
        Py_DECREF(it);
        return NULL;
    }
    return it;
}

/* `async for x in o`: `type(o).__aiter__(o)`. */
static PyObject *pyx_async_iter(PyObject *o) {
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    if (!am || !am->am_aiter) {
        PyErr_Format(PyExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s", Py_TYPE(o)->tp_name);
        return NULL;
    }
    return am->am_aiter(o);
}

/* The awaitable of the next step of an `async for`: `type(it).__anext__(it)`. */
static PyObject *pyx_async_next(PyObject *it) {
    PyAsyncMethods *am = Py_TYPE(it)->tp_as_async;
    if (!am || !am->am_anext) {
        PyErr_Format(PyExc_TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %.100s", Py_TYPE(it)->tp_name);
        return NULL;
    }
    return am->am_anext(it);
}

/* Whether the pending exception ends an `async for` (StopAsyncIteration, then cleared). */
static int pyx_async_stop(void) {
    if (!PyErr_ExceptionMatches(PyExc_StopAsyncIteration))
        return 0;
    PyErr_Clear();
    return 1;
}

/* `async with m`: the bound `m.__aexit__`, or the TypeError CPython gives. */
static PyObject *pyx_async_with_method(PyObject *mgr, const char *name) {
    PyObject *m = PyObject_GetAttrString(mgr, name);
    if (!m && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the asynchronous context manager protocol", Py_TYPE(mgr)->tp_name);
    }
    return m;
}

static PyObject *pyx_async_with_exit(PyObject *mgr) {
    return pyx_async_with_method(mgr, "__aexit__");
}

/* `async with m`: the awaitable `m.__aenter__()`. */
static PyObject *pyx_async_with_enter(PyObject *mgr) {
    PyObject *enter = pyx_async_with_method(mgr, "__aenter__");
    if (!enter)
        return NULL;
    PyObject *r = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    return r;
}

/* ---- async generators ----
   `__anext__()`, `asend()`, `athrow()` and `aclose()` return a step object, an awaitable that
   drives the generator: an `await` inside the body passes its value up to the event loop; a
   `yield v` completes the step with StopIteration(v); the end of the body is
   StopAsyncIteration. */

enum { PYX_AGEN_SEND, PYX_AGEN_THROW, PYX_AGEN_CLOSE };

typedef struct {
    PyObject_HEAD
    pyx_gen *gen;
    PyObject *value; /* asend: the value to send; athrow: the exception (type or instance) */
    PyObject *exc_value;
    PyObject *exc_tb;
    int mode;
    int state; /* 0 not started, 1 running, 2 done */
} pyx_agen_step;

static PyTypeObject pyx_agen_step_type;

/* Once per async generator: asyncio's hooks (firstiter is told about it; the finalizer closes
   it if it is collected unfinished). */
static int pyx_agen_hooks(pyx_gen *g) {
    if (g->agen_hooked)
        return 0;
    g->agen_hooked = 1;
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *hooks = sys ? PyObject_CallMethod(sys, "get_asyncgen_hooks", NULL) : NULL;
    Py_XDECREF(sys);
    if (!hooks)
        return -1;
    PyObject *firstiter = PySequence_GetItem(hooks, 0);
    PyObject *finalizer = PySequence_GetItem(hooks, 1);
    Py_DECREF(hooks);
    if (!firstiter || !finalizer) {
        Py_XDECREF(firstiter);
        Py_XDECREF(finalizer);
        return -1;
    }
    if (finalizer != Py_None) {
        Py_INCREF(finalizer);
        Py_XSETREF(g->agen_finalizer, finalizer);
    }
    Py_DECREF(finalizer);
    int r = 0;
    if (firstiter != Py_None) {
        PyObject *res = PyObject_CallOneArg(firstiter, (PyObject *)g);
        if (!res)
            r = -1;
        Py_XDECREF(res);
    }
    Py_DECREF(firstiter);
    return r;
}

/* What one resumption of the body means for the step (see the comment above). */
static PyObject *pyx_agen_step_result(pyx_agen_step *o, PyObject *r) {
    pyx_gen *g = o->gen;
    if (r) {
        if (!g->agen_value)
            return r;
        g->agen_value = 0;
        o->state = 2;
        if (o->mode == PYX_AGEN_CLOSE) {
            Py_DECREF(r);
            PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
            return NULL;
        }
        PyObject *stop = PyObject_CallOneArg(PyExc_StopIteration, r);
        Py_DECREF(r);
        if (stop) {
            PyErr_SetObject(PyExc_StopIteration, stop);
            Py_DECREF(stop);
        }
        return NULL;
    }
    o->state = 2;
    if (!PyErr_Occurred()) {
        PyErr_SetNone(o->mode == PYX_AGEN_CLOSE ? PyExc_StopIteration : PyExc_StopAsyncIteration);
        return NULL;
    }
    if (o->mode == PYX_AGEN_CLOSE && (PyErr_ExceptionMatches(PyExc_GeneratorExit) ||
                                      PyErr_ExceptionMatches(PyExc_StopAsyncIteration))) {
        PyErr_Clear();
        PyErr_SetNone(PyExc_StopIteration);
    }
    return NULL;
}

static PyObject *pyx_agen_step_send(pyx_agen_step *o, PyObject *v) {
    pyx_gen *g = o->gen;
    if (o->state == 2) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    g->agen_value = 0;
    if (o->state == 1)
        return pyx_agen_step_result(o, pyx_gen_send_ex(g, v));
    o->state = 1;
    if (pyx_agen_hooks(g) < 0)
        return NULL;
    if (o->mode == PYX_AGEN_SEND)
        return pyx_agen_step_result(o, pyx_gen_send_ex(g, v == Py_None ? o->value : v));
    if (g->finished || (!g->started && o->mode == PYX_AGEN_CLOSE)) {
        g->finished = 1;
        o->state = 2;
        PyErr_SetNone(o->mode == PYX_AGEN_CLOSE ? PyExc_StopIteration : PyExc_StopAsyncIteration);
        return NULL;
    }
    return pyx_agen_step_result(o, pyx_gen_throw_ex(g, o->value, o->exc_value, o->exc_tb));
}

static PyObject *pyx_agen_step_next(pyx_agen_step *o) {
    return pyx_agen_step_send(o, Py_None);
}

static PyObject *pyx_agen_step_throw(pyx_agen_step *o, PyObject *args) {
    PyObject *typ, *val = NULL, *tb = NULL;
    if (!PyArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb))
        return NULL;
    if (o->state == 2) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    o->state = 1;
    o->gen->agen_value = 0;
    return pyx_agen_step_result(o, pyx_gen_throw_ex(o->gen, typ, val, tb));
}

static PyObject *pyx_agen_step_close(pyx_agen_step *o, PyObject *unused) {
    (void)unused;
    o->state = 2;
    Py_RETURN_NONE;
}

static int pyx_agen_step_traverse(pyx_agen_step *o, visitproc visit, void *arg) {
    Py_VISIT(o->gen);
    Py_VISIT(o->value);
    Py_VISIT(o->exc_value);
    Py_VISIT(o->exc_tb);
    return 0;
}

static void pyx_agen_step_dealloc(pyx_agen_step *o) {
    PyObject_GC_UnTrack(o);
    Py_XDECREF(o->gen);
    Py_XDECREF(o->value);
    Py_XDECREF(o->exc_value);
    Py_XDECREF(o->exc_tb);
    PyObject_GC_Del(o);
}

static PyMethodDef pyx_agen_step_methods[] = {
    {"send", (PyCFunction)pyx_agen_step_send, METH_O, NULL},
    {"throw", (PyCFunction)pyx_agen_step_throw, METH_VARARGS, NULL},
    {"close", (PyCFunction)pyx_agen_step_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyAsyncMethods pyx_agen_step_async = {(unaryfunc)pyx_coro_await, NULL, NULL, NULL};

static PyTypeObject pyx_agen_step_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(pyx_agen_step),
    .tp_dealloc = (destructor)pyx_agen_step_dealloc,
    .tp_as_async = &pyx_agen_step_async,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)pyx_agen_step_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)pyx_agen_step_next,
    .tp_methods = pyx_agen_step_methods,
};

static PyObject *pyx_agen_step_new(pyx_gen *g, int mode, PyObject *value, PyObject *exc_value, PyObject *exc_tb) {
    if (pyx_unlikely(!(pyx_agen_step_type.tp_flags & Py_TPFLAGS_READY)) && PyType_Ready(&pyx_agen_step_type) < 0)
        return NULL;
    pyx_agen_step *o = PyObject_GC_New(pyx_agen_step, &pyx_agen_step_type);
    if (!o)
        return NULL;
    Py_INCREF(g);
    o->gen = g;
    Py_XINCREF(value);
    o->value = value;
    Py_XINCREF(exc_value);
    o->exc_value = exc_value;
    Py_XINCREF(exc_tb);
    o->exc_tb = exc_tb;
    o->mode = mode;
    o->state = 0;
    PyObject_GC_Track(o);
    return (PyObject *)o;
}

static PyObject *pyx_agen_anext(pyx_gen *g) {
    return pyx_agen_step_new(g, PYX_AGEN_SEND, Py_None, NULL, NULL);
}

static PyObject *pyx_agen_asend(pyx_gen *g, PyObject *v) {
    return pyx_agen_step_new(g, PYX_AGEN_SEND, v, NULL, NULL);
}

static PyObject *pyx_agen_athrow(pyx_gen *g, PyObject *args) {
    PyObject *typ, *val = NULL, *tb = NULL;
    if (!PyArg_UnpackTuple(args, "athrow", 1, 3, &typ, &val, &tb))
        return NULL;
    return pyx_agen_step_new(g, PYX_AGEN_THROW, typ, val, tb);
}

static PyObject *pyx_agen_aclose(pyx_gen *g, PyObject *unused) {
    (void)unused;
    return pyx_agen_step_new(g, PYX_AGEN_CLOSE, PyExc_GeneratorExit, NULL, NULL);
}

/* Collected unfinished: asyncio's finalizer schedules aclose(); without one it is closed. */
static void pyx_agen_finalize(PyObject *self) {
    pyx_gen *g = (pyx_gen *)self;
    if (!g->started || g->finished)
        return;
    if (!g->agen_finalizer) {
        pyx_gen_finalize(self);
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r = PyObject_CallOneArg(g->agen_finalizer, self);
    if (!r)
        PyErr_WriteUnraisable(self);
    Py_XDECREF(r);
    PyErr_Restore(t, v, tb);
}

static PyMethodDef pyx_agen_methods[] = {
    {"asend", (PyCFunction)pyx_agen_asend, METH_O, NULL},
    {"athrow", (PyCFunction)pyx_agen_athrow, METH_VARARGS, NULL},
    {"aclose", (PyCFunction)pyx_agen_aclose, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef pyx_agen_getset[] = {
    {"__name__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, NULL},
    {"__qualname__", (getter)pyx_gen_get_name, (setter)pyx_gen_set_name, NULL, (void *)1},
    {"ag_running", (getter)pyx_gen_get_running, NULL, NULL, NULL},
    {"ag_await", (getter)pyx_gen_get_yieldfrom, NULL, NULL, NULL},
    {"ag_frame", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {"ag_code", (getter)pyx_gen_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyAsyncMethods pyx_agen_async = {NULL, (unaryfunc)pyx_coro_await, (unaryfunc)pyx_agen_anext, NULL};

static PyTypeObject pyx_agen_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "async_generator",
    .tp_basicsize = sizeof(pyx_gen),
    .tp_dealloc = (destructor)pyx_gen_dealloc,
    .tp_as_async = &pyx_agen_async,
    .tp_repr = (reprfunc)pyx_gen_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)pyx_gen_traverse,
    .tp_clear = (inquiry)pyx_gen_clear,
    .tp_weaklistoffset = offsetof(pyx_gen, weakrefs),
    .tp_methods = pyx_agen_methods,
    .tp_getset = pyx_agen_getset,
    .tp_finalize = pyx_agen_finalize,
};
