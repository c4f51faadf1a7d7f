"""Traceback lines inside statements that span several lines: an operation reports the line
of its own sub-expression, where Cython puts it (a call at its `(`, an attribute at its name,
a subscript at its `[`, a binary operator at the operator, a decorator at its `@` line).

>>> lines(call_in_args)
[('call_in_args', 39), ('fail', 33)]
>>> lines(operator_line)
[('operator_line', 45)]
>>> lines(in_condition)
[('in_condition', 51), ('fail', 33)]
>>> lines(display_item)
[('display_item', 58), ('fail', 33)]
>>> lines(attribute_name)
[('attribute_name', 64)]
>>> lines(decorator_line)
[('decorator_line', 69), ('fail', 33)]
>>> lines(default_value)
[('default_value', 76), ('fail', 33)]
>>> lines(nested_calls)
[('nested_calls', 81), ('callee', 86), ('fail', 33)]
"""
import traceback


def lines(f):
    try:
        f()
    except Exception as e:
        return [(fr.name.split('.')[-1], fr.lineno) for fr in traceback.extract_tb(e.__traceback__)[1:]]


def fail(*args):
    raise ValueError("failed")


def call_in_args():
    return max(1,
               2,
               fail(3))


def operator_line():
    a, b = 1, "text"
    return (a
            +
            b)


def in_condition():
    if (len("x") and
            fail()):
        return 0


def display_item():
    return {
        "first": len("a"),
        "second": fail(),
    }


def attribute_name():
    return (object()
            .missing)


def decorator_line():
    @staticmethod
    @fail
    def inner():
        pass


def default_value():
    def inner(a=len("x"),
              b=fail()):
        pass


def nested_calls():
    return callee(1,
                  2)


def callee(a, b):
    return len("x") + fail(
        a, b)
