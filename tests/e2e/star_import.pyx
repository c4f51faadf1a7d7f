"""`from m import *` at module level: `__all__`, or the public names."""
from itertools import *
from os.path import *


def use_star_names():
    """Names from both modules resolve at run time; private names are not imported.

    >>> use_star_names()
    ([3, 4], 'b.txt', False)
    """
    import sys
    mod = sys.modules[__name__]
    return list(islice(count(3), 2)), basename("/a/b.txt"), hasattr(mod, "_joinrealpath")
