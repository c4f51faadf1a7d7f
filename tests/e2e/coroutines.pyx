"""Coroutines, async with/for, async generators and async comprehensions under asyncio.

>>> import asyncio, inspect
>>> c = total_of([1, 2, 3])
>>> inspect.isawaitable(c), type(c).__name__
(True, 'coroutine')
>>> asyncio.run(c)
6

A manager without the methods a `with` needs is Cython's AttributeError naming the method:

>>> asyncio.run(async_with_plain(object()))
Traceback (most recent call last):
AttributeError: __aexit__
>>> with_plain(object())
Traceback (most recent call last):
AttributeError: __exit__

A coroutine collected without ever being awaited warns, as CPython's and Cython's do:

>>> import warnings, gc
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter('always')
...     total_of([1]) and None
...     _ = gc.collect()
>>> [str(w.message) for w in caught]
["coroutine 'total_of' was never awaited"]
>>> asyncio.run(interleaved())
(['a0', 'b0', 'a1', 'b1'], ['A', 'B'])
>>> asyncio.run(recovered())
'recovered: no luck'
>>> log = []
>>> asyncio.run(guarded(log, False)), log
('done', ['open', 'use', 'close None'])
>>> log = []
>>> asyncio.run(guarded(log, True))
Traceback (most recent call last):
KeyError: 'boom'
>>> log
['open', 'use', 'close KeyError']
>>> asyncio.run(counted(3))
[0, 1, 2]
>>> asyncio.run(squares_of(5))
([0, 1, 4, 9, 16], [0, 4, 16])
>>> asyncio.run(lazy_squares(5))
('async_generator', [1, 9], [0, 1, 1, 2])
>>> g = squares(2)
>>> type(g).__name__, g.__aiter__() is g
('async_generator', True)
>>> asyncio.run(early_exit())
(0, ['closed'])
>>> asyncio.run(drain(leaky_stop()))
Traceback (most recent call last):
RuntimeError: async generator raised StopAsyncIteration
"""
import asyncio


async def plus(a, b):
    await asyncio.sleep(0)
    return a + b


async def total_of(items):
    cdef long t = 0
    for x in items:
        t = await plus(t, x)
    return t


async def tagged(name, n, log):
    for i in range(n):
        log.append('%s%d' % (name, i))
        await asyncio.sleep(0)
    return name.upper()


async def interleaved():
    log = []
    results = await asyncio.gather(tagged('a', 2, log), tagged('b', 2, log))
    return log, results


async def unlucky():
    await asyncio.sleep(0)
    raise ValueError('no luck')


async def recovered():
    try:
        await unlucky()
    except ValueError as e:
        return 'recovered: %s' % e


class Session:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.log.append('open')
        return self

    async def __aexit__(self, kind, value, tb):
        self.log.append('close %s' % (kind.__name__ if kind else None))
        return False


async def guarded(log, fail):
    async with Session(log) as s:
        s.log.append('use')
        if fail:
            raise KeyError('boom')
    return 'done'


class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i - 1


async def counted(n):
    out = []
    async for v in Counter(n):
        out.append(v)
    return out


async def squares(int n):
    cdef int i
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def squares_of(n):
    return [v async for v in squares(n)], [v async for v in squares(n) if v % 2 == 0]


async def lazy_squares(n):
    """An async generator expression: iterated with `async for`, its first iterable taken
    at once."""
    odd = (v async for v in squares(n) if v % 2)
    mixed = (v + k async for v in squares(2) for k in range(2))
    return type(odd).__name__, [v async for v in odd], [v async for v in mixed]


async def watched(log):
    try:
        yield 0
        yield 1
    finally:
        log.append('closed')


async def early_exit():
    log = []
    g = watched(log)
    first = await g.__anext__()
    await g.aclose()
    return first, log


async def leaky_stop():
    yield 1
    raise StopAsyncIteration


async def drain(agen):
    return [v async for v in agen]


async def async_with_plain(manager):
    async with manager:
        pass


def with_plain(manager):
    with manager:
        pass
