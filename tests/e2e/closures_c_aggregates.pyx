"""Closures over C structs, unions, ctuples and arrays: the variable lives once, in its cell,
so what the inner function writes the outer one reads, and the other way round (as in
Cython's closure struct). A captured aggregate starts zeroed.

>>> struct_shared()
((1, 2.5), (11, 2.5), (11, 7.0))
>>> struct_nonlocal()
{'x': 5, 'y': 6.0}
>>> struct_starts_zeroed()
{'x': 0, 'y': 0.0}
>>> array_shared()
(102, [1, 102, 3], [1, 102, 3])
>>> list(array_generator())
[4, 5, 6]
>>> struct_generator()
[3, 9, 9]
>>> ctuple_shared()
((1, 2.0), (5, 6.5), (5, 6.5))
>>> late_binding()
[2, 2, 2]
>>> two_levels()
(7, 7)
>>> pointer_to_captured()
44
>>> pointer_in_inner()
(3, 8)
>>> nested_fields()
(5, 6, {'inner': {'x': 5, 'y': 0.0}, 'arr': [6, 3]})
>>> struct_parameter({'x': 1, 'y': 2})
({'x': 2, 'y': 2.0}, {'x': 2, 'y': 2.0})
>>> ctuple_parameter((3, 4))
7
>>> generator_expression()
10
>>> ctuple_unpacked_nonlocal()
(3, 4)
>>> as_locals()
({'x': 2, 'y': 0.0}, [0, 5])
>>> union_shared()
65
>>> conversion_error()
({'x': 1, 'y': 2.0}, 'TypeError')
"""

cdef struct Pt:
    int x
    double y

cdef struct Nest:
    Pt inner
    int arr[2]

cdef union Word:
    int i
    unsigned char b[4]

def struct_shared():
    cdef Pt p
    p.x = 1
    p.y = 2.5
    def get():
        return p.x, p.y
    def bump():
        p.x += 10
    r1 = get()
    bump()
    r2 = (p.x, p.y)
    p.y = 7.0
    return r1, r2, get()

def struct_nonlocal():
    cdef Pt p
    def setp():
        nonlocal p
        p = Pt(5, 6.0)
    setp()
    return p

def struct_starts_zeroed():
    cdef Pt p
    f = lambda: p
    return f()

def array_shared():
    cdef int a[3]
    a[0] = 1; a[1] = 2; a[2] = 3
    def inc(int i):
        a[i] += 100
        return a[i]
    r = inc(1)
    return r, a, (lambda: [a[k] for k in range(3)])()

def array_generator():
    cdef int a[3]
    a[:] = [4, 5, 6]
    def g():
        for i in range(3):
            yield a[i]
    return g()

def struct_generator():
    cdef Pt p
    p.x = 3
    def g():
        yield p.x
        p.x = 9
        yield p.x
    it = g()
    r = [next(it)]
    r.append(next(it))
    r.append(p.x)
    return r

def ctuple_shared():
    cdef (int, double) t = (1, 2.0)
    def get():
        return t
    def setit():
        nonlocal t
        t = (5, 6.5)
    r1 = get()
    setit()
    return r1, t, get()

def late_binding():
    cdef Pt p
    fs = []
    for i in range(3):
        p.x = i
        fs.append(lambda: p.x)
    return [f() for f in fs]

def two_levels():
    cdef int a[2]
    a[0] = 1
    def outer():
        def inner():
            a[0] *= 7
        inner()
        return a[0]
    return outer(), a[0]

def pointer_to_captured():
    cdef Pt p
    p.x = 4
    cdef Pt *q = &p
    def f():
        q.x = 44
    f()
    return p.x

def pointer_in_inner():
    cdef int a[2]
    a[0] = 3
    def f():
        cdef int *q = a
        q[1] = 8
        return q[0]
    return f(), a[1]

def nested_fields():
    cdef Nest n
    n.arr[1] = 3
    def f():
        n.inner.x = 5
        n.arr[0] = n.arr[1] * 2
    f()
    return n.inner.x, n.arr[0], n

def struct_parameter(Pt p):
    def f():
        p.x += 1
        return p
    r = f()
    return r, p

def ctuple_parameter((int, int) t):
    g = lambda: t[0] + t[1]
    return g()

def generator_expression():
    cdef int a[4]
    a[:] = [1, 2, 3, 4]
    return sum(a[i] for i in range(4))

def ctuple_unpacked_nonlocal():
    cdef (int, int) t
    def f():
        nonlocal t
        t = 3, 4
    f()
    return t

def as_locals():
    cdef Pt p
    cdef int a[2]
    p.x = 2
    a[1] = 5
    def f():
        return p.x + a[0]
    return locals()['p'], locals()['a']

def union_shared():
    cdef Word w
    def f():
        w.i = 0
        w.b[0] = 65
    f()
    return w.i

def conversion_error():
    cdef Pt p
    def f(v):
        nonlocal p
        p = v
    f({'x': 1, 'y': 2})
    try:
        f(3)
    except TypeError as e:
        return p, type(e).__name__
