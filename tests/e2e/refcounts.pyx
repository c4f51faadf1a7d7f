"""Reference counts stay balanced across calls, errors and loops.

>>> import sys
>>> obj = object()
>>> before = sys.getrefcount(obj)
>>> for _ in range(1000):
...     r = churn(obj)
...     e = failing(obj)
>>> del r, e
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
