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
