"""`match` statements: each pattern kind, guards, bindings, and the errors CPython raises.

>>> [describe(v) for v in (0, 1, 'hi', None, True, 2.5)]
['zero', 'one', 'greeting', 'nothing', 'true', 'other 2.5']
>>> [shape(v) for v in ([], [1], (1, 2), [1, 2, 3, 4], 'ab', range(3))]
['empty', 'single 1', 'pair 1 2', 'first 1 last 4 middle [2, 3]', 'not a sequence', 'first 0 last 2 middle [1]']
>>> config({'mode': 'fast', 'level': 3, 'extra': 1}), config({'mode': 'slow'}), config([])
(('fast', 3, {'extra': 1}), 'slow only', 'unknown')
>>> [where(p) for p in (Point(0, 0), Point(0, 4), Point(3, 0), Point(1, 1), 'x')]
['origin', 'on y at 4', 'on x at 3', 'at 1,1', 'not a point']
>>> [kind(v) for v in (5, 'text', [1], 2.0)]
['int 5', 'str text', 'list of 1', 'something else']
>>> [sign(v) for v in (-3, 0, 7)]
['negative', 'zero', 'positive']
>>> import sys
>>> try:
...     called_non_class(1)
... except TypeError as e:
...     str(e) == ('called match pattern must be a ' + ('class' if sys.version_info >= (3, 12) else 'type'))
True
>>> alternatives('y'), alternatives('no'), alternatives('maybe')
(True, False, None)
>>> bound_names([1, [2, 3]])
(1, [2, 3], 3)
>>> too_many_positional(Point(1, 2))
Traceback (most recent call last):
TypeError: Point() accepts 2 positional sub-patterns (3 given)
>>> Point.__annotations__
{'x': 'int', 'y': 'int'}
"""
import dataclasses


def describe(v):
    match v:
        case 0:
            return 'zero'
        case 1 if v is not True:
            return 'one'
        case 'hi':
            return 'greeting'
        case None:
            return 'nothing'
        case True:
            return 'true'
        case other:
            return 'other %r' % other


def shape(seq):
    match seq:
        case []:
            return 'empty'
        case [x]:
            return 'single %r' % x
        case [a, b]:
            return 'pair %r %r' % (a, b)
        case [first, *middle, last]:
            return 'first %r last %r middle %r' % (first, last, middle)
        case _:
            return 'not a sequence'


def config(c):
    match c:
        case {'mode': 'slow'}:
            return 'slow only'
        case {'mode': mode, 'level': int(level), **rest}:
            return mode, level, rest
        case _:
            return 'unknown'


@dataclasses.dataclass
class Point:
    x: int
    y: int


def where(p):
    match p:
        case Point(x=0, y=0):
            return 'origin'
        case Point(0, y):
            return 'on y at %d' % y
        case Point(x, 0):
            return 'on x at %d' % x
        case Point(x=x, y=y):
            return 'at %d,%d' % (x, y)
        case _:
            return 'not a point'


def kind(v):
    match v:
        case int(n):
            return 'int %d' % n
        case str() as s:
            return 'str ' + s
        case list([*items]):
            return 'list of %d' % len(items)
        case _:
            return 'something else'


def sign(int n):
    match n:
        case 0:
            return 'zero'
        case _ if n < 0:
            return 'negative'
        case _:
            return 'positive'


def alternatives(answer):
    match answer:
        case 'y' | 'yes':
            return True
        case 'n' | 'no':
            return False


def bound_names(v):
    match v:
        case [a, [_, c] as rest]:
            return a, rest, c


def too_many_positional(p):
    match p:
        case Point(1, 2, 3):
            return 'never'


not_a_class = len


def called_non_class(v):
    match v:
        case not_a_class():
            return 'matched'
