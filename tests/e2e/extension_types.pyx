# cython: language_level=3
"""Extension types (cdef class): fields, construction and destruction, C methods, inheritance,
Python subclasses, special methods, typed references and instance features."""

cimport cython
from cpython.buffer cimport PyBUF_ND, PyBUF_WRITABLE
from cpython.object cimport Py_EQ, Py_LT

events = []


cdef class Account:
    """Fields of each visibility, converted at the Python boundary.

    >>> a = Account('ann', 12)
    >>> a.owner, a.cents, a.frozen
    ('ann', 12, False)
    >>> a.cents = 40
    >>> a.cents
    40
    >>> a.cents = 2 ** 40
    Traceback (most recent call last):
    OverflowError: value too large to convert to int
    >>> a.cents = 'lots'
    Traceback (most recent call last):
    TypeError: an integer is required
    >>> a.owner = 'bob'
    Traceback (most recent call last):
    AttributeError: attribute 'owner' of '...Account' objects is not writable
    >>> a.secret
    Traceback (most recent call last):
    AttributeError: '...Account' object has no attribute 'secret'
    >>> a.history = (1,)
    Traceback (most recent call last):
    TypeError: Expected list, got tuple
    >>> a.history = None
    >>> del a.history
    >>> a.history is None, a.reveal()
    (True, 7)
    """
    cdef readonly str owner
    cdef public int cents
    cdef public bint frozen
    cdef public list history
    cdef long secret

    def __init__(self, owner, int cents):
        self.owner = owner
        self.cents = cents
        self.secret = 7

    def reveal(self):
        return self.secret


cdef class Lifecycle:
    """__cinit__ runs before __init__, with the same arguments; __dealloc__ runs once.

    >>> del events[:]
    >>> x = Lifecycle(1, k=2)
    >>> events
    [('cinit', (1,), {'k': 2}), ('init', 1)]
    >>> del x
    >>> events[-1]
    'dealloc'
    >>> Lifecycle(-1)
    Traceback (most recent call last):
    ValueError: negative
    """
    def __cinit__(self, *args, **kwargs):
        events.append(('cinit', args, kwargs))
        if args and args[0] < 0:
            raise ValueError('negative')

    def __init__(self, n, k=0):
        events.append(('init', n))

    def __dealloc__(self):
        events.append('dealloc')


cdef class Shape:
    """C methods are virtual; cpdef methods can be overridden by Python subclasses.

    >>> [s.describe() for s in (Shape(), Square(3), Circle())]
    ['shape 0.0', 'square 9.0', 'shape 3.0']
    >>> Shape().area_via_c(), Square(2).area_via_c()
    (0.0, 4.0)
    >>> Square.area(Square(5))
    25.0
    """
    cdef double side

    cdef str kind(self):
        return 'shape'

    cpdef double area(self):
        return 0.0

    def describe(self):
        return '%s %s' % (self.kind(), self.area())

    def area_via_c(self):
        return self.area()


cdef class Square(Shape):
    def __init__(self, side):
        self.side = side

    cdef str kind(self):
        return 'square'

    cpdef double area(self):
        return self.side * self.side


class Circle(Shape):
    def area(self):
        return 3.0

    def kind(self):
        return 'not used: kind is a C method'


cdef class Version:
    """Comparison through __richcmp__, arithmetic and containers through special methods.

    >>> Version(1, 2) < Version(1, 10), Version(2, 0) == Version(2, 0), Version(1, 0) == 'x'
    (True, True, False)
    >>> sorted([Version(2, 0), Version(1, 5)])
    [Version(1, 5), Version(2, 0)]
    >>> Version(1, 2) + 3, len(Version(4, 5)), list(Version(4, 5)), Version(4, 5)[1]
    (Version(1, 5), 2, [4, 5], 5)
    """
    cdef readonly int major, minor

    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __richcmp__(self, other, int op):
        if not isinstance(other, Version):
            return NotImplemented
        a = (self.major, self.minor)
        b = ((<Version>other).major, (<Version>other).minor)
        if op == Py_LT:
            return a < b
        if op == Py_EQ:
            return a == b
        return NotImplemented

    def __add__(self, int n):
        return Version(self.major, self.minor + n)

    def __len__(self):
        return 2

    def __getitem__(self, int i):
        return (self.major, self.minor)[i]

    def __iter__(self):
        yield self.major
        yield self.minor

    def __repr__(self):
        return 'Version(%d, %d)' % (self.major, self.minor)


def typed_reference(Shape s not None, Shape maybe=None):
    """A typed argument is checked (None allowed unless `not None`).

    >>> typed_reference(Square(2))
    ('square', None)
    >>> typed_reference(None)
    Traceback (most recent call last):
    TypeError: Argument 's' has incorrect type (expected ...Shape, got NoneType)
    >>> typed_reference(Version(1, 1))
    Traceback (most recent call last):
    TypeError: Argument 's' has incorrect type (expected ...Shape, got ...Version)
    """
    return s.kind(), maybe


@cython.nonecheck(True)
def through_none():
    """With nonecheck, fields and C methods reached through None raise AttributeError.

    >>> through_none()
    ['side', 'kind']
    """
    cdef Shape s = None
    out = []
    try:
        s.side
    except AttributeError as e:
        out.append(str(e).split("'")[-2])
    try:
        s.kind()
    except AttributeError as e:
        out.append(str(e).split("'")[-2])
    return out


cdef class Node:
    """Instances with object fields take part in garbage collection; features are opt-in.

    >>> import gc, weakref
    >>> a, b = Node(), Node()
    >>> a.other, b.other = b, a
    >>> r = weakref.ref(a)
    >>> del a, b
    >>> _ = gc.collect()
    >>> r() is None
    True
    >>> n = Node()
    >>> n.anything = 1
    >>> n.__dict__
    {'anything': 1}
    >>> n.__dict__ = {}
    Traceback (most recent call last):
    AttributeError: attribute '__dict__' of 'extension_types.Node' objects is not writable
    """
    cdef public object other
    cdef object __weakref__
    cdef dict __dict__


@cython.final
cdef class Sealed:
    """
    >>> class Sub(Sealed):
    ...     pass
    Traceback (most recent call last):
    TypeError: type '...Sealed' is not an acceptable base type
    >>> Sealed.x = 1
    Traceback (most recent call last):
    TypeError: cannot set 'x' attribute of immutable type '...Sealed'
    """


cdef class Temperature:
    """Properties, legacy property blocks and class attributes.

    >>> t = Temperature()
    >>> t.celsius = 100
    >>> t.fahrenheit, t.kelvin, Temperature.ZERO
    (212.0, 373.15, -273.15)
    >>> t.kelvin = 0
    >>> t.celsius
    -273.15

    Properties are getset descriptors, with Cython's errors for the missing accessors:

    >>> del t.celsius
    Traceback (most recent call last):
    NotImplementedError: __del__
    >>> t.fahrenheit = 1
    Traceback (most recent call last):
    AttributeError: attribute 'fahrenheit' of 'extension_types.Temperature' objects is not writable
    >>> t.reset
    Traceback (most recent call last):
    AttributeError: attribute 'reset' of 'extension_types.Temperature' objects is not readable
    >>> t.reset = 5
    Traceback (most recent call last):
    NotImplementedError: __set__
    >>> del t.reset; t.celsius
    0.0
    >>> type(Temperature.__dict__['celsius']).__name__, Temperature.celsius.__doc__
    ('getset_descriptor', 'In degrees Celsius.')
    """
    ZERO = -273.15
    cdef double c

    @property
    def fahrenheit(self):
        return self.c * 9 / 5 + 32

    property celsius:
        """In degrees Celsius."""
        def __get__(self):
            return self.c

        def __set__(self, double value):
            self.c = value

    property kelvin:
        def __get__(self):
            return self.c - self.ZERO

        def __set__(self, double value):
            self.c = value + self.ZERO

    property reset:
        def __del__(self):
            self.c = 0


def no_leaks():
    """Creating and dropping instances leaves no references behind.

    >>> no_leaks()
    True
    """
    import sys
    before = sys.getrefcount(Account), sys.getrefcount(Square), sys.getrefcount(Node)
    for i in range(1000):
        a = Account('x', i)
        s = Square(i)
        n = Node()
        n.other = [n]
        s.describe()
    del a, s, n
    import gc
    gc.collect()
    return (sys.getrefcount(Account), sys.getrefcount(Square), sys.getrefcount(Node)) == before


cdef class Stamp:
    """Instances pickle (and copy) with all their fields, private ones included.

    >>> import pickle, copy
    >>> s = Stamp('x', 3)
    >>> t = pickle.loads(pickle.dumps(s))
    >>> type(t) is Stamp, t.label, t.peek(), copy.deepcopy(s).peek()
    (True, 'x', 3, 3)
    >>> pickle.dumps(Raw())
    Traceback (most recent call last):
    TypeError: self.p,self.q cannot be converted to a Python object for pickling
    """
    cdef public str label
    cdef int count

    def __init__(self, label, count):
        self.label = label
        self.count = count

    def peek(self):
        return self.count


cdef class Raw:
    cdef int *p
    cdef void *q


cdef struct Span:
    int lo
    int hi


cdef class WithStruct:
    """A struct field blocks the automatic pickling unless the class asks for it; a C array
    field pickles as a list (Cython's rules).

    >>> import pickle
    >>> pickle.dumps(WithStruct())
    Traceback (most recent call last):
    TypeError: Pickling of struct members such as self.span must be explicitly requested with @auto_pickle(True)
    >>> pickle.dumps(Raw())
    Traceback (most recent call last):
    TypeError: self.p,self.q cannot be converted to a Python object for pickling
    >>> w = pickle.loads(pickle.dumps(PickledStruct(3, 9)))
    >>> w.parts()
    ({'lo': 3, 'hi': 9}, [3, 6, 9])
    """
    cdef Span span


@cython.auto_pickle(True)
cdef class PickledStruct:
    cdef Span span
    cdef long steps[3]

    def __init__(self, lo, hi):
        self.span.lo, self.span.hi = lo, hi
        self.steps[:] = [lo, (lo + hi) // 2, hi]

    def parts(self):
        return self.span, self.steps


cdef class Geometry:
    """Static C methods, and public array fields converted to and from sequences.

    >>> g = Geometry()
    >>> g.corners = (1, 2, 3)
    >>> g.corners, g.scaled(2)
    ([1, 2, 3], 12.0)
    >>> g.corners = [1]
    Traceback (most recent call last):
    IndexError: ...
    """
    cdef public int corners[3]

    @staticmethod
    cdef double twice(double x):
        return 2 * x

    def scaled(self, k):
        return Geometry.twice(k * (self.corners[0] + self.corners[1] + self.corners[2]) / 2)


cdef class Bytes4:
    """A buffer exporter: Python's memoryview and typed views read and write its memory.

    >>> b = Bytes4()
    >>> m = memoryview(b)
    >>> m.tolist(), m.format, b.exports
    ([0, 1, 2, 3], 'B', 1)
    >>> m[0] = 9
    >>> m.release()
    >>> b.exports, first(b)
    (0, 9)
    """
    cdef unsigned char data[4]
    cdef Py_ssize_t n
    cdef readonly int exports

    def __cinit__(self):
        cdef int i
        for i in range(4):
            self.data[i] = i
        self.n = 4

    def __getbuffer__(self, Py_buffer *view, int flags):
        view.buf = self.data
        view.obj = self
        view.len = 4
        view.readonly = 0
        view.itemsize = 1
        view.format = "B"
        view.ndim = 1
        view.shape = &self.n if flags & PyBUF_ND else NULL
        view.strides = NULL
        view.suboffsets = NULL
        view.internal = NULL
        self.exports += 1

    def __releasebuffer__(self, Py_buffer *view):
        self.exports -= 1


def first(unsigned char[:] v):
    return v[0]


cdef class Slots:
    """Special methods the type's C slots call directly, with CPython's checks on results;
    a Python subclass overriding one gets its own.

    >>> s = Slots([3, 1, 2])
    >>> len(s), s[0], s[-1], 2 in s, 9 in s, bool(s), bool(Slots([]))
    (3, 3, 2, True, False, True, False)
    >>> s[0] = 10; del s[1]; s.items
    [10, 2]
    >>> list(iter(s)), hash(s), repr(s), str(s), s(1, k=2)
    ([10, 2], 12, 'Slots([10, 2])', 'slots of 2', (1, 2))
    >>> -s, +s, abs(s), ~s, int(s), float(s), [0, 1, 2][Slots([1])]
    (-12, 12, 12, -13, 12, 12.0, 1)
    >>> Slots('bad')
    Traceback (most recent call last):
    TypeError: Argument 'items' has incorrect type (expected list, got str)
    >>> len(BadLen([]))
    Traceback (most recent call last):
    ValueError: __len__() should return >= 0
    >>> hash(BadLen([])), bool(BadLen([]))
    (0, True)
    >>> class Sub(Slots):
    ...     def __len__(self):
    ...         return 99
    >>> len(Sub([1])), Sub([1])[0]
    (99, 1)
    """
    cdef public list items

    def __init__(self, list items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __hash__(self):
        return sum(self.items)

    def __repr__(self):
        return f"Slots({self.items})"

    def __str__(self):
        return f"slots of {len(self.items)}"

    def __call__(self, a, k=0):
        return a, k

    def __neg__(self):
        return -sum(self.items)

    def __pos__(self):
        return sum(self.items)

    def __abs__(self):
        return abs(sum(self.items))

    def __invert__(self):
        return ~sum(self.items)

    def __int__(self):
        return sum(self.items)

    def __float__(self):
        return float(sum(self.items))

    def __index__(self):
        return sum(self.items)


cdef class BadLen(Slots):
    def __len__(self):
        return -1

    def __bool__(self):
        return 1


cdef class Money:
    """Operators and comparisons through direct slots, with Python's protocol: reflected
    operands, NotImplemented, `!=` from `==`, identity by default, in-place operators.

    >>> a, b = Money(5), Money(7)
    >>> (a + b).cents, (a + 1).cents, (2 + a).cents, (a - b).cents
    (12, 6, 7, -2)
    >>> a + 'x'
    Traceback (most recent call last):
    TypeError: unsupported operand type(s) for +: 'extension_types.Money' and 'str'
    >>> a == Money(5), a != Money(5), a != b, a < b, b <= a, a == 5
    (True, False, True, True, False, False)
    >>> a > b, a >= b
    (False, False)
    >>> a >= 5
    Traceback (most recent call last):
    TypeError: '>=' not supported between instances of 'extension_types.Money' and 'int'
    >>> c = a; c += 10; c.cents, a.cents
    (15, 15)
    >>> (Tagged(1) + Tagged(2)).cents, Tagged(1) == Tagged(1), Tagged(3) < Money(4)
    (3, True, True)
    >>> class Py(Money):
    ...     def __radd__(self, other):
    ...         return 'py radd'
    >>> Money(1) + Py(2), Py(1) == Money(1)
    ('py radd', True)
    """
    cdef public long cents

    def __init__(self, long cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if isinstance(other, Money):
            return Money(self.cents + (<Money>other).cents)
        return NotImplemented

    def __radd__(self, other):
        return self + other

    def __sub__(self, Money other):
        return Money(self.cents - other.cents)

    def __iadd__(self, long n):
        self.cents += n
        return self

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == (<Money>other).cents

    def __lt__(self, Money other):
        return self.cents < other.cents

    def __le__(self, Money other):
        return self.cents <= other.cents

    __hash__ = None


cdef class Tagged(Money):
    """A subclass adding one comparison: the others are still found on Money."""
    def __gt__(self, Money other):
        return self.cents > other.cents


@cython.freelist(4)
cdef class Pooled:
    """`@cython.freelist(4)`: freed instances are reused, fields start cleared, object fields
    are released, subclasses allocate normally.

    >>> class Tag: pass
    >>> import gc, sys, weakref
    >>> t = Tag(); r = weakref.ref(t)
    >>> items = [Pooled(i, t) for i in range(10)]
    >>> del items; _ = gc.collect()
    >>> sys.getrefcount(t)
    2
    >>> [(p.n, p.obj) for p in [Pooled(7), Pooled(8)]]
    [(7, None), (8, None)]
    >>> class Sub(Pooled): pass
    >>> s = Sub(3, t); s.n, type(s).__name__
    (3, 'Sub')
    >>> del s, t; _ = gc.collect(); r() is None
    True
    """
    cdef public int n
    cdef public object obj

    def __init__(self, n, obj=None):
        self.n = n
        self.obj = obj


cdef class Made:
    """Calling the type runs tp_new and __init__ without an argument tuple; messages count
    arguments without `self`, as Cython's; subclasses overriding __init__ take Python's path.

    >>> Made(1, 2).pair(), Made(b=4, a=3).pair(), Made(5).pair()
    ((1, 2), (3, 4), (5, 0))
    >>> Made()
    Traceback (most recent call last):
    TypeError: __init__() takes at least 1 positional argument (0 given)
    >>> Made(1, 2, 3)
    Traceback (most recent call last):
    TypeError: __init__() takes at most 2 positional arguments (3 given)
    >>> Made(1).pair(9)
    Traceback (most recent call last):
    TypeError: pair() takes exactly 0 positional arguments (1 given)
    >>> class Twice(Made):
    ...     def __init__(self, a):
    ...         super().__init__(a, 2 * a)
    >>> Twice(4).pair()
    (4, 8)
    """
    cdef int a, b

    def __init__(self, a, b=0):
        self.a = a
        self.b = b

    def pair(self):
        return self.a, self.b


cdef class Delegate:
    """`__getattr__` answers what the normal lookup does not find (fields, methods and
    class attributes first), through the type's slot.

    >>> d = Delegate({'colour': 'red'})
    >>> d.colour, d.kind, d.describe(), getattr(d, 'missing', 'default')
    ('red', 'delegate', 'a delegate', 'default')
    >>> d.missing
    Traceback (most recent call last):
    AttributeError: missing
    >>> class Sub(Delegate):
    ...     def __getattribute__(self, name):
    ...         return 'intercepted ' + name
    >>> Sub({}).colour
    'intercepted colour'
    """
    kind = 'delegate'
    cdef dict extra

    def __init__(self, dict extra):
        self.extra = extra

    def describe(self):
        return 'a delegate'

    def __getattr__(self, name):
        try:
            return self.extra[name]
        except KeyError:
            raise AttributeError(name)


def checked_cast(o):
    """`<T?>x` checks the type and, unlike an assignment, rejects None.

    >>> checked_cast(Square(3))
    'Square'
    >>> checked_cast(None)
    Traceback (most recent call last):
    TypeError: Cannot convert NoneType to extension_types.Square
    >>> checked_cast(3)
    Traceback (most recent call last):
    TypeError: Cannot convert int to extension_types.Square
    """
    cdef Square s = <Square?>o
    return type(s).__name__


cdef class FailingDealloc:
    """An exception in __dealloc__ is printed and handed to sys.unraisablehook, which is told
    where it happened.

    >>> import sys, io
    >>> seen, saved, err = [], sys.unraisablehook, sys.stderr
    >>> sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, u.object))
    >>> sys.stderr = io.StringIO()
    >>> try:
    ...     doomed = FailingDealloc()
    ...     del doomed
    ...     printed = sys.stderr.getvalue()
    ... finally:
    ...     sys.unraisablehook, sys.stderr = saved, err
    >>> seen, printed.strip().splitlines()[-1]
    ([('RuntimeError', 'extension_types.FailingDealloc.__dealloc__')], 'RuntimeError: gone')
    """
    def __dealloc__(self):
        raise RuntimeError("gone")
