"""numpy's C API without `import_array()`: the module imports the API table when it starts
to execute, as Cython 3 does. `np` names both the cimported declarations and the Python
module, whose names the `.pxd` does not declare (`np.ones`).

>>> zeros(2)
array([0., 0.])
>>> size(zeros(5))
5
>>> ones_sum(3)
(3.0, 3, True)
"""
import numpy as np
cimport numpy as np


def zeros(np.npy_intp n):
    return np.PyArray_ZEROS(1, &n, np.NPY_DOUBLE, 0)


def size(np.ndarray a):
    return a.size


def ones_sum(int n):
    cdef np.ndarray a = np.ones(n)
    return float(np.sum(a)), a.shape[0], isinstance(a, np.ndarray)
