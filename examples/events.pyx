"""Generators, match and asyncio in one compiled module: `pyxc run examples/events.pyx`.

A typed generator produces readings, `match` sorts them, and two coroutines consume them
concurrently under asyncio.
"""
import asyncio


def readings(int n):
    """Deterministic pseudo-random readings (a C linear congruential generator)."""
    cdef unsigned int state = 12345
    cdef int i
    for i in range(n):
        state = state * 1103515245 + 12345
        yield ('temp', (state >> 16) % 40) if i % 3 else ('alarm', i)


def classify(event):
    match event:
        case ('alarm', int(at)):
            return 'alarm at %d' % at
        case ('temp', t) if t >= 30:
            return 'hot %d' % t
        case ('temp', t):
            return 'ok %d' % t
        case _:
            return 'unknown'


async def consumer(name, queue, log):
    while (event := await queue.get()) is not None:
        log.append('%s: %s' % (name, classify(event)))
        await asyncio.sleep(0)


async def main(int n):
    queue = asyncio.Queue()
    log = []
    workers = [asyncio.ensure_future(consumer(w, queue, log)) for w in ('a', 'b')]
    for event in readings(n):
        await queue.put(event)
    for _ in workers:
        await queue.put(None)
    await asyncio.gather(*workers)
    return log


if __name__ == '__main__':
    for line in asyncio.run(main(9)):
        print(line)
