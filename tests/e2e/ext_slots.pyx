# Special methods of cdef classes that fill type slots as Cython 3 fills them: power with a
# modulus, attribute lookup hooks, descriptors, operator reflection.

cdef class Mod:
    """
    `**` passes None as the modulus; three-argument pow() reaches __rpow__ too.

    >>> Mod(2) ** 3
    ('pow', 2, 3, None)
    >>> pow(Mod(2), 3, 5)
    ('pow', 2, 3, 5)
    >>> 3 ** Mod(2)
    ('rpow', 2, 3, None)
    >>> pow(3, Mod(2), 7)
    ('rpow', 2, 3, 7)
    >>> m = Mod(1); m **= 4; m
    ('ipow', 1, 4, None)

    Only the modulus is an instance: no method runs (Cython would call __pow__ with an int
    as self).

    >>> pow(2, 3, Mod(1))
    Traceback (most recent call last):
    TypeError: unsupported operand type(s) for ** or pow(): 'int', 'int', 'ext_slots.Mod'
    """
    cdef int v
    def __init__(self, v):
        self.v = v
    def __pow__(self, other, mod):
        return ('pow', self.v, other, mod)
    def __rpow__(self, other, mod):
        return ('rpow', self.v, other, mod)
    def __ipow__(self, other, mod):
        return ('ipow', self.v, other, mod)


cdef class Square:
    """
    A __pow__ without modulus serves `**` but refuses pow() with three arguments.

    >>> Square() ** 2
    'squared'
    >>> pow(Square(), 2, 3)
    Traceback (most recent call last):
    TypeError: ext_slots.Square.__pow__() takes 3 arguments but 2 were given

    The reflection it does not define is the slot's wrapper, as CPython gives types.

    >>> Square.__rpow__
    <slot wrapper '__rpow__' of 'ext_slots.Square' objects>
    >>> Square.__rpow__(Square(), 2)
    NotImplemented
    """
    def __pow__(self, other):
        return 'squared'


cdef class Declines:
    """
    When __add__ declines, the reflected method runs even for two instances of the type.

    >>> Declines() + Declines()
    'radd'
    >>> 1 + Declines()
    'radd'
    """
    def __add__(self, other):
        return NotImplemented
    def __radd__(self, other):
        return 'radd'


cdef class Base:
    def __add__(self, other):
        return 'Base.add'
    def __radd__(self, other):
        return 'Base.radd'

cdef class ReflectedOnly(Base):
    """
    A class redefining only the reflection tries it first when both operands are its own.

    >>> ReflectedOnly() + ReflectedOnly()
    'ReflectedOnly.radd'
    >>> ReflectedOnly() + 1
    'Base.add'
    """
    def __radd__(self, other):
        return 'ReflectedOnly.radd'

cdef class Derived(Base):
    """
    A subclass that defines no operator shares its base's slot: the left operand's method
    runs.

    >>> Base() + Derived()
    'Base.add'
    >>> Derived() + Base()
    'Base.add'
    """


cdef class Lookup:
    """
    __getattribute__ replaces the normal lookup; __getattr__ runs when it raises
    AttributeError.

    >>> o = Lookup()
    >>> o.x, o.shout_hi, o.other
    (1, 'HI', 'missing other')
    >>> o.fail
    Traceback (most recent call last):
    KeyError: 'fail'
    >>> getattr(o, 'y', 'default')
    'missing y'

    The type's __getattribute__ includes the fallback, as Cython's does.

    >>> Lookup.__getattribute__(o, 'z')
    'missing z'
    """
    cdef public int x
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if name.startswith('shout_'):
            return name[6:].upper()
        if name == 'fail':
            raise KeyError(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return 'missing ' + name

cdef class LookupChild(Lookup):
    """
    >>> LookupChild().shout_yes, LookupChild().nothing
    ('YES', 'missing nothing')
    """

cdef class Fallback:
    def __getattr__(self, name):
        return 'Fallback ' + name

class PyFallback(Fallback):
    """
    A Python subclass's __getattr__ comes after the base's, as with Cython.

    >>> PyFallback().q
    'Fallback q'
    """
    def __getattr__(self, name):
        return 'PyFallback ' + name


cdef class Field:
    """
    A descriptor: __get__ (a missing instance or owner is None), __set__, __delete__.

    >>> h = Host()
    >>> h.f
    ('get', 'Host', 'Host')
    >>> Host.f
    ('get', 'NoneType', 'Host')
    >>> h.f = 5
    set 5
    >>> del h.f
    delete
    >>> Field().__get__(h)
    ('get', 'Host', None)
    """
    def __get__(self, instance, owner):
        return ('get', type(instance).__name__, owner.__name__ if owner is not None else None)
    def __set__(self, instance, value):
        print('set', value)
    def __delete__(self, instance):
        print('delete')

cdef class SetOnly:
    """
    The missing half of __set__/__delete__ raises NotImplementedError.

    >>> h = Host()
    >>> h.s = 1
    setonly 1
    >>> del h.s
    Traceback (most recent call last):
    NotImplementedError: __delete__
    >>> SetOnly().__delete__(h)
    Traceback (most recent call last):
    NotImplementedError: __delete__
    >>> h.d = 1
    Traceback (most recent call last):
    NotImplementedError: __set__
    >>> del h.d
    delonly
    """
    def __set__(self, instance, value):
        print('setonly', value)

cdef class DelOnly:
    def __delete__(self, instance):
        print('delonly')

class Host:
    f = Field()
    s = SetOnly()
    d = DelOnly()


cdef class Results:
    """
    Results convert as Cython's C return types of these slots: `__bool__` and
    `__contains__` give a C int, `__len__` and `__hash__` an index-sized integer.

    >>> bool(Results(2)), bool(Results(0)), 1 in Results(True)
    (True, False, True)
    >>> bool(Results([1]))
    Traceback (most recent call last):
    TypeError: an integer is required
    >>> 1 in Results(2**40)
    Traceback (most recent call last):
    OverflowError: value too large to convert to int
    >>> hash(Results(Index())), hash(Results(-1))
    (7, -2)
    >>> hash(Results(1.5))
    Traceback (most recent call last):
    TypeError: 'float' object cannot be interpreted as an integer
    >>> len(Results(Index()))
    7
    >>> len(Results(2**70))
    Traceback (most recent call last):
    OverflowError: Python int too large to convert to C ssize_t
    >>> len(Results(-1))
    Traceback (most recent call last):
    ValueError: __len__() should return >= 0
    """
    cdef object v
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
    def __contains__(self, item):
        return self.v
    def __len__(self):
        return self.v
    def __hash__(self):
        return self.v

class Index:
    def __index__(self):
        return 7


cdef class Counter:
    """
    A cpdef method's argument-count message leaves `self` out.

    >>> Counter().step()
    Traceback (most recent call last):
    TypeError: step() takes exactly 1 positional argument (0 given)
    """
    cpdef int step(self, int by):
        return by


cdef class Generic:
    """
    `__class_getitem__` is a class method without saying so.

    >>> Generic[int]
    ('Generic', <class 'int'>)
    """
    def __class_getitem__(cls, item):
        return (cls.__name__, item)


cdef class Hashable:
    def __hash__(self):
        return 3

cdef class Ordered(Hashable):
    """
    Any comparison defined without `__hash__` makes instances unhashable, as in Cython
    (whose types inherit `tp_hash` only together with `tp_richcompare`).

    >>> hash(Hashable()), Ordered.__hash__ is None
    (3, True)
    >>> hash(Ordered())
    Traceback (most recent call last):
    TypeError: unhashable type: 'ext_slots.Ordered'
    """
    def __lt__(self, other):
        return True
