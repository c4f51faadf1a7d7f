"""A `.py` module raises CPython 3.11's messages where Cython's differ.

Argument binding, checked in CPython's order:

>>> def errors(f, *args, **kwargs):
...     try:
...         f(*args, **kwargs)
...     except TypeError as e:
...         return str(e)
>>> errors(place, 1, 2, 3, 4)
'place() takes from 1 to 2 positional arguments but 4 were given'
>>> errors(place, 1, 2, 3, mode=1)
'place() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given'
>>> errors(place, b=1)
"place() missing 1 required positional argument: 'a'"
>>> errors(three)
"three() missing 3 required positional arguments: 'x', 'y', and 'z'"
>>> errors(place, 1)
"place() missing 1 required keyword-only argument: 'mode'"
>>> errors(place, 1, a=2, mode=0)
"place() got multiple values for argument 'a'"
>>> errors(place, 1, mode=0, other=5)
"place() got an unexpected keyword argument 'other'"
>>> errors(only_positional, p=1, q=2)
"only_positional() got some positional-only arguments passed as keyword arguments: 'p, q'"
>>> errors(Holder().method, 1)
'Holder.method() takes 1 positional argument but 2 were given'

Other errors the compiled code raises itself:

>>> read_unbound()
Traceback (most recent call last):
UnboundLocalError: cannot access local variable 'v' where it is not associated with a value
>>> unpack_short([1])
Traceback (most recent call last):
ValueError: not enough values to unpack (expected 2, got 1)
>>> with_not_a_manager()
Traceback (most recent call last):
TypeError: 'int' object does not support the context manager protocol
>>> float_halves(0.0)
Traceback (most recent call last):
ZeroDivisionError: float division by zero
"""
import cython


def place(a, b=0, *, mode):
    return a, b, mode


def three(x, y, z):
    return x + y + z


def only_positional(p, q, /):
    return p, q


class Holder:
    def method(self):
        return self


def read_unbound():
    if len("x") > 1:
        v = 1
    return v


def unpack_short(seq):
    a, b = seq
    return a, b


def with_not_a_manager():
    with len("x"):
        pass


def float_halves(d: cython.double):
    return 1.0 / d
