# cython: language_level=3, boundscheck=False, wraparound=False
"""Smoothing a numpy image two ways: the buffer syntax of older Cython code
(`cnp.ndarray[cnp.float64_t, ndim=2]`) and a typed memoryview. Both loops compile to plain C.

Run it with `pyxc run examples/numpy_smooth.pyx` (needs numpy).
"""
import numpy as np
cimport numpy as cnp

cnp.import_array()

DEF RADIUS = 1


def smooth_buffer(cnp.ndarray[cnp.float64_t, ndim=2] img):
    """Each inner pixel becomes the mean of its (2*RADIUS+1)^2 neighbourhood."""
    cdef Py_ssize_t h = img.shape[0], w = img.shape[1], i, j, di, dj
    cdef cnp.ndarray[cnp.float64_t, ndim=2] out = img.copy()
    cdef double s
    for i in range(RADIUS, h - RADIUS):
        for j in range(RADIUS, w - RADIUS):
            s = 0
            for di in range(-RADIUS, RADIUS + 1):
                for dj in range(-RADIUS, RADIUS + 1):
                    s += img[i + di, j + dj]
            out[i, j] = s / ((2 * RADIUS + 1) ** 2)
    return out


def smooth_view(const cnp.float64_t[:, ::1] img):
    """The same with a memoryview; the result is a numpy array sharing the view's memory."""
    cdef Py_ssize_t h = img.shape[0], w = img.shape[1], i, j, di, dj
    result = np.array(img, copy=True)
    cdef cnp.float64_t[:, ::1] out = result
    cdef double s
    for i in range(RADIUS, h - RADIUS):
        for j in range(RADIUS, w - RADIUS):
            s = 0
            for di in range(-RADIUS, RADIUS + 1):
                for dj in range(-RADIUS, RADIUS + 1):
                    s += img[i + di, j + dj]
            out[i, j] = s / ((2 * RADIUS + 1) ** 2)
    return result


if __name__ == "__main__":
    rng = np.random.default_rng(7)
    image = rng.random((400, 300))
    a = smooth_buffer(image)
    b = smooth_view(image)
    print(f"smoothed {image.shape[0]}x{image.shape[1]}: mean {a.mean():.6f}, "
          f"same both ways: {bool(np.array_equal(a, b))}")
