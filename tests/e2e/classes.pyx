"""Python classes as the class statement makes them: metaclasses with __prepare__ and
keywords, __init_subclass__, class decorators, zero-argument super() and __class__."""
import functools

created = []


class Registry(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return {"from_prepare": name}

    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, ns)
        cls.options = kw
        created.append(name)
        return cls


class Plugin(metaclass=Registry, level=2):
    pass


class Child(Plugin):
    pass


def metaclasses():
    """The metaclass is inherited; keywords reach it; __prepare__ makes the namespace.

    >>> metaclasses()
    (['Plugin', 'Child'], {'level': 2}, {}, 'Child', 'Registry')
    """
    return created, Plugin.options, Child.options, Child.from_prepare, type(Child).__name__


def unpacked_bases_and_keywords():
    """A class statement unpacks `*bases` and `**keywords` as a call does:

    >>> unpacked_bases_and_keywords()
    (['Both', 'Plugin', 'Tagged', 'object'], {'level': 3}, 'blue')
    >>> repeated_keyword()
    Traceback (most recent call last):
    TypeError: got multiple values for keyword argument 'level'
    """
    more = (Tagged,)
    opts = {"level": 3}

    class Both(Plugin, *more, **opts):
        pass

    class Blue(*more, **{"tag": "blue"}):
        pass

    return [k.__name__ for k in Both.__mro__], Both.options, Blue.tag


def repeated_keyword():
    class Twice(metaclass=Registry, level=1, **{"level": 2}):
        pass


class Tagged:
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag


class Red(Tagged, tag="red"):
    pass


def mark(cls):
    cls.marked = True
    return cls


@mark
@functools.total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n


class Animal:
    def sound(self):
        return "..."


class Dog(Animal):
    def sound(self):
        return "woof " + super().sound()

    def kind(self):
        return __class__.__name__


def class_features():
    """
    >>> class_features()
    ('red', True, True, 'woof ...', 'Dog')
    """
    return Red.tag, Version.marked, Version(1) <= Version(2), Dog().sound(), Dog().kind()


def classes_in_a_loop():
    """Each execution of a class statement gets its own __class__ cell.

    >>> classes_in_a_loop()
    (['x0', 'x1'], True)
    """
    made = []
    for i in range(2):
        class Item(Animal):
            def sound(self):
                return super().sound()
        Item.label = "x%d" % i
        made.append(Item)
    return [c.label for c in made], made[0]().sound() == made[1]().sound() == "..."


import typing

T = typing.TypeVar('T')


class Box(typing.Generic[T]):
    def __init__(self, item):
        self.item = item


class Row(typing.NamedTuple):
    key: str
    count: int = 0


class Entries:
    """A base that is not a class but names classes (PEP 560's `__mro_entries__`)."""
    def __mro_entries__(self, bases):
        return (dict, Marked)


class Marked:
    pass


class Built(Entries()):
    pass


def resolved_bases():
    """Bases that are not classes are resolved through `__mro_entries__`; the written ones are
    kept as `__orig_bases__`.

    >>> for line in resolved_bases(): print(line)
    (('Generic',), True)
    (Row(key='a', count=0), ('key', 'count'))
    (['Built', 'dict', 'Marked', 'object'], True)
    False
    """
    return [
        (tuple(b.__name__ for b in Box.__bases__), Box.__orig_bases__[0] == typing.Generic[T]),
        (Row('a'), Row._fields),
        ([c.__name__ for c in Built.__mro__], isinstance(Built.__orig_bases__[0], Entries)),
        '__orig_bases__' in Marked.__dict__,
    ]


class Tables:
    """Comprehensions in a class body: their variables stay theirs (not class attributes), and
    as in Cython they read the names the class body has bound.

    >>> Tables.squares, Tables.scaled, Tables.grid, Tables.size
    ([0, 1, 4], [0, 3, 6], [[0, 1], [1, 2]], 3)
    >>> sorted(k for k in vars(Tables) if not k.startswith('__'))
    ['grid', 'scaled', 'size', 'squares']
    """
    size = 3
    squares = [size * size for size in range(size)]
    scaled = [n * size for n in range(size)]
    grid = [[i + j for j in range(2)] for i in range(2)]
