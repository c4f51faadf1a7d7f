"""A plain Python module that its .pxd turns into C functions and an extension type.

>>> scale(3, 4)
12
>>> scale(2 ** 70, 1)
Traceback (most recent call last):
OverflowError: ...
>>> scale(3, 'x')
Traceback (most recent call last):
TypeError: ...
>>> halves(5)
2.5
>>> import sys
>>> hasattr(sys.modules[__name__], '_half')
False
>>> c = Counter('hits', 2)
>>> c.bump(), c.bump(), c.count, c.label, c.peek_twice()
(2, 4, 4, 'hits', (4, 4))
>>> c.count = 10
>>> c.bump()
12
>>> c.label = 'other'
Traceback (most recent call last):
AttributeError: ...
>>> c._step
Traceback (most recent call last):
AttributeError: ...
>>> c.anything = 1
Traceback (most recent call last):
AttributeError: ...
>>> class Doubler(Counter):
...     def bump(self):
...         return Counter.bump(self) * 2
>>> Doubler('d', 1).bump()
2
"""


def scale(value, factor):
    return value * factor


def _half(x):
    return x / 2


def halves(x):
    return _half(x)


class Counter:
    def __init__(self, label, step):
        self.label = label
        self._step = step
        self.count = 0

    def bump(self):
        self.count += self._step
        return self.count

    def peek(self):
        return self.count

    def peek_twice(self):
        return self.peek(), self.peek()
