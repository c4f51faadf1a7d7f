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
