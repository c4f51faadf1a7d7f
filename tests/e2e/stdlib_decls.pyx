# The .pxd files pyxc ships, one sample per group: libc, posix and CPython's C API.

from libc.time cimport tm, time_t, strftime, mktime, difftime, gmtime, CLOCKS_PER_SEC
from libc.signal cimport signal, raise_, SIGUSR1, SIG_DFL, sighandler_t, sig_atomic_t
from libc.stddef cimport ptrdiff_t
from libc.locale cimport setlocale, localeconv, lconv, LC_NUMERIC
from posix.unistd cimport getpid, pipe, read, write, close
from posix.time cimport timespec, clock_gettime, CLOCK_MONOTONIC, nanosleep
from posix.stat cimport struct_stat, stat, S_ISDIR, S_ISREG
from posix.types cimport pid_t
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_DECREF, Py_REFCNT
from cpython.bytes cimport PyBytes_FromStringAndSize, PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.dict cimport PyDict_GetItem, PyDict_SetItem, PyDict_Next
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM, PyTuple_GET_ITEM
from cpython.pycapsule cimport (PyCapsule_New, PyCapsule_GetPointer, PyCapsule_IsValid,
                                PyCapsule_GetName)
from cpython.version cimport PY_VERSION_HEX, PY_MAJOR_VERSION
from cpython.exc cimport PyErr_SetString, PyErr_Occurred, PyErr_Format
from cpython.long cimport PyLong_AsLong, PyLong_FromLong
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_READ_CHAR, PyUnicode_AsUTF8String
from cpython.iterator cimport PyIter_Next
from cpython.set cimport PySet_New, PySet_Add, PySet_Contains
from posix.dlfcn cimport *
from posix.mman cimport mmap, munmap, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FAILED
from cpython.object cimport (PyObject_CallFunctionObjArgs, Py_TYPE, PyObject_RichCompareBool,
                             Py_LT, PyObject_GetAttrString)
from cpython.pythread cimport (PyThread_type_lock, PyThread_allocate_lock, PyThread_free_lock,
                               PyThread_acquire_lock, PyThread_release_lock, WAIT_LOCK,
                               NOWAIT_LOCK)
cimport cpython
from cpython cimport PyTuple_GET_SIZE

import os, sys


def epoch_day():
    """A fixed broken-down time, formatted and converted.

    >>> epoch_day()
    (b'2001-02-03 04:05:06 (Sat)', 86400.0)
    """
    cdef tm t
    cdef char buf[64]
    t.tm_year = 101
    t.tm_mon = 1
    t.tm_mday = 3
    t.tm_hour = 4
    t.tm_min = 5
    t.tm_sec = 6
    t.tm_wday = 6
    t.tm_yday = 33
    t.tm_isdst = 0
    cdef size_t n = strftime(buf, sizeof(buf), b"%Y-%m-%d %H:%M:%S (%a)", &t)
    cdef tm later = t
    later.tm_mday = 4
    return buf[:n], difftime(mktime(&later), mktime(&t))


def gmtime_of_zero():
    """
    >>> gmtime_of_zero()
    (1970, 0, 1, 4)
    """
    cdef time_t zero = 0
    cdef tm *t = gmtime(&zero)
    return t.tm_year + 1900, t.tm_mon, t.tm_mday, t.tm_wday


cdef sig_atomic_t seen = 0

cdef void on_signal(int signum) noexcept nogil:
    global seen
    seen = signum


def raise_and_catch():
    """A C signal handler runs on raise().

    >>> raise_and_catch() == __import__('signal').SIGUSR1
    True
    """
    cdef sighandler_t old = signal(SIGUSR1, on_signal)
    raise_(SIGUSR1)
    signal(SIGUSR1, old)
    return seen


def decimal_point():
    """
    >>> decimal_point()
    b'.'
    """
    setlocale(LC_NUMERIC, b"C")
    return localeconv().decimal_point


def same_pid():
    """
    >>> same_pid() == os.getpid()
    True
    """
    cdef pid_t p = getpid()
    return p


def through_a_pipe(bytes data):
    """
    >>> through_a_pipe(b"hello")
    b'hello'
    """
    cdef int fds[2]
    cdef char buf[32]
    assert pipe(fds) == 0
    cdef ptrdiff_t n = write(fds[1], <char *>data, len(data))
    n = read(fds[0], buf, sizeof(buf))
    close(fds[0])
    close(fds[1])
    return buf[:n]


def monotonic_advances():
    """
    >>> monotonic_advances()
    True
    """
    cdef timespec a, b, pause
    pause.tv_sec = 0
    pause.tv_nsec = 2000000
    assert clock_gettime(CLOCK_MONOTONIC, &a) == 0
    nanosleep(&pause, NULL)
    assert clock_gettime(CLOCK_MONOTONIC, &b) == 0
    elapsed = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)
    return elapsed >= 2000000


def file_kind(bytes path):
    """
    >>> file_kind(os.path.dirname(os.__file__).encode())
    'dir'
    >>> file_kind(os.__file__.encode())
    'file'
    >>> file_kind(b"/no/such/path")
    'missing'
    """
    cdef struct_stat st
    if stat(path, &st) != 0:
        return 'missing'
    if S_ISDIR(st.st_mode):
        return 'dir'
    return 'file' if S_ISREG(st.st_mode) and st.st_size > 0 else 'other'


def filled_bytes(Py_ssize_t n):
    """An uninitialised bytes object, filled in place before anyone sees it.

    >>> filled_bytes(5)
    b'abcde'
    """
    b = PyBytes_FromStringAndSize(NULL, n)
    cdef char *p = PyBytes_AS_STRING(b)
    cdef Py_ssize_t i
    for i in range(PyBytes_GET_SIZE(b)):
        p[i] = 97 + i
    return b


def borrowed_lookup(d, key):
    """PyDict_GetItem borrows: no reference changes hands.

    >>> value = object()
    >>> d = {'k': value}
    >>> before = sys.getrefcount(value)
    >>> borrowed_lookup(d, 'k') is value
    True
    >>> sys.getrefcount(value) == before
    True
    >>> borrowed_lookup(d, 'missing') is None
    True
    """
    cdef PyObject *p = PyDict_GetItem(d, key)
    if p == NULL:
        return None
    return <object>p


def dict_items(dict d):
    """
    >>> dict_items({'a': 1, 'b': 2})
    [('a', 1), ('b', 2)]
    """
    cdef Py_ssize_t pos = 0
    cdef PyObject *k
    cdef PyObject *v
    out = []
    while PyDict_Next(d, &pos, &k, &v):
        out.append((<object>k, <object>v))
    return out


def pair(a, b):
    """PyTuple_SET_ITEM steals: each item gets its reference first.

    >>> x = object()
    >>> before = sys.getrefcount(x)
    >>> t = pair(x, 'y')
    >>> t == (x, 'y'), sys.getrefcount(x) == before + 1
    (True, True)
    >>> del t
    >>> sys.getrefcount(x) == before
    True
    """
    t = PyTuple_New(2)
    Py_INCREF(a)
    PyTuple_SET_ITEM(t, 0, a)
    Py_INCREF(b)
    PyTuple_SET_ITEM(t, 1, b)
    return t


def first_of(tuple t):
    """
    >>> first_of(('x', 'y'))
    'x'
    """
    return <object>PyTuple_GET_ITEM(t, 0)


cdef double payload = 2.5

def capsule_round_trip():
    """A C pointer through a capsule and back.

    >>> capsule_round_trip()
    (2.5, True, False, b'pyxc.payload')
    """
    cap = PyCapsule_New(&payload, b"pyxc.payload", NULL)
    cdef double *p = <double *>PyCapsule_GetPointer(cap, b"pyxc.payload")
    return p[0], PyCapsule_IsValid(cap, b"pyxc.payload"), PyCapsule_IsValid(cap, b"other"), PyCapsule_GetName(cap)


def wrong_capsule_name():
    """The name is checked on the way out.

    >>> wrong_capsule_name()
    Traceback (most recent call last):
    ...
    ValueError: PyCapsule_GetPointer called with incorrect name
    """
    cap = PyCapsule_New(&payload, b"pyxc.payload", NULL)
    PyCapsule_GetPointer(cap, b"pyxc.other")


def version_matches():
    """
    >>> version_matches() == (sys.hexversion, sys.version_info[0])
    True
    """
    return PY_VERSION_HEX, PY_MAJOR_VERSION


cdef int checked_half(int x) except -1:
    if x % 2:
        PyErr_SetString(ValueError, b"odd number")
        return -1
    return x // 2


cdef char *checked_name(int i) except NULL:
    if i < 0:
        PyErr_SetString(IndexError, b"negative index")
        return NULL
    return b"name"


def halves(int x):
    """An exception set with PyErr_SetString reaches Python through `except -1`.

    >>> halves(8)
    4
    >>> halves(7)
    Traceback (most recent call last):
    ...
    ValueError: odd number
    """
    return checked_half(x)


def names(int i):
    """... and through `except NULL`.

    >>> names(0)
    b'name'
    >>> names(-1)
    Traceback (most recent call last):
    ...
    IndexError: negative index
    """
    return checked_name(i)


def formatted(int n):
    """
    >>> formatted(3)
    Traceback (most recent call last):
    ...
    KeyError: 'item 3'
    """
    PyErr_Format(KeyError, b"item %d", n)


def no_error_pending():
    """
    >>> no_error_pending()
    True
    """
    return PyErr_Occurred() == NULL


def as_long(o):
    """
    >>> as_long(41)
    42
    >>> as_long(-1)
    0
    >>> as_long(2 ** 70)
    Traceback (most recent call last):
    ...
    OverflowError: Python int too large to convert to C long
    """
    return PyLong_FromLong(PyLong_AsLong(o) + 1)


def code_points(str s):
    """
    >>> code_points('aé€')
    [97, 233, 8364]
    >>> PyUnicode_AsUTF8String_of('é')
    b'\\xc3\\xa9'
    """
    return [<long>PyUnicode_READ_CHAR(s, i) for i in range(PyUnicode_GET_LENGTH(s))]


def PyUnicode_AsUTF8String_of(s):
    return PyUnicode_AsUTF8String(s)


def drain(it):
    """PyIter_Next returns a new reference, or NULL at the end.

    >>> drain(iter([1, 2, 3]))
    [1, 2, 3]
    >>> items = [object(), object()]
    >>> before = sys.getrefcount(items[0])
    >>> drain(iter(items)) == items, sys.getrefcount(items[0]) == before
    (True, True)
    """
    out = []
    cdef PyObject *p
    while True:
        p = PyIter_Next(it)
        if p == NULL:
            break
        out.append(<object>p)
        Py_DECREF(<object>p)
    return out


def set_ops():
    """
    >>> set_ops()
    (True, False, [1, 2])
    """
    s = PySet_New([2])
    PySet_Add(s, 1)
    return PySet_Contains(s, 1) == 1, PySet_Contains(s, 3) == 1, sorted(s)


def via_the_package(t):
    """`cimport cpython` and `from cpython cimport ...` reach every header's names.

    >>> via_the_package((1, 2, 3))
    (3, 3, True)
    """
    return PyTuple_GET_SIZE(t), cpython.PyTuple_Size(t), cpython.PyTuple_CheckExact(t)


def symbol_lookup():
    """A star cimport binds every declared name (dlopen, dlsym, RTLD_NOW, ...).

    >>> symbol_lookup()
    (True, True, True)
    """
    cdef void *h = dlopen(NULL, RTLD_NOW)
    found = h != NULL and dlsym(h, b"PyLong_FromLong") != NULL
    missing = dlsym(h, b"pyxc_no_such_symbol") == NULL and dlerror() != NULL
    return found, missing, dlclose(h) == 0


def object_protocol(f, x):
    """Calls with a NULL-terminated argument list, the type's C name, comparisons.

    >>> object_protocol(abs, -3)
    (3, b'int', True, 'int')
    """
    return (PyObject_CallFunctionObjArgs(f, <PyObject *>x, NULL), Py_TYPE(x).tp_name,
            PyObject_RichCompareBool(x, 0, Py_LT) == 1,
            PyObject_GetAttrString(type(x), b"__name__"))


def anonymous_map(size_t n):
    """Anonymous memory, written and read back (4096 = 7 * 585 + 1).

    >>> anonymous_map(4096)
    585
    """
    cdef void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    assert p != MAP_FAILED
    cdef unsigned char *mem = <unsigned char *>p
    cdef size_t i
    for i in range(n):
        mem[i] = i % 7
    cdef size_t ones = 0
    for i in range(n):
        ones += mem[i] == 1
    assert munmap(p, n) == 0
    return ones


def lock_states():
    """A held lock cannot be taken again without waiting.

    >>> lock_states()
    (1, 0, 1)
    """
    cdef PyThread_type_lock lock = PyThread_allocate_lock()
    assert lock != NULL
    first = PyThread_acquire_lock(lock, WAIT_LOCK)
    again = PyThread_acquire_lock(lock, NOWAIT_LOCK)
    PyThread_release_lock(lock)
    after = PyThread_acquire_lock(lock, NOWAIT_LOCK)
    PyThread_release_lock(lock)
    PyThread_free_lock(lock)
    return first, again, after
