"""Reference counts stay balanced across calls, errors and loops.

>>> import sys
>>> obj = object()
>>> before = sys.getrefcount(obj)
>>> for _ in range(1000):
...     r = churn(obj)
...     e = failing(obj)
...     c = closure(obj)(obj)
...     h = handled(obj)
...     a = augmented([[obj]], obj)
...     g = list(yielding(obj))
...     p = abandoned(obj)
...     u = yielding(obj)
...     w = driven(holding(obj))
...     q = sum(1 for _ in (obj, obj) if _ is obj)
...     b = borrowed(obj)
>>> del r, e, c, h, a, g, p, q, u, w, b
>>> sys.getrefcount(obj) - before
0
"""

def churn(x):
    items = [x, x, (x, x)]
    d = {'k': x}
    for it in items:
        y = it
    return len(items) + len(d)

def failing(x):
    try:
        return x + 1
    except TypeError as e:
        return None


def closure(x):
    """A closure's cells hold the captured values until the function goes away."""
    k = [x]
    def inner(y):
        return y, x, k
    return inner


def handled(x):
    """Handlers and exceptional finally bodies save and restore the handled exception."""
    try:
        try:
            raise ValueError(x)
        finally:
            y = x
    except ValueError as e:
        try:
            raise KeyError(x) from e
        except KeyError:
            return y


def augmented(items, x):
    items[0] += [x]
    return items


def yielding(x):
    """A generator's variables live in its frame while it is suspended."""
    cdef int i
    y = [x]
    for i in range(3):
        try:
            yield y[0]
        finally:
            z = x


def abandoned(x):
    """A generator dropped while suspended is closed and its frame released."""
    g = yielding(x)
    next(g)
    return 0


async def holding(x):
    """A coroutine's frame holds its variables across awaits."""
    y = [x]
    await _ready()
    return y


class _Ready:
    def __await__(self):
        yield None


def _ready():
    return _Ready()


def driven(coro):
    """Runs a coroutine by hand: the first send suspends it at the await, the second ends it."""
    coro.send(None)
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value


cdef object keep_and_return(object x, list into):
    """A C function's object parameters are borrowed: stored, returned or raised with, each
    takes its own reference."""
    into.append(x)
    if into is None:
        raise ValueError(x)
    return x


cdef int raising(object x) except -1:
    raise KeyError(x)


def borrowed(x):
    out = []
    y = keep_and_return(x, out)
    try:
        raising(x)
    except KeyError as k:
        pass
    return len(out) + (y is x)


def unpacked_item_refs(list xs):
    """A loop's item is released once stored in its targets, as CPython's loop pops it: an
    unpacked `(k, v)` tuple is referenced only by its container in the body (so a dict's
    items iterator can reuse its tuple).

    >>> import sys
    >>> def in_python(xs):
    ...     for k, v in xs:
    ...         return sys.getrefcount(xs[0])
    >>> xs = [(object(), object())]
    >>> unpacked_item_refs(xs) == in_python(xs)
    True
    """
    import sys
    for k, v in xs:
        return sys.getrefcount(xs[0])
