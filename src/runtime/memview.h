/* Typed memoryviews. A slice (`pyx_mvslice`) is a plain struct: data pointer, shape and
 * strides, and the `pyx_memview` object that holds the buffer. Each live slice counts as one
 * acquisition of that object (an atomic count, so slices are copied and dropped without the
 * GIL); the acquisitions together own one reference to it, dropped with the last one. A
 * `memview` of NULL is the None slice. The compiler's refcount pass decides when slices are
 * acquired and released, exactly as it does for object references. */

#define PYX_MV_MAXDIM 8

typedef struct pyx_memview pyx_memview;

typedef struct {
    pyx_memview *memview;
    char *data;
    Py_ssize_t shape[PYX_MV_MAXDIM];
    Py_ssize_t strides[PYX_MV_MAXDIM];
} pyx_mvslice;

struct pyx_memview {
    PyObject_HEAD
    /* What this object exports (its own shape/strides arrays below). */
    Py_buffer view;
    /* The exporter's buffer this object acquired (released at deallocation). */
    Py_buffer source;
    int has_source;
    /* A view of part of another memview (returned to Python): the acquisition it holds. */
    pyx_mvslice parent;
    /* Memory this object allocated (a copy, a cython.view.array). */
    char *owned;
    /* `cython.view.array`'s C attributes: its memory (exported when set) and the function
       that frees it. */
    char *data;
    void (*callback_free_data)(void *);
    Py_ssize_t acquisitions;
    Py_ssize_t shape[PYX_MV_MAXDIM];
    Py_ssize_t strides[PYX_MV_MAXDIM];
    /* The item format (`fmt_inline` when short enough). */
    char *format;
    char fmt_inline[32];
};

#define PYX_MV_NONE ((pyx_mvslice){0})
/* The result of a failed slice operation (an exception is set). */
#define PYX_MV_ERROR ((pyx_mvslice){(pyx_memview *)1})
#define PYX_MV_FAILED(s) ((s).memview == (pyx_memview *)1)
/* A view field of a cdef class before its first assignment (Cython's "not initialized"),
   apart from the None slice. Only fields hold it: every read checks for it. */
#define PYX_MV_UNSET ((pyx_memview *)2)

/* Keeps a copy of the item format. */
static int pyx_mv_set_format(pyx_memview *m, const char *fmt) {
    size_t n = strlen(fmt);
    m->format = n < sizeof m->fmt_inline ? m->fmt_inline : (char *)PyMem_Malloc(n + 1);
    if (!m->format) {
        m->format = m->fmt_inline;
        m->fmt_inline[0] = 0;
        PyErr_NoMemory();
        return -1;
    }
    memcpy(m->format, fmt, n + 1);
    m->view.format = m->format;
    return 0;
}

/* Object items: the format names only `O` (after any byte order mark). */
static int pyx_mv_object_items(const pyx_memview *m) {
    const char *f = m->format;
    while (*f == '@' || *f == '=' || *f == '<')
        f++;
    return f[0] == 'O' && f[1] == 0;
}

/* One more acquisition of a slice's memview (never the first: the source slice holds one). */
static inline void pyx_mv_acquire(pyx_mvslice *s) {
    if (s->memview)
        __atomic_fetch_add(&s->memview->acquisitions, 1, __ATOMIC_RELAXED);
}

/* A copy of `s` holding its own acquisition. */
static inline pyx_mvslice pyx_mv_newref(pyx_mvslice s) {
    pyx_mv_acquire(&s);
    return s;
}

static inline void pyx_mv_release(pyx_mvslice *s) {
    pyx_memview *m = s->memview;
    s->memview = NULL;
    s->data = NULL;
    if (m && m != PYX_MV_UNSET && __atomic_sub_fetch(&m->acquisitions, 1, __ATOMIC_ACQ_REL) == 0) {
        PyGILState_STATE g = PyGILState_Ensure();
        Py_DECREF((PyObject *)m);
        PyGILState_Release(g);
    }
}

/* Raises an exception from code that may or may not hold the GIL. */
static void pyx_mv_raise(PyObject *type, const char *fmt, ...) {
    PyGILState_STATE g = PyGILState_Ensure();
    va_list va;
    va_start(va, fmt);
    PyErr_FormatV(type, fmt, va);
    va_end(va);
    PyGILState_Release(g);
}

/* A view variable starts unbound (declared, never assigned); reading it then raises. */
#define PYX_MV_UNBOUND ((pyx_mvslice){PYX_MV_UNSET})
static PYX_COLD int pyx_mv_unbound(const char *name) {
    pyx_mv_raise(PyExc_UnboundLocalError, "local variable '%s' referenced before assignment", name);
    return -1;
}
#define pyx_mv_check_bound(s, name) \
    (pyx_unlikely((s).memview == PYX_MV_UNSET) ? pyx_mv_unbound(name) : 0)

/* `i` as an index into an axis of length `n`: negative ones count from the end when `wrap`;
   -1 (with IndexError set) when out of bounds. */
static inline Py_ssize_t pyx_mv_index(Py_ssize_t i, Py_ssize_t n, int axis, int wrap) {
    if (wrap && i < 0)
        i += n;
    if (pyx_unlikely((size_t)i >= (size_t)n)) {
        pyx_mv_raise(PyExc_IndexError, "Out of bounds on buffer access (axis %d)", axis);
        return -1;
    }
    return i;
}

/* A read of a view field: -1 (AttributeError) while it is unset. */
static inline int pyx_mv_check_set(const pyx_mvslice *s) {
    if (pyx_unlikely(s->memview == PYX_MV_UNSET)) {
        pyx_mv_raise(PyExc_AttributeError, "Memoryview is not initialized");
        return -1;
    }
    return 0;
}

static PyTypeObject pyx_memview_type;
static PyTypeObject *pyx_mv_type(void);

static pyx_memview *pyx_mv_alloc(void) {
    PyTypeObject *t = pyx_mv_type();
    if (!t)
        return NULL;
    pyx_memview *m = (pyx_memview *)t->tp_alloc(t, 0);
    if (m)
        m->format = m->view.format = m->fmt_inline;
    return m;
}

/* A slice over the whole of what `m` exports; takes over the creation reference when `m`
   had no acquisition yet. */
static pyx_mvslice pyx_mv_whole(pyx_memview *m) {
    pyx_mvslice s = PYX_MV_NONE;
    s.memview = m;
    s.data = (char *)m->view.buf;
    for (int i = 0; i < m->view.ndim; i++) {
        s.shape[i] = m->view.shape[i];
        s.strides[i] = m->view.strides[i];
    }
    if (__atomic_fetch_add(&m->acquisitions, 1, __ATOMIC_RELAXED) > 0)
        Py_DECREF((PyObject *)m); /* the acquisitions already own a reference */
    return s;
}

static const char *pyx_mv_describe(char ch) {
    switch (ch) {
    case '?': return "'bool'";
    case 'c': return "'char'";
    case 'b': return "'signed char'";
    case 'B': return "'unsigned char'";
    case 'h': return "'short'";
    case 'H': return "'unsigned short'";
    case 'i': return "'int'";
    case 'I': return "'unsigned int'";
    case 'l': return "'long'";
    case 'L': return "'unsigned long'";
    case 'q': return "'long long'";
    case 'Q': return "'unsigned long long'";
    case 'f': return "'float'";
    case 'd': return "'double'";
    case 'g': return "'long double'";
    case 'T': return "a struct";
    case 'O': return "Python object";
    case 'P': return "a pointer";
    case 's': case 'p': return "a string";
    case 0: return "end";
    default: return "unparsable format string";
    }
}

/* `Zd`-style complex items: Python's buffer formats spell them as their real type after a
   'Z', and Cython names them 'complex double'. */
static const char *pyx_mv_describe_complex(char ch) {
    switch (ch) {
    case 'f': return "'complex float'";
    case 'd': return "'complex double'";
    case 'g': return "'complex long double'";
    default: return "unparsable format string";
    }
}

static char pyx_mv_group(char ch) {
    switch (ch) {
    case 'c': return 'H';
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n': return 'I';
    case '?': case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N': return 'U';
    case 'f': case 'd': case 'g': return 'R';
    case 'O': return 'O';
    case 'P': return 'P';
    default: return 0;
    }
}

static Py_ssize_t pyx_mv_native_size(char ch) {
    switch (ch) {
    case '?': case 'c': case 'b': case 'B': return 1;
    case 'h': case 'H': return sizeof(short);
    case 'i': case 'I': return sizeof(int);
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': return sizeof(long long);
    case 'n': case 'N': return sizeof(Py_ssize_t);
    case 'f': return sizeof(float);
    case 'd': return sizeof(double);
    case 'g': return sizeof(long double);
    case 'O': case 'P': return sizeof(void *);
    default: return 0;
    }
}

static Py_ssize_t pyx_mv_standard_size(char ch) {
    switch (ch) {
    case '?': case 'c': case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'l': case 'L': case 'f': return 4;
    case 'q': case 'Q': case 'd': return 8;
    default: return pyx_mv_native_size(ch);
    }
}

/* Checks a buffer's format against the item type (`group`: Cython's type group, 'I' signed,
   'U' unsigned, 'H' plain char, 'R' real, 'C' complex, 'O' object, 'T' a struct described by `fields`). */
static int pyx_mv_check_format(const char *fmt, const char *tname, char group, Py_ssize_t size) {
    if (!fmt)
        fmt = "B";
    int standard = 0;
    for (;; fmt++) {
        if (*fmt == '@') continue;
        if (*fmt == '=' || *fmt == '<') { standard = 1; continue; }
        if (*fmt == '>' || *fmt == '!') {
            PyErr_SetString(PyExc_ValueError, "Big-endian buffer not supported on little-endian compiler");
            return -1;
        }
        break;
    }
    if (*fmt == '1')
        fmt++;
    /* A complex item: group 'C', twice the size of its real type. */
    int cplx = *fmt == 'Z';
    if (cplx)
        fmt++;
    char ch = *fmt;
    char got = pyx_mv_group(ch);
    Py_ssize_t gsize = standard ? pyx_mv_standard_size(ch) : pyx_mv_native_size(ch);
    if (cplx) {
        got = got == 'R' ? 'C' : 0;
        gsize *= 2;
    }
    int ok = got && (got == group || ((got == 'H' || group == 'H') && (got == 'I' || got == 'U' || got == 'H'))) && gsize == size && fmt[1] == 0;
    if (!ok) {
        if (ch && fmt[1] != 0 && got)
            PyErr_Format(PyExc_ValueError, "Buffer dtype mismatch, expected '%s' but got a struct or several items", tname);
        else
            PyErr_Format(PyExc_ValueError, "Buffer dtype mismatch, expected '%s' but got %s", tname, cplx ? pyx_mv_describe_complex(ch) : pyx_mv_describe(ch));
        return -1;
    }
    return 0;
}

static int pyx_mv_is_contig(const Py_ssize_t *shape, const Py_ssize_t *strides, int ndim, Py_ssize_t itemsize, int fortran) {
    Py_ssize_t expected = itemsize;
    for (int k = 0; k < ndim; k++) {
        int i = fortran ? k : ndim - 1 - k;
        if (shape[i] == 0)
            return 1;
        if (shape[i] != 1 && strides[i] != expected)
            return 0;
        expected *= shape[i];
    }
    return 1;
}

/* One scalar of a struct item: Cython's type group, size and offset (a list ends with a 0
   group). */
typedef struct {
    char group;
    Py_ssize_t size;
    Py_ssize_t offset;
} pyx_mv_field;

/* Reads the scalars of a buffer format (`T{d:x:d:y:i:id:}`, `d`, `=i`) with their offsets;
   returns how many, or -1 for a format it cannot read. */
static int pyx_mv_parse_fields(const char **pf, pyx_mv_field *out, int max, int n, Py_ssize_t *offset, int nested) {
    const char *f = *pf;
    int standard = 0;
    while (*f) {
        char c = *f;
        if (c == '}') {
            if (!nested) return -1;
            *pf = f + 1;
            return n;
        }
        if (c == '@') { standard = 0; f++; continue; }
        if (c == '=' || c == '<') { standard = 1; f++; continue; }
        if (c == '>' || c == '!') return -2;
        if (c == ':') { /* a field name */
            const char *end = strchr(f + 1, ':');
            if (!end) return -1;
            f = end + 1;
            continue;
        }
        Py_ssize_t count = 1;
        if (c >= '0' && c <= '9') {
            count = 0;
            while (*f >= '0' && *f <= '9') count = count * 10 + (*f++ - '0');
            c = *f;
        }
        if (c == 'x') { *offset += count; f++; continue; }
        if (c == 'T' && f[1] == '{') {
            f += 2;
            for (Py_ssize_t k = 0; k < count; k++) {
                const char *start = f;
                n = pyx_mv_parse_fields(&f, out, max, n, offset, 1);
                if (n < 0) return n;
                if (k + 1 < count) f = start;
            }
            continue;
        }
        int cplx = c == 'Z';
        if (cplx)
            c = *++f;
        char g = pyx_mv_group(c);
        Py_ssize_t size = standard ? pyx_mv_standard_size(c) : pyx_mv_native_size(c);
        if (!g || !size || (cplx && g != 'R')) return -1;
        /* Aligned as its real type, a complex item is two of them. */
        if (!standard && *offset % size) *offset += size - *offset % size;
        if (cplx) {
            g = 'C';
            size *= 2;
        }
        for (Py_ssize_t k = 0; k < count; k++) {
            if (n >= max) return -1;
            out[n].group = g;
            out[n].size = size;
            out[n].offset = *offset;
            *offset += size;
            n++;
        }
        f++;
    }
    *pf = f;
    return nested ? -1 : n;
}

static int pyx_mv_check_struct(const char *fmt, const char *tname, const pyx_mv_field *want) {
    pyx_mv_field got[64];
    Py_ssize_t offset = 0;
    const char *f = fmt ? fmt : "B";
    int n = pyx_mv_parse_fields(&f, got, 64, 0, &offset, 0);
    if (n == -2) {
        PyErr_SetString(PyExc_ValueError, "Big-endian buffer not supported on little-endian compiler");
        return -1;
    }
    int k = 0;
    for (; n >= 0 && want[k].group && k < n; k++) {
        char a = want[k].group, b = got[k].group;
        int scalar = a != 'R' && b != 'R' && a != 'C' && b != 'C' && a != 'O' && b != 'O';
        int same = (a == b || ((a == 'H' || b == 'H') && scalar));
        if (!same || want[k].size != got[k].size || want[k].offset != got[k].offset)
            break;
    }
    if (n < 0 || want[k].group || k != n) {
        PyErr_Format(PyExc_ValueError, "Buffer dtype mismatch, expected '%s' but got '%s' (field %d differs)", tname, fmt ? fmt : "B", k);
        return -1;
    }
    return 0;
}

/* Binds a slice to `obj`'s buffer (None gives the None slice). `contig`: 0 strided, 1 C, 2
   Fortran; `writable`: the view's items are not const. */
static pyx_mvslice pyx_mv_from_object(PyObject *obj, const char *tname, char group, Py_ssize_t size,
                                      int ndim, int contig, int writable, const pyx_mv_field *fields) {
    if (obj == Py_None)
        return PYX_MV_NONE;
    pyx_memview *m = pyx_mv_alloc();
    if (!m)
        return PYX_MV_ERROR;
    int flags = PyBUF_FORMAT | (contig == 1 ? PyBUF_C_CONTIGUOUS : contig == 2 ? PyBUF_F_CONTIGUOUS : PyBUF_STRIDES);
    if (writable)
        flags |= PyBUF_WRITABLE;
    if (PyObject_GetBuffer(obj, &m->source, flags) < 0)
        goto bad;
    m->has_source = 1;
    Py_buffer *b = &m->source;
    if (b->ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "Buffer has wrong number of dimensions (expected %d, got %d)", ndim, b->ndim);
        goto bad;
    }
    if (fields ? pyx_mv_check_struct(b->format, tname, fields) < 0 : pyx_mv_check_format(b->format, tname, group, size) < 0)
        goto bad;
    if (b->itemsize != size) {
        PyErr_Format(PyExc_ValueError, "Item size of buffer (%zd bytes) does not match size of '%s' (%zd bytes)", b->itemsize, tname, size);
        goto bad;
    }
    for (int i = 0; i < ndim; i++) {
        m->shape[i] = b->shape ? b->shape[i] : b->len / size;
        if (b->suboffsets && b->suboffsets[i] >= 0) {
            PyErr_SetString(PyExc_ValueError, "Buffer with indirect dimensions is not supported");
            goto bad;
        }
    }
    if (b->strides) {
        for (int i = 0; i < ndim; i++)
            m->strides[i] = b->strides[i];
    } else {
        Py_ssize_t st = size;
        for (int i = ndim - 1; i >= 0; i--) {
            m->strides[i] = st;
            st *= m->shape[i];
        }
    }
    if (contig && !pyx_mv_is_contig(m->shape, m->strides, ndim, size, contig == 2)) {
        PyErr_SetString(PyExc_ValueError, contig == 1 ? "Buffer not C contiguous." : "Buffer not Fortran contiguous.");
        goto bad;
    }
    m->view = *b;
    m->view.obj = NULL;
    m->view.shape = m->shape;
    m->view.strides = m->strides;
    m->view.suboffsets = NULL;
    if (pyx_mv_set_format(m, b->format ? b->format : "B") < 0)
        goto bad;
    return pyx_mv_whole(m);
bad:
    Py_DECREF((PyObject *)m);
    return PYX_MV_ERROR;
}

/* An argument that must not be None. */
static int pyx_mv_arg_not_none(PyObject *obj, const char *name) {
    if (obj == Py_None) {
        PyErr_Format(PyExc_TypeError, "Argument '%s' must not be None", name);
        return -1;
    }
    return 0;
}

/* The item format and size a slice's memview carries. */
static inline Py_ssize_t pyx_mv_itemsize(const pyx_mvslice *s) {
    return s->memview ? s->memview->view.itemsize : 0;
}

/* Index items of a subview: kind 0 an integer (`a`), 1 a slice (`a:b:c`, with `has` bits 1, 2,
   4 for the parts given), 2 a new axis (None). */
#define PYX_MV_SPEC 5

static pyx_mvslice pyx_mv_subview(const pyx_mvslice *src, int ndim, int nitems, const Py_ssize_t *spec, int wrap, int check) {
    if (!src->memview) {
        pyx_mv_raise(PyExc_TypeError, "Cannot index None memoryview slice");
        return PYX_MV_ERROR;
    }
    pyx_mvslice r = PYX_MV_NONE;
    r.memview = src->memview;
    r.data = src->data;
    int in = 0, out = 0;
    for (int k = 0; k < nitems; k++) {
        const Py_ssize_t *it = spec + k * PYX_MV_SPEC;
        if (it[0] == 2) {
            r.shape[out] = 1;
            r.strides[out] = 0;
            out++;
            continue;
        }
        Py_ssize_t n = src->shape[in], st = src->strides[in];
        if (it[0] == 0) {
            Py_ssize_t i = it[1];
            if (wrap && i < 0)
                i += n;
            if (check && (size_t)i >= (size_t)n) {
                pyx_mv_raise(PyExc_IndexError, "Index out of bounds (axis %d)", in);
                return PYX_MV_ERROR;
            }
            r.data += i * st;
        } else {
            Py_ssize_t has = it[4];
            Py_ssize_t step = (has & 4) ? it[3] : 1;
            if (step == 0) {
                pyx_mv_raise(PyExc_ValueError, "Step may not be zero (axis %d)", in);
                return PYX_MV_ERROR;
            }
            Py_ssize_t start, stop;
            if (has & 1) {
                start = it[1];
                if (start < 0) { start += n; if (start < 0) start = step < 0 ? -1 : 0; }
                else if (start >= n) start = step < 0 ? n - 1 : n;
            } else {
                start = step < 0 ? n - 1 : 0;
            }
            if (has & 2) {
                stop = it[2];
                if (stop < 0) { stop += n; if (stop < 0) stop = step < 0 ? -1 : 0; }
                else if (stop >= n) stop = step < 0 ? n - 1 : n;
            } else {
                stop = step < 0 ? -1 : n;
            }
            Py_ssize_t len = 0;
            if (step < 0) {
                if (stop < start) len = (start - stop - 1) / (-step) + 1;
            } else if (start < stop) {
                len = (stop - start - 1) / step + 1;
            }
            if (len)
                r.data += start * st;
            r.shape[out] = len;
            r.strides[out] = st * step;
            out++;
        }
        in++;
    }
    for (; in < ndim; in++, out++) {
        r.shape[out] = src->shape[in];
        r.strides[out] = src->strides[in];
    }
    __atomic_fetch_add(&r.memview->acquisitions, 1, __ATOMIC_RELAXED);
    return r;
}

static inline pyx_mvslice pyx_mv_transpose(const pyx_mvslice *s, int ndim) {
    pyx_mvslice r = *s;
    for (int i = 0; i < ndim; i++) {
        r.shape[i] = s->shape[ndim - 1 - i];
        r.strides[i] = s->strides[ndim - 1 - i];
    }
    pyx_mv_acquire(&r);
    return r;
}

static int pyx_mv_is_contig_slice(const pyx_mvslice *s, int ndim, int fortran) {
    if (!s->memview)
        return 0;
    return pyx_mv_is_contig(s->shape, s->strides, ndim, s->memview->view.itemsize, fortran);
}

static void pyx_mv_copy_items(char *dst, const Py_ssize_t *dstrides, const char *src, const Py_ssize_t *sstrides,
                              const Py_ssize_t *shape, int ndim, Py_ssize_t itemsize) {
    if (ndim == 0) {
        memcpy(dst, src, (size_t)itemsize);
        return;
    }
    for (Py_ssize_t i = 0; i < shape[0]; i++)
        pyx_mv_copy_items(dst + i * dstrides[0], dstrides + 1, src + i * sstrides[0], sstrides + 1, shape + 1, ndim - 1, itemsize);
}

/* A new memview object owning zeroed contiguous memory (C or Fortran order). */
static pyx_memview *pyx_mv_new_owned(int ndim, const Py_ssize_t *shape, Py_ssize_t itemsize, const char *format, int fortran) {
    pyx_memview *m = pyx_mv_alloc();
    if (!m)
        return NULL;
    Py_ssize_t n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) {
            PyErr_Format(PyExc_ValueError, "Invalid shape in axis %d: %zd.", i, shape[i]);
            Py_DECREF((PyObject *)m);
            return NULL;
        }
        m->shape[i] = shape[i];
        if (shape[i] && n > PY_SSIZE_T_MAX / shape[i] / itemsize) {
            PyErr_NoMemory();
            Py_DECREF((PyObject *)m);
            return NULL;
        }
        n *= shape[i];
    }
    Py_ssize_t st = itemsize;
    for (int k = 0; k < ndim; k++) {
        int i = fortran ? k : ndim - 1 - k;
        m->strides[i] = st;
        st *= shape[i];
    }
    m->owned = (char *)PyMem_Calloc((size_t)(n ? n : 1), (size_t)itemsize);
    if (!m->owned) {
        Py_DECREF((PyObject *)m);
        PyErr_NoMemory();
        return NULL;
    }
    if (pyx_mv_set_format(m, format) < 0) {
        Py_DECREF((PyObject *)m);
        return NULL;
    }
    if (pyx_mv_object_items(m) && itemsize == (Py_ssize_t)sizeof(PyObject *)) {
        /* Object items start as None, never NULL. */
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_INCREF(Py_None);
            ((PyObject **)m->owned)[i] = Py_None;
        }
    }
    m->view.buf = m->owned;
    m->view.len = n * itemsize;
    m->view.itemsize = itemsize;
    m->view.readonly = 0;
    m->view.ndim = ndim;
    m->view.format = m->format;
    m->view.shape = m->shape;
    m->view.strides = m->strides;
    return m;
}

/* `.copy()` / `.copy_fortran()`: the items in fresh contiguous memory. */
static pyx_mvslice pyx_mv_copy(const pyx_mvslice *s, int ndim, int fortran) {
    if (!s->memview) {
        PyErr_SetString(PyExc_AttributeError, "'NoneType' object has no attribute 'copy'");
        return PYX_MV_ERROR;
    }
    Py_ssize_t itemsize = s->memview->view.itemsize;
    pyx_memview *m = pyx_mv_new_owned(ndim, s->shape, itemsize, s->memview->format, fortran);
    if (!m)
        return PYX_MV_ERROR;
    if (pyx_mv_object_items(m)) {
        Py_ssize_t n = m->view.len / itemsize;
        for (Py_ssize_t i = 0; i < n; i++)
            Py_CLEAR(((PyObject **)m->owned)[i]);
    }
    pyx_mv_copy_items(m->owned, m->strides, s->data, s->strides, s->shape, ndim, itemsize);
    if (pyx_mv_object_items(s->memview)) {
        Py_ssize_t n = m->view.len / itemsize;
        for (Py_ssize_t i = 0; i < n; i++)
            Py_XINCREF(((PyObject **)m->owned)[i]);
    }
    return pyx_mv_whole(m);
}

/* `dst[...] = src`: extents must match; overlapping memory is copied through a temporary. */
static int pyx_mv_copy_into(const pyx_mvslice *dst, const pyx_mvslice *src, int ndim) {
    if (!dst->memview || !src->memview) {
        pyx_mv_raise(PyExc_TypeError, "Cannot copy to or from a None memoryview slice");
        return -1;
    }
    for (int i = 0; i < ndim; i++) {
        if (dst->shape[i] != src->shape[i]) {
            pyx_mv_raise(PyExc_ValueError, "got differing extents in dimension %d (got %zd and %zd)", i, dst->shape[i], src->shape[i]);
            return -1;
        }
    }
    Py_ssize_t itemsize = dst->memview->view.itemsize;
    Py_ssize_t n = 1;
    for (int i = 0; i < ndim; i++)
        n *= src->shape[i];
    if (n == 0)
        return 0;
    if (pyx_mv_object_items(dst->memview)) {
        /* Object items: new references in, old ones out (through a temporary). */
        PyGILState_STATE g = PyGILState_Ensure();
        PyObject **tmp = (PyObject **)PyMem_Malloc((size_t)n * sizeof(PyObject *));
        if (!tmp) { PyErr_NoMemory(); PyGILState_Release(g); return -1; }
        Py_ssize_t cst[PYX_MV_MAXDIM], st = sizeof(PyObject *);
        for (int i = ndim - 1; i >= 0; i--) { cst[i] = st; st *= src->shape[i]; }
        pyx_mv_copy_items((char *)tmp, cst, src->data, src->strides, src->shape, ndim, itemsize);
        for (Py_ssize_t i = 0; i < n; i++) Py_XINCREF(tmp[i]);
        PyObject **old = (PyObject **)PyMem_Malloc((size_t)n * sizeof(PyObject *));
        if (old) pyx_mv_copy_items((char *)old, cst, dst->data, dst->strides, dst->shape, ndim, itemsize);
        pyx_mv_copy_items(dst->data, dst->strides, (char *)tmp, cst, src->shape, ndim, itemsize);
        if (old) { for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(old[i]); PyMem_Free(old); }
        PyMem_Free(tmp);
        PyGILState_Release(g);
        return 0;
    }
    char *tmp = (char *)malloc((size_t)(n * itemsize));
    if (!tmp) {
        pyx_mv_raise(PyExc_MemoryError, "out of memory copying a memoryview");
        return -1;
    }
    Py_ssize_t cst[PYX_MV_MAXDIM], st = itemsize;
    for (int i = ndim - 1; i >= 0; i--) {
        cst[i] = st;
        st *= src->shape[i];
    }
    pyx_mv_copy_items(tmp, cst, src->data, src->strides, src->shape, ndim, itemsize);
    pyx_mv_copy_items(dst->data, dst->strides, tmp, cst, src->shape, ndim, itemsize);
    free(tmp);
    return 0;
}

static void pyx_mv_fill_items(char *dst, const Py_ssize_t *strides, const Py_ssize_t *shape, int ndim, const void *item, Py_ssize_t itemsize) {
    if (ndim == 0) {
        memcpy(dst, item, (size_t)itemsize);
        return;
    }
    for (Py_ssize_t i = 0; i < shape[0]; i++)
        pyx_mv_fill_items(dst + i * strides[0], strides + 1, shape + 1, ndim - 1, item, itemsize);
}

/* `dst[...] = x` with a scalar: every item set to it. */
static int pyx_mv_fill(const pyx_mvslice *dst, int ndim, const void *item, Py_ssize_t itemsize) {
    if (!dst->memview) {
        pyx_mv_raise(PyExc_TypeError, "Cannot assign to a None memoryview slice");
        return -1;
    }
    pyx_mv_fill_items(dst->data, dst->strides, dst->shape, ndim, item, itemsize);
    return 0;
}

/* `dst[...] = obj` on an object view: every item set to a new reference to `obj`. */
static int pyx_mv_fill_object(const pyx_mvslice *dst, int ndim, PyObject *obj) {
    if (!dst->memview) {
        PyErr_SetString(PyExc_TypeError, "Cannot assign to a None memoryview slice");
        return -1;
    }
    Py_ssize_t n = 1;
    for (int i = 0; i < ndim; i++)
        n *= dst->shape[i];
    Py_ssize_t cst[PYX_MV_MAXDIM], st = sizeof(PyObject *);
    for (int i = ndim - 1; i >= 0; i--) { cst[i] = st; st *= dst->shape[i]; }
    PyObject **old = (PyObject **)PyMem_Malloc((size_t)(n ? n : 1) * sizeof(PyObject *));
    if (!old) { PyErr_NoMemory(); return -1; }
    pyx_mv_copy_items((char *)old, cst, dst->data, dst->strides, dst->shape, ndim, sizeof(PyObject *));
    for (Py_ssize_t i = 0; i < n; i++) Py_INCREF(obj);
    pyx_mv_fill_items(dst->data, dst->strides, dst->shape, ndim, &obj, sizeof(PyObject *));
    for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(old[i]);
    PyMem_Free(old);
    return 0;
}

/* An object item store: the item takes a new reference, the old one is released. */
static inline void pyx_mv_store_object(PyObject **slot, PyObject *v) {
    PyObject *old = *slot;
    Py_INCREF(v);
    *slot = v;
    Py_XDECREF(old);
}

/* A slice as a Python object: a memview object exporting exactly the slice (None for the
   None slice). */
static PyObject *pyx_mv_to_object(const pyx_mvslice *s, int ndim) {
    if (!s->memview)
        Py_RETURN_NONE;
    pyx_memview *base = s->memview;
    pyx_memview *m = pyx_mv_alloc();
    if (!m)
        return NULL;
    m->parent = *s;
    pyx_mv_acquire(&m->parent);
    Py_ssize_t n = 1;
    for (int i = 0; i < ndim; i++) {
        m->shape[i] = s->shape[i];
        m->strides[i] = s->strides[i];
        n *= s->shape[i];
    }
    if (pyx_mv_set_format(m, base->format) < 0) {
        Py_DECREF((PyObject *)m);
        return NULL;
    }
    m->view.buf = s->data;
    m->view.len = n * base->view.itemsize;
    m->view.itemsize = base->view.itemsize;
    m->view.readonly = base->view.readonly;
    m->view.ndim = ndim;
    m->view.format = m->format;
    m->view.shape = m->shape;
    m->view.strides = m->strides;
    return (PyObject *)m;
}

/* ---- the Python type ---- */

static void pyx_mv_dealloc(PyObject *o) {
    pyx_memview *m = (pyx_memview *)o;
    if (m->has_source)
        PyBuffer_Release(&m->source);
    if (m->callback_free_data) {
        m->callback_free_data(m->data);
        if (m->owned == m->data)
            m->owned = NULL; /* the callback frees it */
    }
    if (m->parent.memview)
        pyx_mv_release(&m->parent);
    if (m->owned) {
        if (pyx_mv_object_items(m)) {
            Py_ssize_t n = m->view.len / (Py_ssize_t)sizeof(PyObject *);
            for (Py_ssize_t i = 0; i < n; i++)
                Py_XDECREF(((PyObject **)m->owned)[i]);
        }
        PyMem_Free(m->owned);
    }
    if (m->format && m->format != m->fmt_inline)
        PyMem_Free(m->format);
    Py_TYPE(o)->tp_free(o);
}

static int pyx_mv_getbuffer(PyObject *o, Py_buffer *view, int flags) {
    pyx_memview *m = (pyx_memview *)o;
    if ((flags & PyBUF_WRITABLE) && m->view.readonly) {
        PyErr_SetString(PyExc_BufferError, "Buffer is read-only");
        return -1;
    }
    int ndim = m->view.ndim;
    if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && !pyx_mv_is_contig(m->shape, m->strides, ndim, m->view.itemsize, 1)) {
        PyErr_SetString(PyExc_BufferError, "memoryview is not Fortran contiguous");
        return -1;
    }
    if (((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS || (flags & PyBUF_STRIDES) != PyBUF_STRIDES) &&
        !pyx_mv_is_contig(m->shape, m->strides, ndim, m->view.itemsize, 0)) {
        PyErr_SetString(PyExc_BufferError, "memoryview is not C contiguous");
        return -1;
    }
    *view = m->view;
    if (m->data)
        view->buf = m->data;
    view->obj = Py_NewRef(o);
    view->format = (flags & PyBUF_FORMAT) ? m->format : NULL;
    view->shape = (flags & PyBUF_ND) ? m->shape : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? m->strides : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static PyObject *pyx_mv_tuple(const Py_ssize_t *v, int n) {
    PyObject *t = PyTuple_New(n);
    for (int i = 0; t && i < n; i++) {
        PyObject *x = PyLong_FromSsize_t(v[i]);
        if (!x) { Py_DECREF(t); return NULL; }
        PyTuple_SET_ITEM(t, i, x);
    }
    return t;
}

static PyObject *pyx_mv_get_shape(PyObject *o, void *c) { (void)c; return pyx_mv_tuple(((pyx_memview *)o)->shape, ((pyx_memview *)o)->view.ndim); }
static PyObject *pyx_mv_get_strides(PyObject *o, void *c) { (void)c; return pyx_mv_tuple(((pyx_memview *)o)->strides, ((pyx_memview *)o)->view.ndim); }
static PyObject *pyx_mv_get_suboffsets(PyObject *o, void *c) {
    (void)c;
    Py_ssize_t s[PYX_MV_MAXDIM];
    for (int i = 0; i < PYX_MV_MAXDIM; i++) s[i] = -1;
    return pyx_mv_tuple(s, ((pyx_memview *)o)->view.ndim);
}
static PyObject *pyx_mv_get_ndim(PyObject *o, void *c) { (void)c; return PyLong_FromLong(((pyx_memview *)o)->view.ndim); }
static PyObject *pyx_mv_get_itemsize(PyObject *o, void *c) { (void)c; return PyLong_FromSsize_t(((pyx_memview *)o)->view.itemsize); }
static PyObject *pyx_mv_get_nbytes(PyObject *o, void *c) { (void)c; return PyLong_FromSsize_t(((pyx_memview *)o)->view.len); }
static PyObject *pyx_mv_get_size(PyObject *o, void *c) {
    (void)c;
    pyx_memview *m = (pyx_memview *)o;
    return PyLong_FromSsize_t(m->view.itemsize ? m->view.len / m->view.itemsize : 0);
}
static PyObject *pyx_mv_get_base(PyObject *o, void *c) {
    (void)c;
    pyx_memview *m = (pyx_memview *)o;
    while (m->parent.memview)
        m = m->parent.memview;
    if (m->has_source && m->source.obj)
        return Py_NewRef(m->source.obj);
    return Py_NewRef((PyObject *)m);
}

static Py_ssize_t pyx_mv_len(PyObject *o) {
    pyx_memview *m = (pyx_memview *)o;
    return m->view.ndim ? m->shape[0] : 0;
}

/* The whole of a memview object as a slice (one acquisition of it). */
static pyx_mvslice pyx_mv_self_slice(pyx_memview *m) {
    pyx_mvslice whole = PYX_MV_NONE;
    whole.memview = m;
    whole.data = m->data ? m->data : (char *)m->view.buf;
    for (int i = 0; i < m->view.ndim; i++) {
        whole.shape[i] = m->shape[i];
        whole.strides[i] = m->strides[i];
    }
    if (__atomic_fetch_add(&m->acquisitions, 1, __ATOMIC_RELAXED) == 0)
        Py_INCREF((PyObject *)m);
    return whole;
}

/* `.T`, `.copy()`, `.copy_fortran()` of the Python object: new memview objects. */
static PyObject *pyx_mv_py_derive(PyObject *o, int what) {
    pyx_memview *m = (pyx_memview *)o;
    int ndim = m->view.ndim;
    pyx_mvslice whole = pyx_mv_self_slice(m);
    pyx_mvslice r = what == 0 ? pyx_mv_transpose(&whole, ndim) : pyx_mv_copy(&whole, ndim, what == 2);
    pyx_mv_release(&whole);
    if (PYX_MV_FAILED(r))
        return NULL;
    PyObject *res = pyx_mv_to_object(&r, ndim);
    pyx_mv_release(&r);
    return res;
}
static PyObject *pyx_mv_get_T(PyObject *o, void *c) { (void)c; return pyx_mv_py_derive(o, 0); }
static PyObject *pyx_mv_py_copy(PyObject *o, PyObject *unused) { (void)unused; return pyx_mv_py_derive(o, 1); }
static PyObject *pyx_mv_py_copy_fortran(PyObject *o, PyObject *unused) { (void)unused; return pyx_mv_py_derive(o, 2); }
static PyObject *pyx_mv_py_contig(PyObject *o, int fortran) {
    pyx_memview *m = (pyx_memview *)o;
    return PyBool_FromLong(pyx_mv_is_contig(m->shape, m->strides, m->view.ndim, m->view.itemsize, fortran));
}
static PyObject *pyx_mv_py_is_c_contig(PyObject *o, PyObject *unused) { (void)unused; return pyx_mv_py_contig(o, 0); }
static PyObject *pyx_mv_py_is_f_contig(PyObject *o, PyObject *unused) { (void)unused; return pyx_mv_py_contig(o, 1); }

static PyMethodDef pyx_mv_methods[] = {
    {"copy", pyx_mv_py_copy, METH_NOARGS, NULL},
    {"copy_fortran", pyx_mv_py_copy_fortran, METH_NOARGS, NULL},
    {"is_c_contig", pyx_mv_py_is_c_contig, METH_NOARGS, NULL},
    {"is_f_contig", pyx_mv_py_is_f_contig, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* A Python complex from a complex item (which Python's memoryview cannot read). */
static PyObject *pyx_mv_box_complex(char kind, const char *p) {
    if (kind == 'f') {
        float z[2];
        memcpy(z, p, sizeof z);
        return PyComplex_FromDoubles(z[0], z[1]);
    }
    if (kind == 'g') {
        long double z[2];
        memcpy(z, p, sizeof z);
        return PyComplex_FromDoubles((double)z[0], (double)z[1]);
    }
    double z[2];
    memcpy(z, p, sizeof z);
    return PyComplex_FromDoubles(z[0], z[1]);
}

/* The item type of a plain native format ("i", "@d", "Zd"): its struct character, with
   `*cplx` set for a complex item; 0 for anything else (standard sizes, structs, strings). */
static char pyx_mv_plain_item(const char *fmt, int *cplx) {
    while (fmt && *fmt == '@')
        fmt++;
    *cplx = fmt && *fmt == 'Z';
    if (*cplx)
        fmt++;
    if (!fmt || !fmt[0] || fmt[1])
        return 0;
    char ch = fmt[0];
    if (*cplx)
        return ch == 'f' || ch == 'd' || ch == 'g' ? ch : 0;
    return pyx_mv_native_size(ch) && ch != 'P' ? ch : 0;
}

/* A Python object from the item at `p`; NULL without an exception for a format that is not
   plain (the caller falls back to Python's memoryview). */
static PYX_COLD PyObject *pyx_mv_box_item(const char *fmt, const char *p) {
    int cplx;
    char ch = pyx_mv_plain_item(fmt, &cplx);
    if (cplx)
        return pyx_mv_box_complex(ch, p);
#define PYX_MV_READ(T) ({ T x_; memcpy(&x_, p, sizeof x_); x_; })
    switch (ch) {
    case 'b': return PyLong_FromLong(PYX_MV_READ(signed char));
    case 'h': return PyLong_FromLong(PYX_MV_READ(short));
    case 'i': return PyLong_FromLong(PYX_MV_READ(int));
    case 'l': return PyLong_FromLong(PYX_MV_READ(long));
    case 'q': return PyLong_FromLongLong(PYX_MV_READ(long long));
    case 'n': return PyLong_FromSsize_t(PYX_MV_READ(Py_ssize_t));
    case 'B': return PyLong_FromUnsignedLong(PYX_MV_READ(unsigned char));
    case 'H': return PyLong_FromUnsignedLong(PYX_MV_READ(unsigned short));
    case 'I': return PyLong_FromUnsignedLong(PYX_MV_READ(unsigned int));
    case 'L': return PyLong_FromUnsignedLong(PYX_MV_READ(unsigned long));
    case 'Q': return PyLong_FromUnsignedLongLong(PYX_MV_READ(unsigned long long));
    case 'N': return PyLong_FromSize_t(PYX_MV_READ(size_t));
    case 'c': return PyLong_FromLong(PYX_MV_READ(char));
    case '?': return PyBool_FromLong(PYX_MV_READ(unsigned char));
    case 'f': return PyFloat_FromDouble(PYX_MV_READ(float));
    case 'd': return PyFloat_FromDouble(PYX_MV_READ(double));
    case 'g': return PyFloat_FromDouble((double)PYX_MV_READ(long double));
    case 'O': {
        PyObject *o = PYX_MV_READ(PyObject *);
        return Py_NewRef(o ? o : Py_None);
    }
    default: return NULL;
    }
#undef PYX_MV_READ
}

/* Stores `v` into the item at `p`, converted as Cython's memoryview converts it (as for a C
   argument of the item type: a float truncated into an int item, TypeError, OverflowError).
   -2 without an exception for a format that is not plain. One conversion call per kind of
   item keeps this cold path small. */
static PYX_COLD int pyx_mv_pack_item(const char *fmt, char *p, PyObject *v) {
    int cplx;
    char ch = pyx_mv_plain_item(fmt, &cplx);
    if (cplx) {
        Py_complex z = PyComplex_AsCComplex(v);
        if (z.real == -1.0 && PyErr_Occurred())
            return -1;
        if (ch == 'f') { float w[2] = {(float)z.real, (float)z.imag}; memcpy(p, w, sizeof w); }
        else if (ch == 'g') { long double w[2] = {z.real, z.imag}; memcpy(p, w, sizeof w); }
        else { double w[2] = {z.real, z.imag}; memcpy(p, w, sizeof w); }
        return 0;
    }
    if (ch == 'O') {
        pyx_mv_store_object((PyObject **)p, v);
        return 0;
    }
    if (ch == '?') {
        int t = PyObject_IsTrue(v);
        if (t < 0)
            return -1;
        *(unsigned char *)p = (unsigned char)t;
        return 0;
    }
    if (ch == 'f' || ch == 'd' || ch == 'g') {
        double x = pyx_as_double(v);
        if (x == -1.0 && PyErr_Occurred())
            return -1;
        if (ch == 'f') { float f = (float)x; memcpy(p, &f, sizeof f); }
        else if (ch == 'g') { long double g = x; memcpy(p, &g, sizeof g); }
        else memcpy(p, &x, sizeof x);
        return 0;
    }
    /* Integers: the C type's range and name, then one conversion. */
    const char *name;
    long long lo = 0, hi = 0;
    unsigned long long umax = 0;
    switch (ch) {
    case 'b': name = "signed char"; lo = SCHAR_MIN; hi = SCHAR_MAX; break;
    case 'c': name = "char"; lo = CHAR_MIN; hi = CHAR_MAX; break;
    case 'h': name = "short"; lo = SHRT_MIN; hi = SHRT_MAX; break;
    case 'i': name = "int"; lo = INT_MIN; hi = INT_MAX; break;
    case 'l': name = "long"; lo = LONG_MIN; hi = LONG_MAX; break;
    case 'q': name = "long long"; lo = LLONG_MIN; hi = LLONG_MAX; break;
    case 'n': name = "Py_ssize_t"; lo = PY_SSIZE_T_MIN; hi = PY_SSIZE_T_MAX; break;
    case 'B': name = "unsigned char"; umax = UCHAR_MAX; break;
    case 'H': name = "unsigned short"; umax = USHRT_MAX; break;
    case 'I': name = "unsigned int"; umax = UINT_MAX; break;
    case 'L': name = "unsigned long"; umax = ULONG_MAX; break;
    case 'Q': name = "unsigned long long"; umax = ULLONG_MAX; break;
    case 'N': name = "size_t"; umax = SIZE_MAX; break;
    default: return -2;
    }
    unsigned long long bits;
    if (umax) {
        bits = pyx_as_ull(v, umax, name);
        if (bits == (unsigned long long)-1 && PyErr_Occurred())
            return -1;
    } else {
        long long x = pyx_as_ll(v, lo, hi, name);
        if (x == -1 && PyErr_Occurred())
            return -1;
        bits = (unsigned long long)x;
    }
    /* The value fits the item: store its low bytes at the item's width. */
    switch (pyx_mv_native_size(ch)) {
    case 1: { unsigned char t = (unsigned char)bits; memcpy(p, &t, 1); break; }
    case 2: { unsigned short t = (unsigned short)bits; memcpy(p, &t, 2); break; }
    case 4: { uint32_t t = (uint32_t)bits; memcpy(p, &t, 4); break; }
    default: { uint64_t t = (uint64_t)bits; memcpy(p, &t, 8); break; }
    }
    return 0;
}

/* What `obj[key]` designates: the sub-slice (`*out`, to release) and its number of axes (0
   for one item), with Cython's errors for a bad key. -1 with an exception set. */
static PYX_COLD int pyx_mv_key_slice(PyObject *o, PyObject *key, pyx_mvslice *out, int *out_ndim) {
    pyx_memview *m = (pyx_memview *)o;
    int ndim = m->view.ndim;
    PyObject *items = PyTuple_Check(key) ? Py_NewRef(key) : PyTuple_Pack(1, key);
    if (!items)
        return -1;
    Py_ssize_t n = PyTuple_GET_SIZE(items), consumed = 0, ellipses = 0, ints = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *it = PyTuple_GET_ITEM(items, k);
        if (it == Py_Ellipsis)
            ellipses++;
        else if (it != Py_None)
            consumed++;
        if (PyIndex_Check(it))
            ints++;
    }
    if (ellipses > 1) {
        Py_DECREF(items);
        PyErr_SetString(PyExc_IndexError, "an index can only have a single ellipsis");
        return -1;
    }
    if (consumed > ndim || n > PYX_MV_MAXDIM * 2) {
        /* Cython reports the first axis the view does not have. */
        Py_DECREF(items);
        PyErr_Format(PyExc_IndexError, "Out of bounds on buffer access (axis %d)", ndim);
        return -1;
    }
    Py_ssize_t spec[PYX_MV_SPEC * PYX_MV_MAXDIM * 2];
    int nitems = 0, nout = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *it = PyTuple_GET_ITEM(items, k);
        if (it == Py_Ellipsis) {
            for (Py_ssize_t e = 0; e < ndim - consumed; e++, nitems++, nout++) {
                Py_ssize_t *sp = spec + nitems * PYX_MV_SPEC;
                sp[0] = 1; sp[1] = sp[2] = sp[3] = sp[4] = 0;
            }
            continue;
        }
        Py_ssize_t *sp = spec + nitems * PYX_MV_SPEC;
        sp[1] = sp[2] = sp[3] = sp[4] = 0;
        if (it == Py_None) {
            sp[0] = 2;
            nout++;
        } else if (PySlice_Check(it)) {
            sp[0] = 1;
            sp[4] = 7;
            if (PySlice_Unpack(it, &sp[1], &sp[2], &sp[3]) < 0) {
                Py_DECREF(items);
                return -1;
            }
            nout++;
        } else if (PyIndex_Check(it)) {
            sp[0] = 0;
            sp[1] = PyNumber_AsSsize_t(it, PyExc_IndexError);
            if (sp[1] == -1 && PyErr_Occurred()) {
                Py_DECREF(items);
                return -1;
            }
            /* A full index names one item: Cython checks it as a buffer access (the slicing
               below would say "Index out of bounds"). */
            if (ints == ndim && n == ndim) {
                sp[1] = pyx_mv_index(sp[1], m->shape[nitems], nitems, 1);
                if (sp[1] < 0) {
                    Py_DECREF(items);
                    return -1;
                }
            }
        } else {
            PyErr_Format(PyExc_TypeError, "Cannot index with type '%R'", (PyObject *)Py_TYPE(it));
            Py_DECREF(items);
            return -1;
        }
        nitems++;
    }
    Py_DECREF(items);
    nout += (int)(ndim - consumed - (ellipses ? ndim - consumed : 0));
    if (nout > PYX_MV_MAXDIM) {
        PyErr_SetString(PyExc_IndexError, "too many dimensions for memoryview");
        return -1;
    }
    pyx_mvslice whole = pyx_mv_self_slice(m);
    *out = pyx_mv_subview(&whole, ndim, nitems, spec, 1, 1);
    pyx_mv_release(&whole);
    *out_ndim = nout;
    return PYX_MV_FAILED(*out) ? -1 : 0;
}

/* `obj[key]` from Python: an item (through Python's memoryview for formats that are not
   plain, such as structs), or a sub-view (slices, fewer indices, None, Ellipsis) as a new
   memview object. */
static PyObject *pyx_mv_getitem(PyObject *o, PyObject *key) {
    pyx_mvslice r;
    int out_ndim;
    if (pyx_mv_key_slice(o, key, &r, &out_ndim) < 0)
        return NULL;
    PyObject *res = out_ndim ? pyx_mv_to_object(&r, out_ndim)
                             : pyx_mv_box_item(((pyx_memview *)o)->format, r.data);
    pyx_mv_release(&r);
    if (!res && !PyErr_Occurred()) {
        PyObject *v = PyMemoryView_FromObject(o);
        if (!v)
            return NULL;
        res = PyObject_GetItem(v, key);
        Py_DECREF(v);
    }
    return res;
}

/* `dst` (of `ndim` axes) copied from `v`'s buffer, which must hold items of the same plain
   format (Cython's dtype and extent errors otherwise). */
static PYX_COLD int pyx_mv_assign_from_buffer(const pyx_mvslice *dst, int ndim, const char *fmt,
                                     Py_ssize_t itemsize, PyObject *v) {
    int cplx;
    char ch = pyx_mv_plain_item(fmt, &cplx);
    if (!ch) {
        PyErr_Format(PyExc_NotImplementedError, "memoryview: cannot assign to items of format '%s'", fmt);
        return -1;
    }
    const char *quoted = cplx ? pyx_mv_describe_complex(ch) : pyx_mv_describe(ch);
    char tname[32];
    snprintf(tname, sizeof tname, "%.*s", (int)strlen(quoted) - 2, quoted + 1);
    pyx_mvslice src = pyx_mv_from_object(v, tname, cplx ? 'C' : pyx_mv_group(ch), itemsize, ndim, 0, 0, NULL);
    if (PYX_MV_FAILED(src))
        return -1;
    int rc = pyx_mv_copy_into(dst, &src, ndim);
    pyx_mv_release(&src);
    return rc;
}

/* `obj[key] = v` from Python, as Cython's memoryview does it: an item converted to the item
   type, a sub-view filled with a scalar or copied from an object with a buffer of the same
   shape. Deletion is NotImplementedError. */
static PYX_COLD int pyx_mv_setitem(PyObject *o, PyObject *key, PyObject *v) {
    pyx_memview *m = (pyx_memview *)o;
    if (!v) {
        PyErr_Format(PyExc_NotImplementedError, "Subscript deletion not supported by %s", Py_TYPE(o)->tp_name);
        return -1;
    }
    if (m->view.readonly) {
        PyErr_SetString(PyExc_TypeError, "Cannot assign to read-only memoryview");
        return -1;
    }
    pyx_mvslice r;
    int out_ndim, rc;
    if (pyx_mv_key_slice(o, key, &r, &out_ndim) < 0)
        return -1;
    Py_ssize_t itemsize = m->view.itemsize;
    if (out_ndim && PyObject_CheckBuffer(v)) {
        rc = pyx_mv_assign_from_buffer(&r, out_ndim, m->format, itemsize, v);
    } else if (pyx_mv_object_items(m)) {
        rc = pyx_mv_fill_object(&r, out_ndim, v);
    } else {
        char small[64];
        char *item = itemsize <= (Py_ssize_t)sizeof small ? small : (char *)PyMem_Malloc((size_t)itemsize);
        rc = item ? pyx_mv_pack_item(m->format, item, v) : (PyErr_NoMemory(), -1);
        if (rc == -2)
            PyErr_Format(PyExc_NotImplementedError, "memoryview: cannot assign to items of format '%s'", m->format);
        if (rc == 0)
            rc = pyx_mv_fill(&r, out_ndim, item, itemsize);
        if (item != small)
            PyMem_Free(item);
    }
    pyx_mv_release(&r);
    return rc < 0 ? -1 : 0;
}

/* Iteration and `obj[i]` by position (rows of a 2-D view are views). */
static PyObject *pyx_mv_sq_item(PyObject *o, Py_ssize_t i) {
    PyObject *k = PyLong_FromSsize_t(i);
    if (!k)
        return NULL;
    PyObject *r = pyx_mv_getitem(o, k);
    Py_DECREF(k);
    return r;
}

static PyObject *pyx_mv_repr(PyObject *o) {
    PyObject *base = pyx_mv_get_base(o, NULL);
    if (!base)
        return NULL;
    PyObject *r = base == o ? PyUnicode_FromFormat("<MemoryView of 'array' at %p>", (void *)o)
                            : PyUnicode_FromFormat("<MemoryView of '%s' object>", Py_TYPE(base)->tp_name);
    Py_DECREF(base);
    return r;
}

/* `cython.view.array(shape, itemsize, format, mode='c', allocate_buffer=True)`. */
static PyObject *pyx_mv_new(PyTypeObject *t, PyObject *args, PyObject *kw) {
    (void)t;
    static char *names[] = {"shape", "itemsize", "format", "mode", "allocate_buffer", NULL};
    PyObject *shape;
    Py_ssize_t itemsize;
    const char *format, *mode = "c";
    int allocate = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Ons|sp:array", names, &shape, &itemsize, &format, &mode, &allocate))
        return NULL;
    PyObject *seq = PySequence_Tuple(shape);
    if (!seq)
        return NULL;
    Py_ssize_t ndim = PyTuple_GET_SIZE(seq), dims[PYX_MV_MAXDIM];
    if (ndim < 1 || ndim > PYX_MV_MAXDIM) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, ndim < 1 ? "Empty shape tuple for cython.array" : "Too many dimensions for cython.array (at most 8)");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ndim; i++) {
        dims[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(seq, i));
        if (dims[i] == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_DECREF(seq);
    int fortran = strcmp(mode, "fortran") == 0;
    if (!fortran && strcmp(mode, "c") != 0) {
        PyErr_Format(PyExc_ValueError, "Invalid mode, expected 'c' or 'fortran', got %s", mode);
        return NULL;
    }
    if (itemsize <= 0) {
        PyErr_SetString(PyExc_ValueError, "itemsize <= 0 for cython.array");
        return NULL;
    }
    pyx_memview *m = pyx_mv_new_owned((int)ndim, dims, itemsize, format, fortran);
    if (m && !allocate) {
        /* The caller sets `data` (and usually `callback_free_data`). */
        PyMem_Free(m->owned);
        m->owned = NULL;
        m->view.buf = NULL;
    } else if (m) {
        m->data = m->owned;
    }
    return (PyObject *)m;
}

static PyGetSetDef pyx_mv_getset[] = {
    {"shape", pyx_mv_get_shape, NULL, NULL, NULL},
    {"strides", pyx_mv_get_strides, NULL, NULL, NULL},
    {"suboffsets", pyx_mv_get_suboffsets, NULL, NULL, NULL},
    {"ndim", pyx_mv_get_ndim, NULL, NULL, NULL},
    {"itemsize", pyx_mv_get_itemsize, NULL, NULL, NULL},
    {"nbytes", pyx_mv_get_nbytes, NULL, NULL, NULL},
    {"size", pyx_mv_get_size, NULL, NULL, NULL},
    {"base", pyx_mv_get_base, NULL, NULL, NULL},
    {"T", pyx_mv_get_T, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyBufferProcs pyx_mv_as_buffer = {pyx_mv_getbuffer, NULL};
static PyMappingMethods pyx_mv_as_mapping = {pyx_mv_len, pyx_mv_getitem, pyx_mv_setitem};
static PySequenceMethods pyx_mv_as_sequence = {pyx_mv_len, NULL, NULL, pyx_mv_sq_item, NULL, NULL, NULL, NULL, NULL, NULL};

static PyTypeObject *pyx_mv_type(void) {
    static int ready = 0;
    if (!ready) {
        pyx_memview_type.tp_name = "pyxc.memoryview";
        pyx_memview_type.tp_basicsize = sizeof(pyx_memview);
        pyx_memview_type.tp_dealloc = pyx_mv_dealloc;
        pyx_memview_type.tp_repr = pyx_mv_repr;
        pyx_memview_type.tp_as_buffer = &pyx_mv_as_buffer;
        pyx_memview_type.tp_as_mapping = &pyx_mv_as_mapping;
        pyx_memview_type.tp_as_sequence = &pyx_mv_as_sequence;
        pyx_memview_type.tp_getset = pyx_mv_getset;
        pyx_memview_type.tp_methods = pyx_mv_methods;
        pyx_memview_type.tp_flags = Py_TPFLAGS_DEFAULT;
        pyx_memview_type.tp_new = pyx_mv_new;
        if (PyType_Ready(&pyx_memview_type) < 0)
            return NULL;
        ready = 1;
    }
    return &pyx_memview_type;
}

/* `v.suboffsets`: direct buffers only. As in Cython's slice struct, the first ndim entries are
   -1 and the rest 0: a view of `ndim` dimensions reads PYX_MV_SUBOFFSETS(ndim). */
static Py_ssize_t pyx_mv_suboffsets[2 * PYX_MV_MAXDIM] = {-1, -1, -1, -1, -1, -1, -1, -1};
#define PYX_MV_SUBOFFSETS(ndim) (pyx_mv_suboffsets + PYX_MV_MAXDIM - (ndim))

/* `<double[:n]>ptr`: a C-contiguous view over memory it does not own. */
static pyx_mvslice pyx_mv_from_pointer(void *p, int ndim, const Py_ssize_t *shape, Py_ssize_t itemsize, const char *format) {
    if (!p) {
        PyErr_SetString(PyExc_ValueError, "Cannot create cython.array from NULL pointer");
        return PYX_MV_ERROR;
    }
    pyx_memview *m = pyx_mv_alloc();
    if (!m)
        return PYX_MV_ERROR;
    Py_ssize_t st = itemsize, n = 1;
    for (int i = ndim - 1; i >= 0; i--) {
        if (shape[i] < 0) {
            PyErr_Format(PyExc_ValueError, "Invalid shape in axis %d: %zd.", i, shape[i]);
            Py_DECREF((PyObject *)m);
            return PYX_MV_ERROR;
        }
        m->shape[i] = shape[i];
        m->strides[i] = st;
        st *= shape[i];
        n *= shape[i];
    }
    if (pyx_mv_set_format(m, format) < 0) {
        Py_DECREF((PyObject *)m);
        return PYX_MV_ERROR;
    }
    m->view.buf = p;
    m->view.len = n * itemsize;
    m->view.itemsize = itemsize;
    m->view.ndim = ndim;
    m->view.format = m->format;
    m->view.shape = m->shape;
    m->view.strides = m->strides;
    return pyx_mv_whole(m);
}

/* Stores a slice (stolen) into a variable that owns its slice (a module global). */
static inline void pyx_mv_store(pyx_mvslice *dst, pyx_mvslice v) {
    pyx_mvslice old = *dst;
    *dst = v;
    pyx_mv_release(&old);
}
