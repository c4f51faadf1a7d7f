"""In a `.py` module traceback lines follow CPython 3.11: an operation reports the first line
of its expression (a binary operation where its left operand starts, a call where its callee
starts), except an attribute and a method call, reported at the attribute's name.

>>> lines(operator_line)
[('operator_line', 37)]
>>> lines(call_in_args)
[('call_in_args', 45), ('fail', 32)]
>>> lines(method_name)
[('method_name', 50)]

Entries name a function as CPython's code objects do, without its enclosing scopes:

>>> import traceback
>>> try:
...     Outer().method()
... except ValueError as e:
...     [fr.name for fr in traceback.extract_tb(e.__traceback__)[1:]]
['method', 'inner', 'fail']
"""
import traceback


def lines(f):
    try:
        f()
    except Exception as e:
        return [(fr.name.split('.')[-1], fr.lineno) for fr in traceback.extract_tb(e.__traceback__)[1:]]


def fail(*args):
    raise ValueError("failed")


def operator_line():
    a, b = 1, "text"
    return (a
            +
            b)


def call_in_args():
    return max(1,
               2,
               fail(3))


def method_name():
    return "abc".upper(
    ).missing(
    )


class Outer:
    def method(self):
        def inner():
            fail()
        inner()
