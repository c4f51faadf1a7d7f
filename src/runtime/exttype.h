/* pyxc runtime: extension types (`cdef class`). A type is made from a PyType_Spec at import;
   its slots call compiled methods (METH_FASTCALL|METH_KEYWORDS functions taking `self` first,
   see function.h), so argument checks and conversions are those of any `def`. */

/* A method's result whose value a C slot drops, as the slot's status: 0, or -1. */
static int pyx__slot_status(PyObject *r) {
    if (!r)
        return -1;
    Py_DECREF(r);
    return 0;
}

/* The accessor pair of a `public`/`readonly` field: the closure of its PyGetSetDef. */
typedef struct {
    pyx_fastcall_kw get;
    pyx_fastcall_kw set;
} pyx_accessors;

static PyObject *pyx_ext_get(PyObject *o, void *closure) {
    return ((const pyx_accessors *)closure)->get(pyx_module, &o, 1, NULL);
}

static int pyx_ext_set_value(PyObject *o, PyObject *v, void *closure) {
    PyObject *args[2] = {o, v};
    return pyx__slot_status(((const pyx_accessors *)closure)->set(pyx_module, args, 2, NULL));
}

/* A C field cannot be deleted. */
static int pyx_ext_set(PyObject *o, PyObject *v, void *closure) {
    if (!v) {
        PyErr_SetString(PyExc_NotImplementedError, "__del__");
        return -1;
    }
    return pyx_ext_set_value(o, v, closure);
}

/* Deleting an object field stores None. */
static int pyx_ext_set_or_none(PyObject *o, PyObject *v, void *closure) {
    return pyx_ext_set_value(o, v ? v : Py_None, closure);
}

/* Calls method `f` with `self` and the arguments of a tp_new/tp_init call. */
static PyObject *pyx_call_method_tuple(pyx_fastcall_kw f, PyObject *self, PyObject *args, PyObject *kwds) {
    Py_ssize_t n = args ? PyTuple_GET_SIZE(args) : 0;
    Py_ssize_t nk = kwds ? PyDict_GET_SIZE(kwds) : 0;
    PyObject *small[8];
    PyObject **stack = small;
    PyObject *kwnames = NULL;
    PyObject *r = NULL;
    if (1 + n + nk > 8) {
        stack = (PyObject **)PyMem_Malloc((size_t)(1 + n + nk) * sizeof(PyObject *));
        if (!stack)
            return PyErr_NoMemory();
    }
    stack[0] = self;
    for (Py_ssize_t i = 0; i < n; i++)
        stack[1 + i] = PyTuple_GET_ITEM(args, i);
    if (nk) {
        Py_ssize_t pos = 0, j = 0;
        PyObject *k, *v;
        kwnames = PyTuple_New(nk);
        if (!kwnames)
            goto done;
        while (PyDict_Next(kwds, &pos, &k, &v)) {
            Py_INCREF(k);
            PyTuple_SET_ITEM(kwnames, j, k);
            stack[1 + n + j] = v;
            j++;
        }
    }
    r = f(pyx_module, stack, 1 + n, kwnames);
done:
    Py_XDECREF(kwnames);
    if (stack != small)
        PyMem_Free(stack);
    return r;
}

/* Runs `__cinit__` on a new instance: with the constructor's arguments, or with none when it
   takes only `self` (Cython ignores the arguments then). */
static int pyx_ext_cinit(pyx_fastcall_kw f, PyObject *o, PyObject *args, PyObject *kwds, int pass_args) {
    return pyx__slot_status(pass_args ? pyx_call_method_tuple(f, o, args, kwds)
                                      : f(pyx_module, &o, 1, NULL));
}

/* Runs `__dealloc__` while the instance is being destroyed: any exception in flight is kept,
   one raised by the method is reported as unraisable in `where` ("module.Class.__dealloc__"). */
static void pyx_ext_dealloc(pyx_fastcall_kw f, PyObject *o, const char *where) {
    PyObject *et, *ev, *tb, *r;
    PyErr_Fetch(&et, &ev, &tb);
    Py_SET_REFCNT(o, Py_REFCNT(o) + 1);
    r = f(pyx_module, &o, 1, NULL);
    if (!r)
        pyx_write_unraisable_at(where);
    else
        Py_DECREF(r);
    Py_SET_REFCNT(o, Py_REFCNT(o) - 1);
    PyErr_Restore(et, ev, tb);
}

/* Makes the type from its spec and binds it in the module. */
static PyObject *pyx_ext_type_new(PyType_Spec *spec, PyObject *base) {
    const char *dot = strrchr(spec->name, '.');
    /* A base from another module is laid out as its .pxd declares it; if its instances are
       larger (a type declared without its fields, such as numpy's ndarray), this type's fields
       would overlap the base's. */
    if (base && PyType_Check(base) && ((PyTypeObject *)base)->tp_basicsize > spec->basicsize) {
        PyErr_Format(PyExc_TypeError,
                     "%.200s cannot extend %.200s: its instances are %zd bytes, more than the "
                     "declaration this module was compiled with",
                     spec->name, ((PyTypeObject *)base)->tp_name,
                     ((PyTypeObject *)base)->tp_basicsize);
        return NULL;
    }
    PyObject *t = PyType_FromModuleAndSpec(pyx_module, spec, base);
    if (!t)
        return NULL;
    if (PyDict_SetItemString(pyx_module_dict, dot ? dot + 1 : spec->name, t) < 0) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

/* Half of an item-assignment pair a class leaves out: Cython's NotImplementedError. */
static PyObject *pyx_ext_no_delitem(PyObject *self, PyObject *key) {
    (void)key;
    PyErr_Format(PyExc_NotImplementedError, "Subscript deletion not supported by %.200s", Py_TYPE(self)->tp_name);
    return NULL;
}
static PyObject *pyx_ext_no_setitem(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)args;
    (void)n;
    PyErr_Format(PyExc_NotImplementedError, "Subscript assignment not supported by %.200s", Py_TYPE(self)->tp_name);
    return NULL;
}
static PyMethodDef pyx_ext_no_delitem_def = {"__delitem__", (PyCFunction)pyx_ext_no_delitem, METH_O, NULL};
static PyMethodDef pyx_ext_no_setitem_def = {"__setitem__", (PyCFunction)(void (*)(void))pyx_ext_no_setitem, METH_FASTCALL, NULL};
/* The same for a descriptor's `__set__`/`__delete__` pair. */
static PyObject *pyx_ext_no_delete(PyObject *self, PyObject *instance) {
    (void)self;
    (void)instance;
    PyErr_SetString(PyExc_NotImplementedError, "__delete__");
    return NULL;
}
static PyObject *pyx_ext_no_set(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)self;
    (void)args;
    (void)n;
    PyErr_SetString(PyExc_NotImplementedError, "__set__");
    return NULL;
}
static PyMethodDef pyx_ext_no_delete_def = {"__delete__", (PyCFunction)pyx_ext_no_delete, METH_O, NULL};
static PyMethodDef pyx_ext_no_set_def = {"__set__", (PyCFunction)(void (*)(void))pyx_ext_no_set, METH_FASTCALL, NULL};

static int pyx_ext_set_method(PyObject *type, PyMethodDef *def) {
    PyObject *d = PyDescr_NewMethod((PyTypeObject *)type, def);
    int r;
    if (!d)
        return -1;
    r = PyObject_SetAttrString(type, def->ml_name, d);
    Py_DECREF(d);
    return r;
}

/* A property of a cdef class is a getset descriptor, as Cython makes it: a missing getter is
   CPython's "not readable", a property with neither setter nor deleter is "not writable", and
   the missing half of a setter/deleter pair raises NotImplementedError("__set__"/"__del__").
   The accessors live as long as the type (the closure is never freed). */
typedef struct {
    PyObject *get, *set, *del;
} pyx_prop_accessors;

static PyObject *pyx_prop_get(PyObject *o, void *closure) {
    return PyObject_CallOneArg(((pyx_prop_accessors *)closure)->get, o);
}

static int pyx_prop_set(PyObject *o, PyObject *v, void *closure) {
    pyx_prop_accessors *a = (pyx_prop_accessors *)closure;
    PyObject *f = v ? a->set : a->del;
    if (!f) {
        PyErr_SetString(PyExc_NotImplementedError, v ? "__set__" : "__del__");
        return -1;
    }
    return pyx__slot_status(v ? PyObject_CallFunctionObjArgs(f, o, v, NULL)
                              : PyObject_CallOneArg(f, o));
}

/* The accessor `attr` of property `prop` (a new reference), NULL when it is None. */
static int pyx__prop_part(PyObject *prop, const char *attr, PyObject **out) {
    PyObject *f = PyObject_GetAttrString(prop, attr);
    if (!f)
        return -1;
    if (f == Py_None)
        Py_CLEAR(f);
    *out = f;
    return 0;
}

/* The getset descriptor standing for property `prop` named `name` on `type` (a new
   reference). */
static PyObject *pyx_ext_property(PyObject *type, PyObject *name, PyObject *prop) {
    pyx_prop_accessors *a = PyMem_Calloc(1, sizeof(pyx_prop_accessors));
    PyGetSetDef *def = PyMem_Calloc(1, sizeof(PyGetSetDef));
    PyObject *doc = NULL;
    const char *text;
    if (!a || !def)
        goto nomem;
    if (pyx__prop_part(prop, "fget", &a->get) < 0 || pyx__prop_part(prop, "fset", &a->set) < 0 ||
        pyx__prop_part(prop, "fdel", &a->del) < 0)
        return NULL;
    text = PyUnicode_AsUTF8(name);
    if (!text)
        return NULL;
    def->name = PyMem_Malloc(strlen(text) + 1);
    if (!def->name)
        goto nomem;
    strcpy((char *)def->name, text);
    doc = PyObject_GetAttrString(prop, "__doc__");
    if (!doc)
        return NULL;
    if (PyUnicode_Check(doc) && (text = PyUnicode_AsUTF8(doc)) != NULL) {
        char *copy = PyMem_Malloc(strlen(text) + 1);
        if (!copy) {
            Py_DECREF(doc);
            goto nomem;
        }
        def->doc = strcpy(copy, text);
    }
    Py_DECREF(doc);
    if (PyErr_Occurred())
        return NULL;
    def->get = a->get ? pyx_prop_get : NULL;
    def->set = a->set || a->del ? pyx_prop_set : NULL;
    def->closure = a;
    return PyDescr_NewGetSet((PyTypeObject *)type, def);
nomem:
    PyErr_NoMemory();
    return NULL;
}

/* Whether a class of the type's MRO from position `from` on has attribute `name` in its own
   dict (`object`'s, NULL from 3.12 on, has none of the names asked about). */
static int pyx__ext_mro_has(PyObject *type, Py_ssize_t from, const char *name) {
    PyObject *mro = ((PyTypeObject *)type)->tp_mro;
    for (Py_ssize_t i = from; mro && i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *d = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
        if (d && PyDict_GetItemString(d, name))
            return 1;
    }
    return 0;
}

/* Whether a class the type inherits from has attribute `name`. */
static int pyx__ext_inherits(PyObject *type, const char *name) {
    return pyx__ext_mro_has(type, 1, name);
}

/* A pair of methods sharing one slot (`__setitem__`/`__delitem__`): when the class defines one
   and has the other from nowhere, the other raises NotImplementedError, as in Cython. */
static int pyx__ext_complete_pair(PyObject *type, PyObject *ns, PyMethodDef *set, PyMethodDef *del) {
    int has_set = PyDict_GetItemString(ns, set->ml_name) != NULL;
    int has_del = PyDict_GetItemString(ns, del->ml_name) != NULL;
    if (has_set && !has_del && !pyx__ext_inherits(type, del->ml_name))
        return pyx_ext_set_method(type, del);
    if (has_del && !has_set && !pyx__ext_inherits(type, set->ml_name))
        return pyx_ext_set_method(type, set);
    return 0;
}

/* Whether a class body defines a comparison method. */
static int pyx__ext_compares(PyObject *ns) {
    static const char *const names[] = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"};
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (PyDict_GetItemString(ns, names[i]))
            return 1;
    return 0;
}

/* The class statement's namespace becomes the type's attributes (setting special methods
   fills their slots). As in Cython (whose types inherit tp_hash only with tp_richcompare),
   defining any comparison without __hash__ makes instances unhashable; as in Cython, __setitem__ without __delitem__ (or the reverse, and the same for
   __set__ and __delete__) gets one raising NotImplementedError. */
static int pyx_ext_fill(PyObject *type, PyObject *ns) {
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(ns, &pos, &k, &v)) {
        int r;
        if (Py_IS_TYPE(v, &PyProperty_Type)) {
            PyObject *d = pyx_ext_property(type, k, v);
            if (!d)
                return -1;
            r = PyObject_SetAttr(type, k, d);
            Py_DECREF(d);
        } else if (pyx_is_own_function(v) && PyUnicode_CompareWithASCIIString(k, "__class_getitem__") == 0) {
            /* A class method without saying so, as in a class statement. */
            PyObject *d = PyClassMethod_New(v);
            if (!d)
                return -1;
            r = PyObject_SetAttr(type, k, d);
            Py_DECREF(d);
        } else {
            r = PyObject_SetAttr(type, k, v);
        }
        if (r < 0)
            return -1;
    }
    if (pyx__ext_compares(ns) && !PyDict_GetItemString(ns, "__hash__") &&
        PyObject_SetAttrString(type, "__hash__", Py_None) < 0)
        return -1;
    if (pyx__ext_complete_pair(type, ns, &pyx_ext_no_setitem_def, &pyx_ext_no_delitem_def) < 0 ||
        pyx__ext_complete_pair(type, ns, &pyx_ext_no_set_def, &pyx_ext_no_delete_def) < 0)
        return -1;
    return 0;
}

/* Once its decorators ran, the type is immutable, as Cython's are. */
static int pyx_ext_freeze(PyObject *type) {
#ifdef Py_TPFLAGS_IMMUTABLETYPE
    ((PyTypeObject *)type)->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
#endif
    PyType_Modified((PyTypeObject *)type);
    return 0;
}

/* `nonecheck`: a field or C method reached through None. */
static int pyx_none_check(PyObject *o, const char *attr) {
    if (pyx_likely(o != Py_None))
        return 0;
    PyErr_Format(PyExc_AttributeError, "'NoneType' object has no attribute '%s'", attr);
    return -1;
}

/* Whether a cpdef method called on `self` may be overridden in Python: `self` is an instance of
   a subclass with an instance dict (a Python subclass). */
static inline int pyx_cpdef_maybe_overridden(PyObject *self, PyObject *cls) {
    return pyx_unlikely(Py_TYPE(self) != (PyTypeObject *)cls && Py_TYPE(self)->tp_dictoffset != 0);
}

/* The Python override of a cpdef method: what `self.name` is, or None when that is `ours` (the
   class's own method). */
static PyObject *pyx_cpdef_override(PyObject *self, PyObject *name, pyx_fastcall_kw ours) {
    PyObject *m, *f;
    m = PyObject_GetAttr(self, name);
    if (!m)
        return NULL;
    f = PyMethod_Check(m) ? PyMethod_GET_FUNCTION(m) : m;
    if (pyx_is_own_function(f) && (pyx_fastcall_kw)(void (*)(void))((pyx_function *)f)->def->ml_meth == ours) {
        Py_DECREF(m);
        return pyx_newref(Py_None);
    }
    return m;
}

/* tp_richcompare through `__richcmp__(self, other, op)`. */
static PyObject *pyx_ext_richcmp(pyx_fastcall_kw f, PyObject *a, PyObject *b, int op) {
    PyObject *code = PyLong_FromLong(op), *r;
    PyObject *args[3] = {a, b, code};
    if (!code)
        return NULL;
    r = f(pyx_module, args, 3, NULL);
    Py_DECREF(code);
    return r;
}

/* Weak references to an instance die with it (its type's weak reference list, if any). */
static void pyx_ext_clear_weakrefs(PyObject *o) {
    Py_ssize_t off = Py_TYPE(o)->tp_weaklistoffset;
    if (off > 0 && *(PyObject **)((char *)o + off) != NULL)
        PyObject_ClearWeakRefs(o);
}

/* Direct slots: a type's C slot calling the compiled special method (self first, as any
   method) without looking it up by name. The checks on results are CPython's own. */
static inline PyObject *pyx_slot_call(pyx_fastcall_kw f, PyObject *self, PyObject *a, PyObject *b) {
    PyObject *args[3] = {self, a, b};
    return f(pyx_module, args, b ? 3 : a ? 2 : 1, NULL);
}

/* The results of `__len__` and `__hash__` convert as Cython's Py_ssize_t and Py_hash_t do
   (through __index__); a negative length is CPython's ValueError (Cython would raise
   SystemError). */
static Py_ssize_t pyx_slot_len(pyx_fastcall_kw f, PyObject *self) {
    PyObject *r = pyx_slot_call(f, self, NULL, NULL);
    if (!r)
        return -1;
    Py_ssize_t n = pyx_as_ssize_t(r);
    Py_DECREF(r);
    if (n < 0 && !PyErr_Occurred())
        PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
    return n < 0 ? -1 : n;
}

static Py_hash_t pyx_slot_hash(pyx_fastcall_kw f, PyObject *self) {
    PyObject *r = pyx_slot_call(f, self, NULL, NULL);
    if (!r)
        return -1;
    Py_hash_t h = pyx_as_ssize_t(r);
    Py_DECREF(r);
    if (h == -1 && !PyErr_Occurred())
        h = -2;
    return h;
}

/* Cython types the results of `__bool__` and `__contains__` as C int: an int (a bool, or
   anything with __int__) counts by being nonzero; other objects are a TypeError. */
static int pyx__slot_int_result(PyObject *r) {
    if (!r)
        return -1;
    long long v = pyx_as_ll(r, INT_MIN, INT_MAX, "int");
    Py_DECREF(r);
    if (v == -1 && PyErr_Occurred())
        return -1;
    return v != 0;
}

static int pyx_slot_bool(pyx_fastcall_kw f, PyObject *self) {
    return pyx__slot_int_result(pyx_slot_call(f, self, NULL, NULL));
}

static int pyx_slot_contains(pyx_fastcall_kw f, PyObject *self, PyObject *v) {
    return pyx__slot_int_result(pyx_slot_call(f, self, v, NULL));
}

/* `__setitem__` (value given) or `__delitem__` (value NULL); NULL when the class lacks it. */
static int pyx_slot_ass_subscript(pyx_fastcall_kw set, pyx_fastcall_kw del, PyObject *self, PyObject *k, PyObject *v) {
    pyx_fastcall_kw f = v ? set : del;
    if (!f) {
        PyErr_Format(PyExc_NotImplementedError, "Subscript %s not supported by %.200s",
                     v ? "assignment" : "deletion", Py_TYPE(self)->tp_name);
        return -1;
    }
    return pyx__slot_status(pyx_slot_call(f, self, k, v));
}

/* What `__init__` returned (a new reference or NULL): 0, or -1 with an exception. */
static int pyx__init_result(PyObject *r) {
    if (!r)
        return -1;
    if (r != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'", Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static int pyx_slot_init(pyx_fastcall_kw f, PyObject *self, PyObject *args, PyObject *kwds) {
    PyObject *r = pyx_call_method_tuple(f, self, args, kwds);
    return pyx__init_result(r);
}

/* A comparison slot over the class's `__lt__`... (NULL where the class has none), with the
   defaults `object` gives: `!=` inverts `==`, `==` is identity, the rest NotImplemented. */
static PyObject *pyx_slot_richcompare(const pyx_fastcall_kw *f, PyObject *a, PyObject *b, int op) {
    if (f[op])
        return pyx_slot_call(f[op], a, b, NULL);
    if (op == Py_NE && f[Py_EQ]) {
        PyObject *r = pyx_slot_call(f[Py_EQ], a, b, NULL);
        if (!r || r == Py_NotImplemented)
            return r;
        int t = PyObject_IsTrue(r);
        Py_DECREF(r);
        return t < 0 ? NULL : PyBool_FromLong(!t);
    }
    if ((op == Py_EQ || op == Py_NE) && a == b)
        return PyBool_FromLong(op == Py_EQ);
    Py_RETURN_NOTIMPLEMENTED;
}

/* A binary operator slot: itself (at `offset` in PyNumberMethods), the class's method and its
   reflection (NULL where absent), and whether the reflection goes first for two instances
   (the class defines it but not the method). */
typedef struct {
    void *slot;
    size_t offset;
    pyx_fastcall_kw fwd, rev;
    int rev_first;
} pyx_binop_slot;

/* The binary operator slot `s` of `type`, as Cython 3 makes it: `a.__add__(b)` when `a` is an
   instance, then, unless that gave something other than NotImplemented, `b.__radd__(a)` when
   `b` is one (also when both are of the same type, unlike CPython). `mod` is the modulus of a
   three-argument `pow()` (NULL otherwise, or when None), passed to either method. */
static PyObject *pyx_slot_binop(const pyx_binop_slot *s, PyTypeObject *type, PyObject *a, PyObject *b, PyObject *mod) {
#define PYX_NB_SLOT(o) (Py_TYPE(o)->tp_as_number ? *(void **)((char *)Py_TYPE(o)->tp_as_number + s->offset) : NULL)
    int left = PYX_NB_SLOT(a) == s->slot || PyObject_TypeCheck(a, type);
    int right = PYX_NB_SLOT(b) == s->slot || PyObject_TypeCheck(b, type);
#undef PYX_NB_SLOT
    PyObject *r;
    if (left && right && s->rev_first && s->rev) {
        r = pyx_slot_call(s->rev, b, a, mod);
        if (r != Py_NotImplemented)
            return r;
        Py_DECREF(r);
        right = 0;
    }
    if (left && s->fwd) {
        r = pyx_slot_call(s->fwd, a, b, mod);
        if (r != Py_NotImplemented)
            return r;
        Py_DECREF(r);
    }
    if (right && s->rev)
        return pyx_slot_call(s->rev, b, a, mod);
    Py_RETURN_NOTIMPLEMENTED;
}

/* Slot wrappers (as CPython gives a type for its slots) for the half of an operator pair a
   class does not define, so that `C.__radd__` exists as in Cython. `wrapped` is the slot. */
static PyObject *pyx__wrap_binop(PyObject *self, PyObject *args, void *wrapped, int reflected) {
    PyObject *other;
    if (!PyArg_UnpackTuple(args, "", 1, 1, &other))
        return NULL;
    return reflected ? ((binaryfunc)wrapped)(other, self) : ((binaryfunc)wrapped)(self, other);
}
static PyObject *pyx_wrap_binop_l(PyObject *self, PyObject *args, void *wrapped) {
    return pyx__wrap_binop(self, args, wrapped, 0);
}
static PyObject *pyx_wrap_binop_r(PyObject *self, PyObject *args, void *wrapped) {
    return pyx__wrap_binop(self, args, wrapped, 1);
}
static PyObject *pyx__wrap_power(PyObject *self, PyObject *args, void *wrapped, int reflected) {
    PyObject *other, *mod = Py_None;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &mod))
        return NULL;
    return reflected ? ((ternaryfunc)wrapped)(other, self, mod) : ((ternaryfunc)wrapped)(self, other, mod);
}
static PyObject *pyx_wrap_power_l(PyObject *self, PyObject *args, void *wrapped) {
    return pyx__wrap_power(self, args, wrapped, 0);
}
static PyObject *pyx_wrap_power_r(PyObject *self, PyObject *args, void *wrapped) {
    return pyx__wrap_power(self, args, wrapped, 1);
}

/* Gives the type the slot wrapper `w` around `slot` unless it or a base has that method. */
static int pyx_ext_slot_wrapper(PyObject *type, struct wrapperbase *w, void *slot) {
    PyObject *d;
    int r;
    if (pyx__ext_mro_has(type, 0, w->name))
        return 0;
    d = PyDescr_NewWrapper((PyTypeObject *)type, w, slot);
    if (!d)
        return -1;
    r = PyObject_SetAttrString(type, w->name, d);
    Py_DECREF(d);
    return r;
}

/* `pow(a, b, mod)` reaching a `__pow__`/`__rpow__` that takes no modulus (`what` names it);
   the message is Cython's. */
static PyObject *pyx_pow_no_modulus(const char *what) {
    PyErr_Format(PyExc_TypeError, "%.200s() takes %zd arguments but %zd were given", what, (Py_ssize_t)3, (Py_ssize_t)2);
    return NULL;
}

/* A class's `__init__` called with the arguments of a vectorcall of the type. */
static int pyx_init_vector(pyx_fastcall_kw f, PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    Py_ssize_t total = n + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *small[8];
    PyObject **stack = small;
    if (1 + total > 8) {
        stack = (PyObject **)PyMem_Malloc((size_t)(1 + total) * sizeof(PyObject *));
        if (!stack) {
            PyErr_NoMemory();
            return -1;
        }
    }
    stack[0] = self;
    if (total)
        memcpy(stack + 1, args, (size_t)total * sizeof(PyObject *));
    PyObject *r = f(pyx_module, stack, 1 + n, kwnames);
    if (stack != small)
        PyMem_Free(stack);
    return pyx__init_result(r);
}

/* type.__call__ for a vectorcall: the arguments as a tuple and a dict. */
static PyObject *pyx_type_call_vector(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    PyObject *tuple = PyTuple_New(n);
    PyObject *kw = NULL, *r = NULL;
    if (!tuple)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(tuple, i, args[i]);
    }
    if (kwnames && PyTuple_GET_SIZE(kwnames)) {
        kw = PyDict_New();
        if (!kw)
            goto done;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++)
            if (PyDict_SetItem(kw, PyTuple_GET_ITEM(kwnames, i), args[n + i]) < 0)
                goto done;
    }
    r = PyType_Type.tp_call(type, tuple, kw);
done:
    Py_DECREF(tuple);
    Py_XDECREF(kw);
    return r;
}

/* tp_getattro from `__getattribute__` (or the generic lookup) and `__getattr__`, called when
   that raises AttributeError (NULL where the class has none), as Cython does. */
static PyObject *pyx_slot_getattro(pyx_fastcall_kw getattribute, pyx_fastcall_kw getattr, PyObject *self, PyObject *name) {
    PyObject *r = getattribute ? pyx_slot_call(getattribute, self, name, NULL) : PyObject_GenericGetAttr(self, name);
    if (r || !getattr || !PyErr_ExceptionMatches(PyExc_AttributeError))
        return r;
    PyErr_Clear();
    return pyx_slot_call(getattr, self, name, NULL);
}

/* tp_descr_set: `__set__(self, instance, value)`, or `__delete__(self, instance)` when `v` is
   NULL; NULL where the class lacks it (Cython's NotImplementedError). */
static int pyx_slot_descr_set(pyx_fastcall_kw set, pyx_fastcall_kw del, PyObject *self, PyObject *i, PyObject *v) {
    pyx_fastcall_kw f = v ? set : del;
    if (!f) {
        PyErr_SetString(PyExc_NotImplementedError, v ? "__set__" : "__delete__");
        return -1;
    }
    return pyx__slot_status(pyx_slot_call(f, self, i, v));
}
