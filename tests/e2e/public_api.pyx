# distutils: sources = _use_public.c
"""`cdef public` names keep their C names with external linkage, declared in the generated
`public_api.h`; `cdef api` functions are exported in `__pyx_capi__` and reached from C through
`public_api_api.h`:

>>> via_c(2, 3), counter_from_c(), counter_here()
(5, 2.5, 2.5)
>>> via_api(9.0)
4.5
>>> sorted(__pyx_capi__)
['half']
"""
cdef extern from "_use_public.h":
    int call_add(int a, int b)
    double counter_seen_from_c()
    double call_half_through_api(double x) except? -1.0


cdef public int add(int a, int b):
    return a + b


cdef public double counter = 1.5


cdef api double half(double x):
    return x / 2


def via_c(int a, int b):
    return call_add(a, b)


def counter_from_c():
    return counter_seen_from_c()


def counter_here():
    return counter


def via_api(double x):
    return call_half_through_api(x)
