"""The Python object layer.

>>> build(1, 2)
([1, 2, 3], {'a': 1}, (1, 2))
>>> comp(4)
[0, 1, 4, 9]
>>> catch(lambda: int('x'))
'ValueError'
>>> catch(lambda: 7)
7
>>> Point(1, 2).total()
3
>>> unpack((1, 2, 3))
(1, [2], 3)
"""

def build(x, y):
    return [x, y, x + y], {'a': x}, (x, y)

def comp(n):
    return [i * i for i in range(n)]

def catch(f):
    try:
        return f()
    except (TypeError, ValueError) as e:
        return type(e).__name__

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def total(self):
        return self.x + self.y

def unpack(t):
    a, *b, c = t
    return a, b, c

def pair(it):
    """Unpacking takes exactly the items it needs: an endless iterator is not drained.

    >>> import itertools
    >>> pair([1, 2]), pair((3, 4)), pair(iter('xy')), pair({5: None, 6: None})
    ((1, 2), (3, 4), ('x', 'y'), (5, 6))
    >>> pair(itertools.count())
    Traceback (most recent call last):
    ValueError: too many values to unpack (expected 2)
    >>> pair([1])
    Traceback (most recent call last):
    ValueError: need more than 1 value to unpack
    >>> pair(iter([]))
    Traceback (most recent call last):
    ValueError: need more than 0 values to unpack
    >>> pair(3)
    Traceback (most recent call last):
    TypeError: cannot unpack non-iterable int object
    >>> seen = []
    >>> def noisy():
    ...     for i in range(5):
    ...         seen.append(i)
    ...         yield i
    >>> pair(noisy())
    Traceback (most recent call last):
    ValueError: too many values to unpack (expected 2)
    >>> seen
    [0, 1, 2]
    """
    a, b = it
    return a, b
