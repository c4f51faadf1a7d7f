# cython: language_level=3
"""Conway's game of life on typed memoryviews: a 2-D grid in a cython.view.array, updated
without the GIL by a nogil function that reads one view and writes another.

Run it with `pyxc run examples/life.pyx`.
"""
cimport cython
from cython.view cimport array as cvarray


@cython.boundscheck(False)
@cython.wraparound(False)
cdef void step(const unsigned char[:, ::1] old, unsigned char[:, ::1] new) noexcept nogil:
    cdef Py_ssize_t rows = old.shape[0], cols = old.shape[1]
    cdef Py_ssize_t r, c, dr, dc
    cdef int alive
    for r in range(rows):
        for c in range(cols):
            alive = 0
            for dr in range(-1, 2):
                for dc in range(-1, 2):
                    if dr or dc:
                        alive += old[(r + dr + rows) % rows, (c + dc + cols) % cols]
            new[r, c] = alive == 3 or (alive == 2 and old[r, c])


def grid(Py_ssize_t rows, Py_ssize_t cols):
    return cvarray(shape=(rows, cols), itemsize=1, format="B")


def run(list pattern, Py_ssize_t size, int generations):
    """The grid after some generations (a torus), as text.

    >>> print(run([(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)], 6, 4))
    ------
    --#---
    ---#--
    -###--
    ------
    ------
    """
    cdef unsigned char[:, ::1] a = grid(size, size)
    cdef unsigned char[:, ::1] b = grid(size, size)
    for r, c in pattern:
        a[r, c] = 1
    for _ in range(generations):
        with nogil:
            step(a, b)
        a, b = b, a
    lines = []
    for r in range(size):
        lines.append("".join(["#" if a[r, c] else "-" for c in range(size)]))
    return "\n".join(lines)


if __name__ == "__main__":
    glider = [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]
    print(run(glider, 8, 8))
    print("glider moved 2 cells down and right after 8 generations")
