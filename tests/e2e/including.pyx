"""`include "file.pxi"` pastes the file's statements where the `include` stands, nested
includes too:

>>> scaled(2.0), doubled(21), nested_value(), defined_after()
(5.0, 42, 'nested', 'after')

Code from an included file reports the line of its `include` in tracebacks:

>>> fails()
Traceback (most recent call last):
ValueError: raised in an included file
"""
include "_shared_defs.pxi"


def doubled(int v):
    return twice(v)


def defined_after():
    return "after"
