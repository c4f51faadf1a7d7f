"""How calls of compiled `def` functions bind their arguments, and what they say when they
cannot (Cython's messages, in Cython's order)."""


def attempt(f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except TypeError as e:
        return str(e)


def split(a, b, /, c, *, d):
    return a, b, c, d


def defaulted(a, b=1, /, c=2, **rest):
    return a, b, c, rest


def positional_only_by_keyword():
    """Positional-only parameters left without a positional argument are reported first, even
    when keywords name them.

    >>> for line in positional_only_by_keyword(): print(line)
    (1, 2, 3, 4)
    split() takes exactly 3 positional arguments (0 given)
    split() takes exactly 3 positional arguments (1 given)
    split() got an unexpected keyword argument 'a'
    split() needs keyword-only argument d
    defaulted() takes at least 1 positional argument (0 given)
    (1, 1, 2, {'b': 5})
    (1, 2, 3, {'a': 0})
    """
    return [
        attempt(split, 1, 2, 3, d=4),
        attempt(split, a=1, b=2, c=3, d=4),
        attempt(split, 1, b=2, c=3, d=4),
        attempt(split, 1, 2, 3, a=0, d=4),
        attempt(split, 1, 2, 3),
        attempt(defaulted, b=5),
        attempt(defaulted, 1, b=5),
        attempt(defaulted, 1, 2, 3, a=0),
    ]


def annotated(x: int, y: str = 's', *more, flag=False, **options) -> list:
    pass


async def coroutine_function():
    pass


async def async_generator_function():
    yield 1


def generator_function():
    yield 1


class Holder:
    def method(self, a, b=1):
        pass


def signatures():
    """`inspect` reads compiled functions as it reads Python ones, through `__code__`.

    >>> for line in signatures(): print(line)
    (x: 'int', y: 'str' = 's', *more, flag=False, **options) -> 'list'
    (a, b, /, c, *, d)
    (self, a, b=1)
    (a, b=1)
    (p, q=2)
    (('x', 'y', 'flag', 'more', 'options'), 2, 1)
    """
    import inspect
    def inner(p, q=2):
        return p
    code = annotated.__code__
    return [
        str(inspect.signature(annotated)),
        str(inspect.signature(split)),
        str(inspect.signature(Holder.method)),
        str(inspect.signature(Holder().method)),
        str(inspect.signature(inner)),
        (code.co_varnames, code.co_argcount, code.co_kwonlyargcount),
    ]


def function_kinds():
    """
    >>> function_kinds()
    [(True, False, False), (False, True, False), (False, False, True), (False, False, False)]
    """
    import inspect
    return [(inspect.iscoroutinefunction(f), inspect.isasyncgenfunction(f),
             inspect.isgeneratorfunction(f))
            for f in [coroutine_function, async_generator_function, generator_function, split]]


def unpacked_argument_errors():
    """Errors in `*` and `**` arguments name the callable as CPython does (Cython 3.3.1 lets
    a repeated keyword through, the last value winning, and calls `f(**5)` not iterable).

    >>> for line in unpacked_argument_errors(): print(line)
    calls.split() got multiple values for keyword argument 'd'
    calls.split() got multiple values for keyword argument 'd'
    calls.split() argument after ** must be a mapping, not int
    calls.split() argument after * must be an iterable, not int
    """
    d = {'d': 4}
    return [
        attempt(lambda: split(1, 2, 3, **d, **{'d': 5})),
        attempt(lambda: split(1, 2, 3, d=4, **d)),
        attempt(lambda: split(1, 2, 3, **len('xyzw'))),
        attempt(lambda: split(*len('xyz'), d=4)),
    ]


def argument_order():
    """Positional arguments are evaluated before keyword ones, also a `*it` written after a
    keyword, as in CPython:

    >>> argument_order()
    ['first', 'starred', 'keyword', 'mapping']
    """
    seen = []
    def note(x):
        seen.append(x)
        return x
    def take(*args, **kwargs):
        return args, kwargs
    take(note('first'), k=note('keyword'), *[note('starred')], **{'m': note('mapping')})
    return seen
