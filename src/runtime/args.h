/* pyxc runtime: argument parsing for `def` functions called through METH_FASTCALL|METH_KEYWORDS.
 *
 * Assumes core.h (Python.h, pyx_likely/pyx_unlikely). Error messages follow Cython 3:
 *   f() takes exactly 3 positional arguments (4 given)
 *   f() takes at least 1 positional argument (0 given)      (some have defaults, or *args)
 *   f() takes at most 3 positional arguments (4 given)
 *   f() got an unexpected keyword argument 'd'
 *   f() got multiple values for keyword argument 'a'
 *   f() needs keyword-only argument k
 *   f() takes no arguments (1 given) / f() takes no keyword arguments   (no parameters at all)
 *   keywords must be strings
 * and are checked in Cython's order: too many positional arguments, too few for the required
 * positional-only parameters, non-string keywords, each keyword in turn, missing positional
 * arguments (the count "given" is the index of the first missing one), missing keyword-only
 * arguments.
 */

#ifndef PYX_UNUSED
#  if defined(__GNUC__) || defined(__clang__)
#    define PYX_UNUSED __attribute__((unused))
#  else
#    define PYX_UNUSED
#  endif
#endif
#ifndef PYX_COLD
#  if defined(__GNUC__) || defined(__clang__)
#    define PYX_COLD __attribute__((cold, noinline))
#  else
#    define PYX_COLD
#  endif
#endif

/* Defined in the runtime library (below under PYX_RT_IMPLEMENTATION). */
/* flags: PYX_ARGS_IMPLICIT_SELF for a cdef class's method (counts in messages leave `self`
   out); PYX_ARGS_CPYTHON for CPython 3.11's messages (a `.py` module; funcname is then the
   qualified name). */
#define PYX_ARGS_IMPLICIT_SELF 1
#define PYX_ARGS_CPYTHON 2
PYX_RT int pyx_parse_args(const char *funcname, PyObject *const *args, Py_ssize_t nargs,
                                     PyObject *kwnames, const char *const *params,
                                     Py_ssize_t nposonly, Py_ssize_t npos, Py_ssize_t nkwonly,
                                     Py_ssize_t nrequired_pos, const char *kwonly_required,
                                     PyObject **values, PyObject **varargs, PyObject **kwargs,
                                     int flags);

#ifdef PYX_RT_IMPLEMENTATION
/* Whether the UTF-8 C string `param` equals the `n` bytes at `s` (which may contain NULs). */
static inline int pyx__utf8_eq(const char *param, const char *s, Py_ssize_t n) {
    Py_ssize_t i;
    for (i = 0; i < n; i++) {
        if (param[i] != s[i] || param[i] == '\0')
            return 0;
    }
    return param[n] == '\0';
}

static PYX_COLD void pyx__args_count_error(const char *funcname, int exact_word, int at_least,
                                           Py_ssize_t expected, Py_ssize_t given) {
    PyErr_Format(PyExc_TypeError, "%.200s() takes %s %zd positional argument%s (%zd given)",
                 funcname, exact_word ? "exactly" : (at_least ? "at least" : "at most"),
                 expected, expected == 1 ? "" : "s", given);
}

/* Releases what pyx_parse_args created before it failed. */
static PYX_COLD int pyx__args_fail(PyObject **varargs, PyObject **kwargs) {
    if (varargs) Py_CLEAR(*varargs);
    if (kwargs) Py_CLEAR(*kwargs);
    return -1;
}

/* Parses a METH_FASTCALL|METH_KEYWORDS call. params: the C names (UTF-8) of the parameters in
   order: first npos positional-or-keyword ones (of which the first nposonly are positional-only),
   then nkwonly keyword-only ones. values[] (length npos+nkwonly) receives BORROWED references,
   NULL where the argument was not given (the caller applies defaults).
   nrequired_pos: how many leading positional parameters have no default. kwonly_required: an
   array of flags (length nkwonly, 1 = required) or NULL when none is required.
   If varargs != NULL, extra positional arguments are collected into a NEW tuple *varargs (the
   empty tuple if none); else too many positional arguments is a TypeError.
   If kwargs != NULL, keywords that name no parameter (or a positional-only one) go into a NEW
   dict *kwargs (empty if none); else they are a TypeError.
   Keyword names are compared with the parameter names by value (a str equal to the UTF-8 name).
   implicit_self is 1 for a cdef class's method: the counts in messages leave `self` out.
   Returns 0, or -1 with a TypeError set, *varargs and *kwargs NULL and no references leaked. */
static int pyx__parse_args(const char *funcname, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames, const char *const *params,
                           Py_ssize_t nposonly, Py_ssize_t npos, Py_ssize_t nkwonly,
                           Py_ssize_t nrequired_pos, const char *kwonly_required,
                           PyObject **values, PyObject **varargs, PyObject **kwargs,
                           int implicit_self) {
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t i, k;
    /* "exactly" when the positional count cannot vary: no defaults and no *args */
    int fixed = nrequired_pos == npos && varargs == NULL;

    if (varargs) *varargs = NULL;
    if (kwargs) *kwargs = NULL;

    /* A function without any parameter (CPython's METH_NOARGS wording). */
    if (npos == 0 && nkwonly == 0 && varargs == NULL && kwargs == NULL) {
        if (pyx_unlikely(nkw > 0)) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
            return -1;
        }
        if (pyx_unlikely(nargs > 0)) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments (%zd given)", funcname, nargs);
            return -1;
        }
        return 0;
    }

    /* Fast path: exactly the positional parameters, no keywords. */
    if (pyx_likely(nargs == npos && nkw == 0)) {
        for (i = 0; i < npos; i++)
            values[i] = args[i];
        for (i = 0; i < nkwonly; i++) {
            values[npos + i] = NULL;
            if (kwonly_required && kwonly_required[i]) {
                PyErr_Format(PyExc_TypeError, "%.200s() needs keyword-only argument %s", funcname,
                             params[npos + i]);
                return -1;
            }
        }
        if (varargs && !(*varargs = PyTuple_New(0)))
            return -1;
        if (kwargs && !(*kwargs = PyDict_New()))
            return pyx__args_fail(varargs, kwargs);
        return 0;
    }

    /* Positional arguments. */
    if (nargs > npos) {
        if (varargs == NULL) {
            pyx__args_count_error(funcname, fixed, 0, npos - implicit_self, nargs - implicit_self);
            return -1;
        }
        *varargs = PyTuple_New(nargs - npos);
        if (!*varargs)
            return -1;
        for (i = npos; i < nargs; i++) {
            Py_INCREF(args[i]);
            PyTuple_SET_ITEM(*varargs, i - npos, args[i]);
        }
    } else if (varargs) {
        if (!(*varargs = PyTuple_New(0)))
            return -1;
    }
    {
        Py_ssize_t ngiven = nargs < npos ? nargs : npos;
        for (i = 0; i < ngiven; i++)
            values[i] = args[i];
        for (i = ngiven; i < npos + nkwonly; i++)
            values[i] = NULL;
    }
    if (kwargs && !(*kwargs = PyDict_New()))
        return pyx__args_fail(varargs, kwargs);

    /* Required positional-only parameters cannot be given by keyword: too few positional
       arguments for them is reported before any keyword is looked at (as Cython does). */
    if (pyx_unlikely(nargs < (nposonly < nrequired_pos ? nposonly : nrequired_pos))) {
        pyx__args_count_error(funcname, fixed, 1, nrequired_pos - implicit_self, nargs - implicit_self);
        return pyx__args_fail(varargs, kwargs);
    }

    /* Keywords: all must be strings (checked before any is matched, as Cython does). */
    for (k = 0; k < nkw; k++) {
        if (pyx_unlikely(!PyUnicode_Check(PyTuple_GET_ITEM(kwnames, k)))) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return pyx__args_fail(varargs, kwargs);
        }
    }
    for (k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        PyObject *value = args[nargs + k];
        Py_ssize_t len;
        Py_ssize_t found = -1;
        const char *utf8 = PyUnicode_AsUTF8AndSize(key, &len);
        if (pyx_unlikely(utf8 == NULL)) {
            /* e.g. a lone surrogate: cannot equal any (valid UTF-8) parameter name */
            PyErr_Clear();
        } else {
            /* positional-only parameters cannot be given by keyword */
            for (i = nposonly; i < npos + nkwonly; i++) {
                if (pyx__utf8_eq(params[i], utf8, len)) {
                    found = i;
                    break;
                }
            }
        }
        if (found >= 0) {
            if (pyx_unlikely(values[found] != NULL)) {
                PyErr_Format(PyExc_TypeError, "%.200s() got multiple values for keyword argument '%U'",
                             funcname, key);
                return pyx__args_fail(varargs, kwargs);
            }
            values[found] = value;
        } else if (kwargs) {
            if (PyDict_SetItem(*kwargs, key, value) < 0)
                return pyx__args_fail(varargs, kwargs);
        } else {
            /* a positional-only name given by keyword is reported like an unknown one (Cython) */
            PyErr_Format(PyExc_TypeError, "%.200s() got an unexpected keyword argument '%U'", funcname,
                         key);
            return pyx__args_fail(varargs, kwargs);
        }
    }

    /* Missing arguments. */
    for (i = nargs; i < nrequired_pos; i++) {
        if (values[i] == NULL) {
            pyx__args_count_error(funcname, fixed, 1, nrequired_pos - implicit_self, i - implicit_self);
            return pyx__args_fail(varargs, kwargs);
        }
    }
    if (kwonly_required) {
        for (i = 0; i < nkwonly; i++) {
            if (kwonly_required[i] && values[npos + i] == NULL) {
                PyErr_Format(PyExc_TypeError, "%.200s() needs keyword-only argument %s", funcname,
                             params[npos + i]);
                return pyx__args_fail(varargs, kwargs);
            }
        }
    }
    return 0;
}

/* CPython's list of argument names: 'a'; 'a' and 'b'; 'a', 'b', and 'c'. */
static PYX_COLD PyObject *pyx__args_name_list(const char *const *names, Py_ssize_t n) {
    PyObject *r = PyUnicode_FromFormat("'%s'", names[0]);
    for (Py_ssize_t i = 1; r && i < n; i++) {
        const char *sep = i < n - 1 ? ", " : (n == 2 ? " and " : ", and ");
        PyObject *next = PyUnicode_FromFormat("%U%s'%s'", r, sep, names[i]);
        Py_DECREF(r);
        r = next;
    }
    return r;
}

/* "f() missing 2 required positional arguments: 'a' and 'b'" for the unset parameters among
   params[from..to) (only the required ones when `required` is given). Returns whether any. */
static PYX_COLD int pyx__args_missing(const char *funcname, const char *const *params,
                                      Py_ssize_t from, Py_ssize_t to, const char *required,
                                      PyObject **values, const char *kind) {
    const char *names[64];
    Py_ssize_t n = 0;
    for (Py_ssize_t i = from; i < to && n < 64; i++) {
        if (values[i] == NULL && (!required || required[i - from]))
            names[n++] = params[i];
    }
    if (n == 0)
        return 0;
    PyObject *list = pyx__args_name_list(names, n);
    if (list) {
        PyErr_Format(PyExc_TypeError, "%.200s() missing %zd required %s argument%s: %U", funcname,
                     n, kind, n == 1 ? "" : "s", list);
        Py_DECREF(list);
    }
    return 1;
}

/* "f() takes from 1 to 2 positional arguments but 3 were given", CPython's wording. */
static PYX_COLD void pyx__args_too_many(const char *funcname, Py_ssize_t npos,
                                        Py_ssize_t nrequired_pos, Py_ssize_t given,
                                        Py_ssize_t kwonly_given) {
    PyObject *sig = nrequired_pos < npos
        ? PyUnicode_FromFormat("from %zd to %zd", nrequired_pos, npos)
        : PyUnicode_FromFormat("%zd", npos);
    PyObject *kw = kwonly_given
        ? PyUnicode_FromFormat(" positional argument%s (and %zd keyword-only argument%s)",
                               given == 1 ? "" : "s", kwonly_given, kwonly_given == 1 ? "" : "s")
        : PyUnicode_FromString("");
    if (sig && kw)
        PyErr_Format(PyExc_TypeError, "%.200s() takes %U positional argument%s but %zd%U %s given",
                     funcname, sig, nrequired_pos < npos || npos != 1 ? "s" : "", given, kw,
                     given == 1 && !kwonly_given ? "was" : "were");
    Py_XDECREF(sig);
    Py_XDECREF(kw);
}

/* The index of the parameter among params[from..to) named `key`, or -1. */
static PYX_COLD Py_ssize_t pyx__args_find(PyObject *key, const char *const *params,
                                          Py_ssize_t from, Py_ssize_t to) {
    Py_ssize_t len;
    const char *utf8 = PyUnicode_AsUTF8AndSize(key, &len);
    if (!utf8) {
        PyErr_Clear();
        return -1;
    }
    for (Py_ssize_t i = from; i < to; i++) {
        if (pyx__utf8_eq(params[i], utf8, len))
            return i;
    }
    return -1;
}

/* CPython's error for positional-only parameters named by keywords (all of them, in one
   message), when some are. */
static PYX_COLD int pyx__args_posonly_by_keyword(const char *funcname, PyObject *kwnames,
                                                 const char *const *params, Py_ssize_t nposonly) {
    PyObject *names = PyList_New(0);
    for (Py_ssize_t k = 0; names && k < PyTuple_GET_SIZE(kwnames); k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        if (PyUnicode_Check(key) && pyx__args_find(key, params, 0, nposonly) >= 0 &&
            PyList_Append(names, key) < 0)
            Py_CLEAR(names);
    }
    PyObject *sep = names && PyList_GET_SIZE(names) ? PyUnicode_FromString(", ") : NULL;
    PyObject *joined = sep ? PyUnicode_Join(sep, names) : NULL;
    if (joined)
        PyErr_Format(PyExc_TypeError, "%.200s() got some positional-only arguments passed as "
                     "keyword arguments: '%U'", funcname, joined);
    Py_XDECREF(joined);
    Py_XDECREF(sep);
    Py_XDECREF(names);
    return joined != NULL;
}

/* The TypeError CPython 3.11 raises for a call pyx__parse_args refused: the arguments are
   bound again in CPython's order (keywords, then too many positional arguments, then missing
   positional and keyword-only ones) and the first problem is reported. */
static PYX_COLD void pyx__args_cpython_error(const char *funcname, Py_ssize_t nargs,
                                             PyObject *kwnames, const char *const *params,
                                             Py_ssize_t nposonly, Py_ssize_t npos,
                                             Py_ssize_t nkwonly, Py_ssize_t nrequired_pos,
                                             const char *kwonly_required, PyObject **values,
                                             int has_varargs, int has_kwargs, int self) {
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t i, k, kwonly_given = 0;
    for (i = 0; i < npos + nkwonly; i++)
        values[i] = i < nargs && i < npos ? Py_None : NULL;
    for (k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        Py_ssize_t found;
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "%.200s() keywords must be strings", funcname);
            return;
        }
        found = pyx__args_find(key, params, nposonly, npos + nkwonly);
        if (found < 0 && !has_kwargs) {
            if (!pyx__args_posonly_by_keyword(funcname, kwnames, params, nposonly))
                PyErr_Format(PyExc_TypeError, "%.200s() got an unexpected keyword argument '%S'",
                             funcname, key);
            return;
        }
        if (found >= 0 && values[found]) {
            PyErr_Format(PyExc_TypeError, "%.200s() got multiple values for argument '%S'",
                         funcname, key);
            return;
        }
        if (found >= 0)
            values[found] = Py_None;
    }
    for (i = npos; i < npos + nkwonly; i++)
        kwonly_given += values[i] != NULL;
    if (nargs > npos && !has_varargs) {
        pyx__args_too_many(funcname, npos - self, nrequired_pos - self, nargs - self, kwonly_given);
        return;
    }
    if (pyx__args_missing(funcname, params, nargs, nrequired_pos, NULL, values, "positional"))
        return;
    if (kwonly_required &&
        pyx__args_missing(funcname, params, npos, npos + nkwonly, kwonly_required, values,
                          "keyword-only"))
        return;
    PyErr_Format(PyExc_TypeError, "%.200s() got invalid arguments", funcname);
}

PYX_RT int pyx_parse_args(const char *funcname, PyObject *const *args, Py_ssize_t nargs,
                                     PyObject *kwnames, const char *const *params,
                                     Py_ssize_t nposonly, Py_ssize_t npos, Py_ssize_t nkwonly,
                                     Py_ssize_t nrequired_pos, const char *kwonly_required,
                                     PyObject **values, PyObject **varargs, PyObject **kwargs,
                                     int flags) {
    int self = (flags & PYX_ARGS_IMPLICIT_SELF) != 0;
    int r = pyx__parse_args(funcname, args, nargs, kwnames, params, nposonly, npos, nkwonly,
                            nrequired_pos, kwonly_required, values, varargs, kwargs, self);
    if (r < 0 && (flags & PYX_ARGS_CPYTHON) && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        pyx__args_cpython_error(funcname, nargs, kwnames, params, nposonly, npos, nkwonly,
                                nrequired_pos, kwonly_required, values, varargs != NULL,
                                kwargs != NULL, self);
    }
    return r;
}
#endif /* PYX_RT_IMPLEMENTATION */
