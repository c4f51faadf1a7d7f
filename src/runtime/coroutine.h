/* pyxc runtime: coroutines and async generators, on the generator machinery of generator.h
   (same object layout and resumption; these add the types and the awaitable protocol). */

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

/* `async with m`: the bound `m.__aexit__` (see pyx_with_method for a missing one). */
static PyObject *pyx_async_with_method(PyObject *mgr, const char *name) {
    return pyx_with_method(mgr, name, "asynchronous context manager");
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
