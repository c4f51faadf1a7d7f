"""Generators, generator expressions, closures over C variables and per-object defaults.

A generator that handles what throw() raises in it and then ends makes throw() raise
StopIteration, so `contextlib.contextmanager` can suppress exceptions through one:

>>> g = handles_once([])
>>> next(g)
'ready'
>>> g.throw(ValueError('v'))
Traceback (most recent call last):
StopIteration
>>> log = []
>>> with handling_manager(log):
...     raise ValueError('suppressed')
>>> log
['enter', 'handled ValueError', 'exit']

A closure's `__closure__` holds its cells, as a Python function's does (None without any):

>>> reader = closure_reader(7)
>>> [cell.cell_contents for cell in reader.__closure__], closure_reader.__closure__
([7], None)

A generator runs lazily and keeps its variables (C ones too) between steps:

>>> list(fibs(8))
[0, 1, 1, 2, 3, 5, 8, 13]
>>> log = []
>>> g = steps(log)
>>> log
[]
>>> next(g), log
('a', ['started'])
>>> list(g), log
(['b'], ['started', 'resumed', 'done'])
>>> next(g)
Traceback (most recent call last):
StopIteration

send() delivers a value to the paused yield; the first one must be None:

>>> accumulate().send(1)
Traceback (most recent call last):
TypeError: can't send non-None value to a just-started generator
>>> acc = accumulate()
>>> next(acc), acc.send(5), acc.send(2.5)
(0.0, 5.0, 7.5)

`return v` ends the generator with StopIteration(v); `yield from` delegates and takes it:

>>> outer_result()
(['x', 'y', 'z'], ('inner done', 3))

throw() raises at the paused yield; close() runs cleanups:

>>> r = resilient()
>>> next(r), r.throw(ValueError('bad')), next(r)
('ready', 'recovered from bad', 'ready')
>>> r.throw(KeyError('k'))
Traceback (most recent call last):
KeyError: 'k'
>>> trail = []
>>> c = cleaned(trail)
>>> next(c)
1
>>> c.close(); trail
['exit']
>>> c.close(); trail
['exit']

A StopIteration raised inside becomes RuntimeError (PEP 479):

>>> list(leaky())
Traceback (most recent call last):
RuntimeError: generator raised StopIteration

Generator objects look like CPython's:

>>> g = fibs(1)
>>> type(g).__name__, g.__name__, iter(g) is g
('generator', 'fibs', True)
>>> import collections.abc
>>> isinstance(g, collections.abc.Generator)
True

Generator expressions evaluate their first iterable at once, the rest lazily:

>>> sum_of_squares(4), any(x > 2 for x in [1, 3]), sorted(x % 3 for x in range(5))
(14, True, [0, 0, 1, 1, 2])
>>> scaled([1, 2], 3.0)
[1.5, 1.5, 3.0, 3.0]

Closures over C numbers see the current value; defaults are per function object:

>>> late_and_early()
([2, 2, 2], [0, 1, 2])
>>> t = tally(10)
>>> t(1), t(5), t()
(11, 16, 17)
>>> adder(40)(2)
42
"""


def fibs(int n):
    cdef long a = 0, b = 1
    cdef int i
    for i in range(n):
        yield a
        a, b = b, a + b


def steps(log):
    log.append('started')
    yield 'a'
    log.append('resumed')
    yield 'b'
    log.append('done')


def accumulate():
    cdef double total = 0
    while True:
        v = yield total
        total += v


def inner():
    yield 'y'
    yield 'z'
    return 'inner done'


def outer():
    yield 'x'
    got = yield from inner()
    return got, len((yield from []) or 'abc')


def outer_result():
    g = outer()
    seen = list(g)
    try:
        next(g)
    except StopIteration:
        pass
    g = outer()
    values = []
    while True:
        try:
            values.append(next(g))
        except StopIteration as e:
            return values, e.value


def resilient():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            yield 'recovered from %s' % e


def cleaned(trail):
    try:
        yield 1
        yield 2
    finally:
        trail.append('exit')


def leaky():
    yield 1
    raise StopIteration


def sum_of_squares(int n):
    return sum(i * i for i in range(n))


def scaled(data, double k):
    cdef double half = 0.5
    return sorted(x * k * half for x in data for _ in range(2))


def late_and_early():
    late = [lambda: i for i in range(3)]
    early = [lambda i=i: i for i in range(3)]
    return [f() for f in late], [f() for f in early]


def tally(long start):
    cdef long n = start

    def bump(long by=1):
        nonlocal n
        n += by
        return n
    return bump


def adder(int k):
    return lambda x: x + k


def handles_once(log):
    try:
        yield 'ready'
    except ValueError:
        log.append('handled')


import contextlib


@contextlib.contextmanager
def handling_manager(log):
    log.append('enter')
    try:
        yield
    except ValueError as e:
        log.append('handled ' + type(e).__name__)
    finally:
        log.append('exit')


def closure_reader(value):
    def read():
        return value
    return read
