"""C arithmetic with Python semantics for // and %.

>>> ops(7, 2)
(9, 5, 14, 3.5, 3, 1)
>>> ops(-7, 2)
(-5, -9, -14, -3.5, -4, 1)
>>> ops(1, 0)
Traceback (most recent call last):
ZeroDivisionError: ...
>>> wrap(0)
4294967295
>>> doubles(1.5, 0.5)
(2.0, 1.0, 0.75, 3.0)
>>> loop(100)
4950
"""

def ops(int a, int b):
    return a + b, a - b, a * b, a / b, a // b, a % b

def wrap(unsigned int u):
    u -= 1
    return u

def doubles(double x, double y):
    return x + y, x - y, x * y, x / y

def loop(int n):
    cdef long total = 0
    cdef int i
    for i in range(n):
        total += i
    return total
