"""Typed memoryviews over the standard library's buffers (array.array, bytearray, bytes):
binding, checks, indexing, slicing, copies, None views, C functions, nogil code, prange, and
the buffer being released on every path (array.array refuses to resize while exported)."""

cimport cython
from array import array
from cython.parallel cimport prange
from cython.view cimport array as cvarray


def int_sum(int[:] v):
    """
    >>> int_sum(array('i', [1, 2, 3, 4]))
    10
    >>> int_sum(array('i'))
    0
    """
    cdef int s = 0
    cdef Py_ssize_t k
    for k in range(v.shape[0]):
        s += v[k]
    return s


def binding_errors():
    """Cython's messages for a buffer that does not fit the view.

    >>> int_sum(array('d', [1.0]))
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'int' but got 'double'
    >>> int_sum([1, 2])
    Traceback (most recent call last):
    TypeError: a bytes-like object is required, not 'list'
    >>> grid_total(array('i', [1]))
    Traceback (most recent call last):
    ValueError: Buffer has wrong number of dimensions (expected 2, got 1)
    >>> bump(b'abc')
    Traceback (most recent call last):
    BufferError: Object is not writable.
    """


def bump(unsigned char[:] b):
    """
    >>> buf = bytearray(b'abc'); bump(buf); buf
    bytearray(b'bcd')
    """
    cdef Py_ssize_t k
    for k in range(len(b)):
        b[k] += 1


def read_only(const unsigned char[:] b):
    """A const view takes read-only buffers.

    >>> read_only(b'\\x01\\x02'), read_only(bytearray(b'\\x05'))
    (3, 5)
    """
    cdef int s = 0
    for k in range(b.shape[0]):
        s += b[k]
    return s


def at(double[:] v, Py_ssize_t k):
    """Negative indices count from the end; out of range is an IndexError naming the axis.

    >>> a = array('d', [1, 2, 3])
    >>> at(a, 0), at(a, -1)
    (1.0, 3.0)
    >>> at(a, 3)
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    >>> at(None, 0)
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    """
    return v[k]


@cython.wraparound(False)
def at_no_wrap(double[:] v, Py_ssize_t k):
    """
    >>> at_no_wrap(array('d', [1, 2]), -1)
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    """
    return v[k]


def grid(Py_ssize_t rows, Py_ssize_t cols):
    """A cython.view.array filled through a 2-D view.

    >>> m = grid(2, 3)
    >>> memoryview(m).tolist()
    [[0, 1, 2], [10, 11, 12]]
    >>> grid_total(m), grid_total(m, 1)
    (36, 33)
    """
    arr = cvarray(shape=(rows, cols), itemsize=sizeof(int), format='i')
    cdef int[:, ::1] g = arr
    cdef Py_ssize_t r, c
    for r in range(rows):
        for c in range(cols):
            g[r, c] = r * 10 + c
    return arr


def grid_total(int[:, :] g, Py_ssize_t first_row=0):
    cdef int s = 0
    cdef int[:, :] part = g[first_row:]
    for r in range(part.shape[0]):
        for c in range(part.shape[1]):
            s += part[r, c]
    return s


def slices(double[:] v):
    """Slices share memory; shape, strides and a transposed 2-D view.

    >>> a = array('d', range(6))
    >>> slices(a)
    (3, -16, -1.0, [0.0, -1.0, 2.0, -1.0, 4.0, -1.0])
    """
    cdef double[:] odd = v[1::2]
    cdef double[:] back = v[::-2]
    odd[:] = -1
    return odd.shape[0], back.strides[0], back[0], [v[k] for k in range(v.shape[0])]


def copies(double[:] v):
    """copy() is independent and C-contiguous; `a[:] = b` checks extents.

    >>> copies(array('d', [1, 2, 3]))
    (True, 1.0, 9.0)
    >>> copy_into(array('d', [0, 0]), array('d', [1, 2, 3]))
    Traceback (most recent call last):
    ValueError: got differing extents in dimension 0 (got 2 and 3)
    """
    cdef double[::1] c = v.copy()
    c[0] = 9
    return c.is_c_contig(), v[0], c[0]


def copy_into(double[:] dst, double[:] src):
    dst[:] = src


def none_views(double[:] v=None):
    """
    >>> none_views(), none_views(array('d', [1]))
    (True, False)
    >>> not_none(None)
    Traceback (most recent call last):
    TypeError: Argument 'v' must not be None
    """
    return v is None


def over_c_arrays():
    """A view of a C array shares its memory (no copy), one axis per dimension:

    >>> over_c_arrays()
    ([7, 1, 4, 9], 7, 12, (2, 3))
    """
    cdef int a[4]
    cdef int b[2][3]
    cdef int i, j
    for i in range(4):
        a[i] = i * i
    for i in range(2):
        for j in range(3):
            b[i][j] = i * 10 + j
    cdef int[:] v = a
    cdef int[:, ::1] w = b
    v[0] = 7
    return list(v), a[0], w[1, 2], (w.shape[0], w.shape[1])


def maybe_assigned(bint assign):
    """A view variable is unbound until assigned (None is a value it can be assigned):

    >>> maybe_assigned(True)
    True
    >>> maybe_assigned(False)
    Traceback (most recent call last):
    UnboundLocalError: local variable 'v' referenced before assignment
    """
    cdef double[:] v
    if assign:
        v = None
    return v is None


def not_none(double[:] v not None):
    return v.shape[0]


cdef double[:] middle(double[:] v):
    return v[1:-1]


def through_cdef(double[:] v):
    """A view returned by a cdef function points into the caller's buffer.

    >>> a = array('d', [1, 2, 3, 4])
    >>> through_cdef(a), a
    (2, array('d', [1.0, 0.0, 0.0, 4.0]))
    """
    cdef double[:] m = middle(v)
    m[:] = 0
    return m.shape[0]


cdef double total_nogil(const double[:] v) noexcept nogil:
    cdef double s = 0
    for k in range(v.shape[0]):
        s += v[k]
    return s


def nogil_use(double[:] v):
    """Views are passed, sliced and indexed without the GIL; a bounds error still raises.

    >>> nogil_use(array('d', [1, 2, 3, 4]))
    (10.0, 6.0)
    >>> nogil_use(array('d'))
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    """
    cdef double a, b
    with nogil:
        a = total_nogil(v)
        b = total_nogil(v[1::2])
        a += v[0] - v[0]
    return a, b


def parallel_sum(int[:] v):
    """
    >>> parallel_sum(array('i', range(100)))
    4950
    """
    cdef long s = 0
    cdef Py_ssize_t k
    for k in prange(v.shape[0], nogil=True):
        s += v[k]
    return s


def from_pointer():
    """`<int[:n]>p` views C memory.

    >>> from_pointer()
    (3, 6)
    """
    cdef int data[3]
    data[0], data[1], data[2] = 1, 2, 3
    cdef int[:] v = <int[:3]>data
    return v.shape[0], v[0] + v[1] + v[2]


def views_generator(double[:] v):
    """A generator keeps its view while suspended.

    >>> list(views_generator(array('d', [1, 2])))
    [1.0, 2.0]
    """
    for k in range(v.shape[0]):
        yield v[k]


def released_on_every_path():
    """The buffer is released after normal returns, errors and suspended generators dropped.

    >>> released_on_every_path()
    5
    """
    a = array('d', [1, 2, 3])
    int_sum_or_fail = at
    try:
        int_sum_or_fail(a, 10)
    except IndexError:
        pass
    slices(a)
    g = views_generator(a)
    next(g)
    del g
    a.append(4)
    cdef double[:] held = a
    try:
        a.append(5)
    except BufferError:
        held = None
    a.append(5)
    return len(a)


def to_python(double[:, :] m):
    """A view given to Python is a buffer-exporting object.

    >>> v = to_python(memoryview(array('d', range(6))).cast('B').cast('d', (2, 3)))
    >>> v.shape, v.strides, v.ndim, v.size, memoryview(v).tolist()
    ((3, 2), (8, 24), 2, 6, [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]])
    >>> v[2, 1], list(v[1]), [list(row) for row in v[::2]], v[:, None].shape
    (5.0, [1.0, 4.0], [[0.0, 3.0], [2.0, 5.0]], (3, 1, 2))
    >>> g = grid(2, 2); list(g[1]), g[0, 1]
    ([10, 11], 1)
    >>> v.T.shape, v.is_f_contig(), v.copy().is_c_contig(), memoryview(v.T.copy()).tolist()
    ((2, 3), True, True, [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
    >>> v[0, 0, 0]
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 2)
    >>> v[3, 0]
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    >>> v[0, 'a']
    Traceback (most recent call last):
    TypeError: Cannot index with type '<class 'str'>'
    """
    return m.T


def writable(x):
    """A view given to Python takes item assignments as Cython's does: converted to the item
    type, filling a sub-view with a scalar, or copying another buffer of the same shape.

    >>> m = memoryview(bytearray(24)).cast('i', (2, 3))
    >>> v = writable(m)
    >>> v[1, 2] = 7; v[-1, 0] = 2.9; m.tolist()
    [[0, 0, 0], [2, 0, 7]]
    >>> v[0] = 9; v[1, :2] = 4; m.tolist()
    [[9, 9, 9], [4, 4, 7]]
    >>> v[1] = memoryview(bytearray(12)).cast('i'); m.tolist()
    [[9, 9, 9], [0, 0, 0]]
    >>> v[...] = 5; m.tolist()
    [[5, 5, 5], [5, 5, 5]]
    >>> v[0, 0] = 'x'
    Traceback (most recent call last):
    TypeError: an integer is required
    >>> v[0, 0] = 2 ** 40
    Traceback (most recent call last):
    OverflowError: value too large to convert to int
    >>> v[2, 0] = 1
    Traceback (most recent call last):
    IndexError: Out of bounds on buffer access (axis 0)
    >>> v[0] = memoryview(bytearray(8)).cast('i')
    Traceback (most recent call last):
    ValueError: got differing extents in dimension 0 (got 3 and 2)
    >>> v[0] = array('d', [1, 2, 3])
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'int' but got 'double'
    >>> del v[0, 0]
    Traceback (most recent call last):
    NotImplementedError: Subscript deletion not supported by pyxc.memoryview
    >>> d = writable_doubles(array('d', [1.5, 2.5])); d[0] = 3; d[1] = 2 ** 70; list(d)
    [3.0, 1.1805916207174113e+21]
    >>> ro = read_only_doubles(memoryview(array('d', [0.0, 1.0])).toreadonly()); ro[0] = 1.0
    Traceback (most recent call last):
    TypeError: Cannot assign to read-only memoryview
    >>> read_only_doubles(b'\\x00' * 16)
    Traceback (most recent call last):
    ValueError: Buffer dtype mismatch, expected 'const double' but got 'unsigned char'
    """
    cdef int[:, :] a = x
    return a


def writable_doubles(double[:] a):
    return a


def read_only_doubles(const double[:] a):
    return a


def copies_are_views(int[:, :] a):
    """`b = a.copy()` makes `b` a view (as Cython infers it), so item writes are C stores.

    >>> m = memoryview(bytearray(16)).cast('i', (2, 2))
    >>> copies_are_views(m), m.tolist()
    ((0, 99, 'int[:, ::1]', 'int[::1, :]'), [[0, 0], [0, 0]])
    """
    b = a.copy()
    f = a.copy_fortran()
    b[0, 0] = 99
    return a[0, 0], b[0, 0], cython.typeof(b), cython.typeof(f)


cdef double pick(double[:] v, Py_ssize_t k) except? -1 nogil:
    return v[k]


def control_flow(a, int mode):
    cdef double[:] v = a
    cdef double[:] w
    cdef double r = 0
    try:
        w = v[1:]
        if mode == 0:
            return w[0]
        if mode == 1:
            raise KeyError(w[0])
        if mode == 2:
            for k in range(3):
                w = v[k:]
                if k == 1:
                    break
            return w[0]
        if mode == 3:
            with nogil:
                r = pick(v[::2], 10)
        if mode == 4:
            r = pick(v[1:], 0) + pick(v[2:], 5)
        if mode == 5:
            while True:
                w = v[::-1]
                try:
                    return w[0]
                finally:
                    w = None
        return r
    finally:
        v = None


def released_after(int mode):
    """Returns, raises, breaks and errors inside nogil code all give the buffer back (the
    array can grow afterwards).

    >>> [released_after(m) for m in range(6)]
    [2.0, 'KeyError', 2.0, 'IndexError', 'IndexError', 4.0]
    """
    a = array('d', [1, 2, 3, 4])
    try:
        r = control_flow(a, mode)
    except Exception as e:
        r = type(e).__name__
    a.append(5)
    return r


def captured(double[:] a):
    """Closures and generator expressions see a captured view (kept in its cell as the
    view's Python object), late-bound like any captured variable.

    >>> x = array('d', [1, 2, 3, 4])
    >>> captured(x), x
    ((10.0, -1.0, 3.0, 3), array('d', [1.0, -1.0, 3.0, 4.0]))
    >>> x.append(5)
    """
    total = sum(a[k] for k in range(a.shape[0]))
    cdef double[:] b = a[1:]

    def poke(Py_ssize_t k):
        b[k] = -1
        return b[0]
    first = poke(0)
    b = a
    cdef double[:] every_other = None

    def pick():
        nonlocal every_other
        every_other = a[::2]
    pick()
    return total, first, poke(1) + 2, every_other.shape[0] + 1


def view_geometry_lists(double[:, :] v):
    """shape, strides and suboffsets of a typed view are C arrays of the maximum rank, read as
    lists: suboffsets are -1 for the view's dimensions and 0 after, as in Cython.

    >>> import array
    >>> a = array.array('d', range(6))
    >>> shape, strides, sub = view_geometry_lists(memoryview(a).cast('B').cast('d', (2, 3)))
    >>> shape[:3], strides[:3], sub
    ([2, 3, 0], [24, 8, 0], [-1, -1, 0, 0, 0, 0, 0, 0])
    """
    return v.shape, v.strides, v.suboffsets
