"""`include "file.pxi"` pastes the file's statements where the `include` stands, nested
includes too:

>>> scaled(2.0), doubled(21), nested_value(), defined_after()
(5.0, 42, 'nested', 'after')

Code from an included file reports that file and its line in tracebacks, as Cython's does
(also through nested includes):

>>> fails()
Traceback (most recent call last):
ValueError: raised in an included file
>>> import traceback, os
>>> try:
...     fails()
... except ValueError as e:
...     [(os.path.basename(fr.filename), fr.lineno, fr.name)
...      for fr in traceback.extract_tb(e.__traceback__)[1:]]
[('_more_defs.pxi', 7, 'fails')]
>>> code = fails.__code__
>>> os.path.basename(code.co_filename), code.co_firstlineno
('_more_defs.pxi', 6)
"""
include "_shared_defs.pxi"


def doubled(int v):
    return twice(v)


def defined_after():
    return "after"
