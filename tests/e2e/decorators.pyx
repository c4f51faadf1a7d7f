"""Decorators on def functions and methods, and names read in class bodies."""
import functools

order = []


def tag(name):
    order.append(name)
    def apply(f):
        order.append("apply " + name)
        return f
    return apply


def doubled(f):
    def wrapper(*args):
        return f(*args) * 2
    return wrapper


@tag("outer")
@tag("inner")
@doubled
def add(a, b):
    return a + b


def decorated():
    """Decorator expressions run top-down, then apply bottom-up.

    >>> decorated()
    (6, ['outer', 'inner', 'apply inner', 'apply outer'])
    """
    return add(1, 2), order


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def cached():
    """
    >>> cached()
    23416728348467685
    """
    return fib(80)


class Point:
    scale = 10
    doubled_scale = scale * 2

    def __init__(self, x):
        self._x = x

    @property
    def x(self):
        return self._x * Point.scale

    @x.setter
    def x(self, v):
        self._x = v

    @staticmethod
    def origin():
        return Point(0)

    @classmethod
    def name(cls):
        return cls.__name__


def methods():
    """property (with a setter), staticmethod, classmethod; class-body names.

    >>> methods()
    (30, 50, 0, 'Point', 20)
    """
    p = Point(3)
    first = p.x
    p.x = 5
    return first, p.x, Point.origin().x, p.name(), Point.doubled_scale


def logged(f):
    @functools.wraps(f)
    def wrapper(*args, **kw):
        return ("logged", f(*args, **kw))
    return wrapper


@logged
def greet(name):
    """Says hello."""
    return "hi " + name


def function_objects():
    """Compiled functions take attributes, so functools.wraps works; they pickle by name.

    >>> function_objects()
    (('logged', 'hi x'), 'greet', 'Says hello.', 'hi y', 'decorators', 7, True)
    """
    import pickle
    cached.extra = 7
    return (greet("x"), greet.__name__, greet.__doc__, greet.__wrapped__("y"),
            greet.__module__, cached.extra, pickle.loads(pickle.dumps(cached)) is cached)


def with_defaults(a, b=2, *, c=[], d) -> tuple:
    return a, b, c, d


def no_annotations():
    pass


def introspection():
    """__defaults__, __kwdefaults__ (the default objects themselves) and __annotations__.

    >>> introspection()
    ((2,), True, {'return': 'tuple'}, {})
    """
    return (with_defaults.__defaults__, with_defaults.__kwdefaults__["c"] is with_defaults(1, d=0)[2],
            with_defaults.__annotations__, no_annotations.__annotations__)
