# CPython's C API for pyxc. By header: `from cpython.ref cimport Py_INCREF`; or all of it at
# once, as in Cython: `from cpython cimport PyObject, Py_INCREF, PyTuple_New`.

from cpython.bool cimport *
from cpython.buffer cimport *
from cpython.bytearray cimport *
from cpython.bytes cimport *
from cpython.ceval cimport *
from cpython.complex cimport *
from cpython.dict cimport *
from cpython.exc cimport *
from cpython.float cimport *
from cpython.function cimport *
from cpython.int cimport *
from cpython.iterator cimport *
from cpython.list cimport *
from cpython.long cimport *
from cpython.mapping cimport *
from cpython.mem cimport *
from cpython.method cimport *
from cpython.module cimport *
from cpython.number cimport *
from cpython.object cimport *
from cpython.pycapsule cimport *
from cpython.pystate cimport *
from cpython.pythread cimport *
from cpython.ref cimport *
from cpython.sequence cimport *
from cpython.set cimport *
from cpython.slice cimport *
from cpython.tuple cimport *
from cpython.type cimport *
from cpython.unicode cimport *
from cpython.version cimport *
from cpython.weakref cimport *
