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
>>> del r, e, c, h, a
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
