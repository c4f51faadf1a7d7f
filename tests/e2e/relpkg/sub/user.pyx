"""Relative imports, resolved against the package the module is imported in.

>>> near.value(), near_value(), ANSWER, outer_value()
('near', 'near', 42, 'outer')

A star import binds every public name of the module:

>>> PI
3
>>> from_function()
'outer'
"""
from . import near
from .near import value as near_value
from .. import ANSWER
from ..outer import value as outer_value
from .near import *


def from_function():
    from .. import outer
    return outer.value()
