/* pyxc runtime: raising and catching. */
static PYX_UNUSED int pyx_raise(PyObject *exc, PyObject *cause) {
    PyObject *value = NULL;
    if (PyExceptionClass_Check(exc)) {
        value = PyObject_CallNoArgs(exc);
        if (!value)
            return -1;
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %s", exc, Py_TYPE(value)->tp_name);
            Py_DECREF(value);
            return -1;
        }
    } else if (PyExceptionInstance_Check(exc)) {
        value = exc;
        Py_INCREF(value);
    } else {
#ifdef PYX_CPYTHON_MESSAGES
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
#else
        PyErr_SetString(PyExc_TypeError, "raise: exception class must be a subclass of BaseException");
#endif
        return -1;
    }
    if (cause) {
        if (cause == Py_None) {
            PyException_SetCause(value, NULL);
        } else {
            PyObject *c = cause;
            if (PyExceptionClass_Check(cause)) {
                c = PyObject_CallNoArgs(cause);
                if (!c) {
                    Py_DECREF(value);
                    return -1;
                }
                if (!PyExceptionInstance_Check(c)) {
                    PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %s", cause, Py_TYPE(c)->tp_name);
                    Py_DECREF(c);
                    Py_DECREF(value);
                    return -1;
                }
            } else if (PyExceptionInstance_Check(cause)) {
                Py_INCREF(c);
            } else {
                Py_DECREF(value);
                PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
                return -1;
            }
            PyException_SetCause(value, c);
        }
    }
    PyErr_SetObject((PyObject *)Py_TYPE(value), value);
    Py_DECREF(value);
    return -1;
}

/* Re-raises an exception caught earlier (borrowed), keeping its traceback. */
static PYX_UNUSED int pyx_reraise(PyObject *exc) {
    if (!exc) {
        PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
        return -1;
    }
    Py_INCREF(exc);
    PyObject *tb = PyException_GetTraceback(exc);
    Py_INCREF(Py_TYPE(exc));
    PyErr_Restore((PyObject *)Py_TYPE(exc), exc, tb);
    return -1;
}

static PYX_UNUSED int pyx_raise_assert(PyObject *msg) {
    if (msg)
        PyErr_SetObject(PyExc_AssertionError, msg);
    else
        PyErr_SetNone(PyExc_AssertionError);
    return -1;
}

/* Takes the current exception as a normalised instance (a new reference). */
static PYX_UNUSED PyObject *pyx_exc_fetch(void) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (!value) {
        Py_XDECREF(type);
        Py_XDECREF(tb);
        PyErr_SetString(PyExc_SystemError, "exception expected");
        return NULL;
    }
    if (tb)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
}

/* Makes `exc` the exception being handled (what `sys.exc_info()` returns and what a new
 * exception takes as its __context__) and returns the one handled before (a new reference,
 * Py_None for none), for pyx_exc_restore at every exit from the handler. */
static PYX_UNUSED PyObject *pyx_exc_enter(PyObject *exc) {
    PyObject *type, *value, *tb;
    PyErr_GetExcInfo(&type, &value, &tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    Py_INCREF(Py_TYPE(exc));
    Py_INCREF(exc);
    PyErr_SetExcInfo((PyObject *)Py_TYPE(exc), exc, PyException_GetTraceback(exc));
    if (!value) {
        Py_INCREF(Py_None);
        value = Py_None;
    }
    return value;
}

/* Makes `prev` (borrowed; from pyx_exc_enter, NULL or None for none) the exception being
   handled again. */
static PYX_UNUSED void pyx_exc_restore(PyObject *prev) {
    if (prev == Py_None || !prev) {
        PyErr_SetExcInfo(NULL, NULL, NULL);
        return;
    }
    Py_INCREF(Py_TYPE(prev));
    Py_INCREF(prev);
    PyErr_SetExcInfo((PyObject *)Py_TYPE(prev), prev, PyException_GetTraceback(prev));
}

/* Removes `name` from `dict` if present, leaving any pending exception as it was. */
static PYX_UNUSED void pyx_dict_unbind(PyObject *dict, PyObject *name) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (PyDict_DelItem(dict, name) < 0)
        PyErr_Clear();
    PyErr_Restore(type, value, tb);
}

static PYX_UNUSED int pyx_exc_matches(PyObject *exc, PyObject *types) {
    return PyErr_GivenExceptionMatches(exc, types);
}

/* The method `name` of a `with` (or `async with`) manager. A missing one is Cython's
   AttributeError naming it, or in a .py module CPython's TypeError about the `protocol`. */
static PYX_UNUSED PyObject *pyx_with_method(PyObject *mgr, const char *name, const char *protocol) {
    PyObject *m = PyObject_GetAttrString(mgr, name);
    if (!m && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
#ifdef PYX_CPYTHON_MESSAGES
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the %s protocol",
                     Py_TYPE(mgr)->tp_name, protocol);
#else
        (void)protocol;
        PyErr_SetString(PyExc_AttributeError, name);
#endif
    }
    return m;
}

static PYX_UNUSED PyObject *pyx_with_exit(PyObject *mgr) {
#ifdef PYX_CPYTHON_MESSAGES
    /* CPython's TypeError when the manager's type lacks __enter__ or __exit__ (Cython's is
       the AttributeError of the lookup). */
    PyObject *type = (PyObject *)Py_TYPE(mgr);
    int has_enter = PyObject_HasAttrString(type, "__enter__");
    if (!has_enter || !PyObject_HasAttrString(type, "__exit__")) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the context manager protocol%s",
                     Py_TYPE(mgr)->tp_name, has_enter ? " (missed __exit__ method)" : "");
        return NULL;
    }
#endif
    return pyx_with_method(mgr, "__exit__", "context manager");
}

static PYX_UNUSED PyObject *pyx_with_enter(PyObject *mgr) {
    PyObject *enter = pyx_with_method(mgr, "__enter__", "context manager");
    if (!enter)
        return NULL;
    PyObject *r = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    return r;
}

static PYX_UNUSED PyObject *pyx_with_exit_ok(PyObject *exit) {
    return PyObject_CallFunctionObjArgs(exit, Py_None, Py_None, Py_None, NULL);
}

/* __exit__(type, exc, tb): its result (a true one suppresses the exception; `async with`
   awaits it first). */
static PYX_UNUSED PyObject *pyx_with_exit_call(PyObject *exit, PyObject *exc) {
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *r = PyObject_CallFunctionObjArgs(exit, (PyObject *)Py_TYPE(exc), exc, tb ? tb : Py_None, NULL);
    Py_XDECREF(tb);
    return r;
}

/* ---- except* ----
   The state of one `except*` statement is a list: [rest, original, raised...]: the part of
   the exception (group) no handler has taken yet (None when all is taken), the exception
   caught, and the exceptions the handlers raised. */

static PYX_UNUSED PyObject *pyx_star_begin(PyObject *exc) {
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *state = PyList_New(2);
    if (!state)
        return NULL;
    Py_INCREF(exc);
    PyList_SET_ITEM(state, 0, exc);
    Py_INCREF(exc);
    PyList_SET_ITEM(state, 1, exc);
    return state;
#else
    (void)exc;
    PyErr_SetString(PyExc_SystemError, "except* needs Python 3.11");
    return NULL;
#endif
}

/* The part of the rest that `types` match (None if nothing), which leaves the rest. */
static PYX_UNUSED PyObject *pyx_star_match(PyObject *state, PyObject *types) {
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *rest = PyList_GET_ITEM(state, 0);
    if (rest == Py_None) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    int is_group_type = PyType_Check(types) && PyType_IsSubtype((PyTypeObject *)types, (PyTypeObject *)PyExc_BaseExceptionGroup);
    if (is_group_type) {
        PyErr_SetString(PyExc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return NULL;
    }
    int rest_is_group = PyObject_TypeCheck(rest, (PyTypeObject *)PyExc_BaseExceptionGroup);
    if (PyErr_GivenExceptionMatches(rest, types)) {
        /* All of it, as CPython takes it: a lone exception is wrapped in a group. */
        PyObject *match = rest_is_group ? (Py_INCREF(rest), rest)
                                        : PyObject_CallFunction(PyExc_BaseExceptionGroup, "s(O)", "", rest);
        if (match) {
            Py_INCREF(Py_None);
            PyList_SetItem(state, 0, Py_None);
        }
        return match;
    }
    if (!rest_is_group) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    PyObject *pair = PyObject_CallMethod(rest, "split", "O", types);
    if (!pair)
        return NULL;
    PyObject *match = PyTuple_GET_ITEM(pair, 0), *left = PyTuple_GET_ITEM(pair, 1);
    Py_INCREF(match);
    Py_INCREF(left);
    PyList_SetItem(state, 0, left);
    Py_DECREF(pair);
    return match;
#else
    (void)state;
    (void)types;
    PyErr_SetString(PyExc_SystemError, "except* needs Python 3.11");
    return NULL;
#endif
}

/* A handler raised: keep its exception for the end. */
static PYX_UNUSED void pyx_star_record(PyObject *state) {
    PyObject *e = pyx_exc_fetch();
    if (e) {
        if (PyList_Append(state, e) < 0)
            PyErr_Clear();
        Py_DECREF(e);
    } else {
        PyErr_Clear();
    }
}

/* The end of `except*`: nothing left and nothing raised, or raise what remains: the untaken
   part alone (a lone exception none took is itself), else a new ExceptionGroup of the raised
   exceptions and that part. */
static PYX_UNUSED int pyx_star_finish(PyObject *state) {
    PyObject *rest = PyList_GET_ITEM(state, 0);
    Py_ssize_t n = PyList_GET_SIZE(state) - 2;
    if (n == 0) {
        if (rest == Py_None)
            return 0;
        return pyx_reraise(rest);
    }
#if PY_VERSION_HEX < 0x030B0000
    PyErr_SetString(PyExc_SystemError, "except* needs Python 3.11");
    return -1;
#endif
    PyObject *all = PyList_GetSlice(state, 2, PyList_GET_SIZE(state));
    if (!all)
        return -1;
    if (rest != Py_None && PyList_Append(all, rest) < 0) {
        Py_DECREF(all);
        return -1;
    }
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *group = PyObject_CallFunction(PyExc_BaseExceptionGroup, "sO", "", all);
#else
    PyObject *group = NULL;
#endif
    Py_DECREF(all);
    if (!group)
        return -1;
    PyErr_SetObject((PyObject *)Py_TYPE(group), group);
    Py_DECREF(group);
    return -1;
}
