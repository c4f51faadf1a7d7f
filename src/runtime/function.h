/* pyxc runtime: the function type of compiled `def` functions and lambdas. Like a Python
   function it binds as a method (a descriptor), has a __dict__, and its __name__, __qualname__,
   __doc__ and __module__ can be assigned (functools.wraps works); calls go straight to the
   METH_FASTCALL|METH_KEYWORDS C function through vectorcall. `self` is what the C function
   receives first: the module, or for a closure the tuple (module, cells...). */
#include <structmember.h>

/* The C signature of METH_FASTCALL|METH_KEYWORDS (public as PyCFunctionFastWithKeywords only
   from 3.13). */
typedef PyObject *(*pyx_fastcall_kw)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);

/* What the generated code knows of a function: its PyMethodDef (first, so a pointer to it is
   one to this), and for `__code__` its parameter names (positional, keyword-only, then those
   of *args and **kwargs), their counts, its CO_* kind flags and first line. */
typedef struct {
    PyMethodDef def;
    const char *const *varnames;
    int argcount, posonlyargcount, kwonlyargcount, flags, firstlineno;
    int nfree; /* the cells in `self` after the module (a closure's) */
} pyx_funcdef;

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyMethodDef *def;
    PyObject *self;
    PyObject *name;
    PyObject *qualname;
    PyObject *doc;
    PyObject *module;
    PyObject *dict;
    PyObject *defaults;
    PyObject *kwdefaults;
    PyObject *annotations;
    PyObject *code;
    PyObject *weakrefs;
} pyx_function;

/* Runaway recursion is a RecursionError, as for CPython's functions (where Cython's crash). */
static PyObject *pyx_function_vectorcall(PyObject *f, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    pyx_function *fn = (pyx_function *)f;
    if (Py_EnterRecursiveCall(""))
        return NULL;
    PyObject *r = ((pyx_fastcall_kw)(void (*)(void))fn->def->ml_meth)(fn->self, args, PyVectorcall_NARGS(nargsf), kwnames);
    Py_LeaveRecursiveCall();
    return r;
}

static PyObject *pyx_function_get(PyObject *f, PyObject *obj, PyObject *type) {
    (void)type;
    if (obj == NULL || obj == Py_None) {
        Py_INCREF(f);
        return f;
    }
    return PyMethod_New(f, obj);
}

static int pyx_function_traverse(pyx_function *f, visitproc visit, void *arg) {
    Py_VISIT(f->self);
    Py_VISIT(f->name);
    Py_VISIT(f->qualname);
    Py_VISIT(f->doc);
    Py_VISIT(f->module);
    Py_VISIT(f->dict);
    Py_VISIT(f->defaults);
    Py_VISIT(f->kwdefaults);
    Py_VISIT(f->annotations);
    Py_VISIT(f->code);
    return 0;
}

static int pyx_function_clear(pyx_function *f) {
    Py_CLEAR(f->self);
    Py_CLEAR(f->name);
    Py_CLEAR(f->qualname);
    Py_CLEAR(f->doc);
    Py_CLEAR(f->module);
    Py_CLEAR(f->dict);
    Py_CLEAR(f->defaults);
    Py_CLEAR(f->kwdefaults);
    Py_CLEAR(f->annotations);
    Py_CLEAR(f->code);
    return 0;
}

static void pyx_function_dealloc(pyx_function *f) {
    PyObject_GC_UnTrack(f);
    if (f->weakrefs)
        PyObject_ClearWeakRefs((PyObject *)f);
    pyx_function_clear(f);
    PyObject_GC_Del(f);
}

static PyObject *pyx_function_repr(pyx_function *f) {
    return PyUnicode_FromFormat("<cyfunction %U at %p>", f->qualname, (void *)f);
}

/* Pickled by reference, as Python functions are: the module attribute of that qualified name. */
static PyObject *pyx_function_reduce(pyx_function *f, PyObject *unused) {
    (void)unused;
    Py_INCREF(f->qualname);
    return f->qualname;
}

static PyMethodDef pyx_function_methods[] = {
    {"__reduce__", (PyCFunction)pyx_function_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

/* The attributes kept in object slots, one getter and setter for all (the getset closure
   describes the slot): __name__ and __qualname__ must stay strings; __defaults__ and
   __kwdefaults__ are None until set; __annotations__ is made empty on first use, as for Python
   functions. (__doc__ and __module__ take anything: plain members.) */
enum { PYX_SLOT_STR, PYX_SLOT_OR_NONE, PYX_SLOT_DICT };
typedef struct {
    size_t offset;
    int kind;
    const char *name;
} pyx_function_slot;

static PyObject *pyx_function_slot_get(pyx_function *f, void *closure) {
    const pyx_function_slot *d = (const pyx_function_slot *)closure;
    PyObject **slot = (PyObject **)((char *)f + d->offset);
    if (!*slot && d->kind == PYX_SLOT_DICT)
        *slot = PyDict_New();
    PyObject *v = *slot ? *slot : Py_None;
    Py_XINCREF(v);
    return v;
}

static int pyx_function_slot_set(pyx_function *f, PyObject *v, void *closure) {
    const pyx_function_slot *d = (const pyx_function_slot *)closure;
    PyObject **slot = (PyObject **)((char *)f + d->offset);
    if (d->kind == PYX_SLOT_STR && (v == NULL || !PyUnicode_Check(v))) {
        PyErr_Format(PyExc_TypeError, "%s must be set to a string object", d->name);
        return -1;
    }
    if (v == Py_None && d->kind != PYX_SLOT_STR)
        v = NULL;
    Py_XINCREF(v);
    Py_XSETREF(*slot, v);
    return 0;
}

/* `__code__`, made on first use: an empty code object given the function's names, parameters
   and flags (through `code.replace`, whose keywords do not change between Python versions). */
static PyObject *pyx_function_make_code(pyx_function *f) {
    const pyx_funcdef *d = (const pyx_funcdef *)f->def;
    int flags = CO_OPTIMIZED | CO_NEWLOCALS | d->flags;
    Py_ssize_t n = 0;
    while (d->varnames[n])
        n++;
    PyObject *names = PyTuple_New(n), *code = NULL, *replace = NULL, *kw = NULL, *empty = NULL;
    if (!names)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name = PyUnicode_InternFromString(d->varnames[i]);
        if (!name)
            goto done;
        PyTuple_SET_ITEM(names, i, name);
    }
    code = (PyObject *)PyCode_NewEmpty(pyx_pos_file(d->firstlineno), d->def.ml_name,
                                       pyx_pos_line(d->firstlineno));
    if (!code || !(replace = PyObject_GetAttrString(code, "replace")) || !(empty = PyTuple_New(0)))
        goto done;
    kw = Py_BuildValue("{sisisisisOsi}", "co_argcount", d->argcount, "co_posonlyargcount",
                       d->posonlyargcount, "co_kwonlyargcount", d->kwonlyargcount, "co_nlocals", (int)n,
                       "co_varnames", names, "co_flags", flags);
    if (!kw)
        goto done;
#if PY_VERSION_HEX >= 0x030B0000
    if (PyDict_SetItemString(kw, "co_qualname", f->qualname) < 0)
        goto done;
#endif
    Py_SETREF(code, PyObject_Call(replace, empty, kw));
    Py_XDECREF(names);
    Py_XDECREF(replace);
    Py_XDECREF(empty);
    Py_XDECREF(kw);
    return code;
done:
    Py_XDECREF(names);
    Py_XDECREF(code);
    Py_XDECREF(replace);
    Py_XDECREF(empty);
    Py_XDECREF(kw);
    return NULL;
}

static PyObject *pyx_function_get_code(pyx_function *f, void *unused) {
    (void)unused;
    if (!f->code && !(f->code = pyx_function_make_code(f)))
        return NULL;
    Py_INCREF(f->code);
    return f->code;
}

#define PYX_FUNCTION_SLOT(attr, field, kind)                                                     \
    {attr, (getter)pyx_function_slot_get, (setter)pyx_function_slot_set, NULL,                  \
     (void *)&(const pyx_function_slot){offsetof(pyx_function, field), kind, attr}}

static PyMemberDef pyx_function_members[] = {
    {"__doc__", T_OBJECT, offsetof(pyx_function, doc), 0, NULL},
    {"__module__", T_OBJECT, offsetof(pyx_function, module), 0, NULL},
    {"__self__", T_OBJECT, offsetof(pyx_function, self), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}};

/* `__closure__`: the function's cells (None when it has none), as CPython's functions have. */
static PyObject *pyx_function_get_closure(pyx_function *fn, void *unused) {
    (void)unused;
    int nfree = ((const pyx_funcdef *)fn->def)->nfree;
    if (nfree == 0 || !PyTuple_Check(fn->self))
        Py_RETURN_NONE;
    return PyTuple_GetSlice(fn->self, 1, 1 + nfree);
}

static PyGetSetDef pyx_function_getset[] = {
    PYX_FUNCTION_SLOT("__name__", name, PYX_SLOT_STR),
    PYX_FUNCTION_SLOT("__qualname__", qualname, PYX_SLOT_STR),
    PYX_FUNCTION_SLOT("__defaults__", defaults, PYX_SLOT_OR_NONE),
    PYX_FUNCTION_SLOT("__kwdefaults__", kwdefaults, PYX_SLOT_OR_NONE),
    PYX_FUNCTION_SLOT("__annotations__", annotations, PYX_SLOT_DICT),
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {"__code__", (getter)pyx_function_get_code, NULL, NULL, NULL},
    {"__closure__", (getter)pyx_function_get_closure, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

/* A fused function's specialisation by name: `f['double']`, `f[float]` (a type stands for its
   name), `f['int', 'double']` for several fused types. The dispatcher keeps its
   specialisations in `__signatures__` (keys as Cython writes them: `int|double`). */
static PyObject *pyx_fused_key(PyObject *k) {
    if (PyType_Check(k))
        return PyObject_GetAttrString(k, "__name__");
    if (PyTuple_Check(k)) {
        Py_ssize_t n = PyTuple_GET_SIZE(k);
        PyObject *parts = PyList_New(n);
        if (!parts)
            return NULL;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *p = pyx_fused_key(PyTuple_GET_ITEM(k, i));
            if (!p) {
                Py_DECREF(parts);
                return NULL;
            }
            PyList_SET_ITEM(parts, i, p);
        }
        PyObject *sep = PyUnicode_FromString("|");
        PyObject *r = sep ? PyUnicode_Join(sep, parts) : NULL;
        Py_XDECREF(sep);
        Py_DECREF(parts);
        return r;
    }
    return PyObject_Str(k);
}

static PyObject *pyx_function_subscript(pyx_function *f, PyObject *k) {
    PyObject *sigs = f->dict ? PyDict_GetItemString(f->dict, "__signatures__") : NULL;
    if (!sigs || !PyDict_Check(sigs)) {
        PyErr_Format(PyExc_TypeError, "'%s' object is not subscriptable", Py_TYPE(f)->tp_name);
        return NULL;
    }
    PyObject *key = pyx_fused_key(k);
    if (!key)
        return NULL;
    PyObject *r = PyDict_GetItemWithError(sigs, key);
    if (r)
        Py_INCREF(r);
    else if (!PyErr_Occurred())
        PyErr_SetObject(PyExc_KeyError, key);
    Py_DECREF(key);
    return r;
}

static PyMappingMethods pyx_function_as_mapping = {0, (binaryfunc)pyx_function_subscript, 0};

static PyTypeObject pyx_function_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "pyxc_function",
    .tp_basicsize = sizeof(pyx_function),
    .tp_dealloc = (destructor)pyx_function_dealloc,
    .tp_vectorcall_offset = offsetof(pyx_function, vectorcall),
    .tp_repr = (reprfunc)pyx_function_repr,
    .tp_as_mapping = &pyx_function_as_mapping,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = (traverseproc)pyx_function_traverse,
    .tp_clear = (inquiry)pyx_function_clear,
    .tp_weaklistoffset = offsetof(pyx_function, weakrefs),
    .tp_methods = pyx_function_methods,
    .tp_members = pyx_function_members,
    .tp_getset = pyx_function_getset,
    .tp_descr_get = pyx_function_get,
    .tp_dictoffset = offsetof(pyx_function, dict),
};

/* A function object for `def` (`self`: the module, or a closure's cell tuple; stolen). */
static PyObject *pyx_function_new(PyMethodDef *def, PyObject *self, PyObject *qualname) {
    if (pyx_unlikely(!(pyx_function_type.tp_flags & Py_TPFLAGS_READY)) && PyType_Ready(&pyx_function_type) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    pyx_function *f = PyObject_GC_New(pyx_function, &pyx_function_type);
    if (!f) {
        Py_DECREF(self);
        return NULL;
    }
    f->vectorcall = pyx_function_vectorcall;
    f->def = def;
    f->self = self;
    f->name = PyUnicode_InternFromString(def->ml_name);
    f->qualname = qualname;
    Py_INCREF(qualname);
    f->doc = def->ml_doc ? PyUnicode_FromString(def->ml_doc) : Py_None;
    if (!def->ml_doc)
        Py_INCREF(Py_None);
    f->module = pyx_module_name;
    Py_INCREF(pyx_module_name);
    f->dict = NULL;
    f->defaults = NULL;
    f->kwdefaults = NULL;
    f->annotations = NULL;
    f->code = NULL;
    f->weakrefs = NULL;
    if (!f->name || !f->doc) {
        Py_DECREF(f);
        return NULL;
    }
    PyObject_GC_Track(f);
    return (PyObject *)f;
}

static PYX_UNUSED PyObject *pyx_make_function(PyMethodDef *def, PyObject *qualname) {
    Py_INCREF(pyx_module);
    return pyx_function_new(def, pyx_module, qualname);
}
