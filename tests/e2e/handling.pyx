"""The exception being handled, `raise ... from`, `except ... as` names, augmented assignment
targets, `globals()` and walrus in comprehensions, each checked against what CPython does.

Inside a handler the caught exception is `sys.exc_info()`, and after it the one before comes
back, however the handler is left:

>>> inside_and_after()
('KeyError', None)
>>> nested_handlers()
['inner', 'outer', None]
>>> left_by_return(), sys.exc_info()[0]
('IndexError', None)
>>> left_by_break()
(3, None)
>>> left_by_error()
('TypeError', 'LookupError', None)

A `finally:` run for an exception sees it as handled; `__exit__` too:

>>> finally_sees_exception()
('ValueError', None)
>>> exit_sees_exception()
('ZeroDivisionError', None)

New exceptions chain to the handled one:

>>> context_from_handler()
('RuntimeError', 'KeyError', None, False)
>>> context_from_finally()
('OSError', 'ValueError')
>>> explicit_cause()
('KeyError', True, True)
>>> cause_none()
(None, True)
>>> bad_cause()
'exception causes must derive from BaseException'

The `as` name is gone after the handler:

>>> as_name_unbound(True), as_name_unbound(False)
('unbound', 'kept')
>>> global_as_name()
False

Augmented assignment evaluates its target's object and index once:

>>> augmented_once()
([5, 1], {'n': 3}, 2)

`globals()` is the module's namespace, wherever it is called from:

>>> globals_is_module_dict()
True
>>> delete_global()
False

`except*` hands each handler its part of an exception group and raises what is left:

>>> star_split()
['ValueError x2', 'TypeError x1']
>>> star_rest()
('ExceptionGroup', ['KeyError'])
>>> star_new_exception()
('ExceptionGroup', ['ExceptionGroup', 'TypeError'])
>>> star_plain()
('ExceptionGroup', 'ValueError')

A lone exception an `except*` takes whole is wrapped in a group holding a tuple, as CPython
does, and one no handler takes is raised as it was:

>>> star_lone_repr()
"ExceptionGroup('', (ValueError('solo'),))"
>>> star_lone_untaken()
Traceback (most recent call last):
KeyError: 'untaken'

Raising something that is not an exception is Cython's TypeError:

>>> raise_not_an_exception()
Traceback (most recent call last):
TypeError: raise: exception class must be a subclass of BaseException

A walrus in a comprehension binds in the function:

>>> walrus_in_comprehension([1, 2, 3, 4])
([4, 16], 16)
"""
import sys


def inside_and_after():
    try:
        {}['x']
    except KeyError:
        inside = sys.exc_info()[0].__name__
    return inside, sys.exc_info()[0]


def nested_handlers():
    seen = []
    try:
        raise ValueError('outer')
    except ValueError:
        try:
            raise KeyError('inner')
        except KeyError:
            seen.append(sys.exc_info()[1].args[0])
        seen.append(sys.exc_info()[1].args[0])
    seen.append(sys.exc_info()[0])
    return seen


def left_by_return():
    try:
        [][1]
    except IndexError:
        return sys.exc_info()[0].__name__


def left_by_break():
    i = 0
    for i in range(10):
        try:
            raise ValueError(i)
        except ValueError:
            if i == 3:
                break
    return i, sys.exc_info()[0]


def left_by_error():
    try:
        try:
            raise LookupError()
        except LookupError:
            None + 1
    except TypeError as e:
        return type(e).__name__, type(e.__context__).__name__, sys.exc_info()[0] and None


def finally_sees_exception():
    seen = None
    try:
        try:
            raise ValueError()
        finally:
            seen = sys.exc_info()[0].__name__
    except ValueError:
        pass
    return seen, sys.exc_info()[0]


class Recorder:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.seen = sys.exc_info()[0].__name__
        return True


def exit_sees_exception():
    r = Recorder()
    with r:
        1 / 0
    return r.seen, sys.exc_info()[0]


def context_from_handler():
    try:
        try:
            {}['k']
        except KeyError:
            raise RuntimeError()
    except RuntimeError as e:
        return type(e).__name__, type(e.__context__).__name__, e.__cause__, e.__suppress_context__


def context_from_finally():
    try:
        try:
            raise ValueError()
        finally:
            raise OSError()
    except OSError as e:
        return type(e).__name__, type(e.__context__).__name__


def explicit_cause():
    try:
        try:
            raise ValueError()
        except ValueError as v:
            raise KeyError() from v
    except KeyError as e:
        return type(e).__name__, e.__suppress_context__, e.__cause__ is e.__context__


def cause_none():
    try:
        try:
            raise ValueError()
        except ValueError:
            raise KeyError() from None
    except KeyError as e:
        return e.__cause__, e.__suppress_context__


def bad_cause():
    try:
        raise ValueError() from 3
    except TypeError as e:
        return str(e)


def as_name_unbound(fail):
    e = 'kept'
    if fail:
        try:
            raise ValueError()
        except ValueError as e:
            pass
    try:
        return e
    except UnboundLocalError:
        return 'unbound'


try:
    raise ValueError()
except ValueError as module_level_error:
    pass


def global_as_name():
    return 'module_level_error' in globals()


def augmented_once():
    calls = []

    def key(k):
        calls.append(k)
        return k
    data = [0, 1]
    data[key(0)] += 5
    counts = {'n': 1}
    counts[key('n')] += 2
    return data, counts, len(calls)


def globals_is_module_dict():
    return globals() is sys.modules[__name__].__dict__


TEMPORARY = 1


def delete_global():
    global TEMPORARY
    del TEMPORARY
    return 'TEMPORARY' in globals()


def walrus_in_comprehension(values):
    evens = [sq for v in values if (sq := v * v) % 2 == 0]
    return evens, sq


def star_split():
    log = []
    try:
        raise ExceptionGroup('g', [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        log.append('ValueError x%d' % len(eg.exceptions))
    except* TypeError as eg:
        log.append('TypeError x%d' % len(eg.exceptions))
    return log


def star_rest():
    try:
        try:
            raise ExceptionGroup('g', [ValueError(1), KeyError(2)])
        except* ValueError:
            pass
    except ExceptionGroup as rest:
        return type(rest).__name__, [type(e).__name__ for e in rest.exceptions]


def star_new_exception():
    try:
        try:
            raise ExceptionGroup('g', [ValueError(1), KeyError(2)])
        except* ValueError:
            raise TypeError('instead')
    except ExceptionGroup as e:
        return type(e).__name__, sorted(type(x).__name__ for x in e.exceptions)


def star_lone_repr():
    try:
        raise ValueError('solo')
    except* ValueError as eg:
        shown = repr(eg)
    return shown


def star_lone_untaken():
    try:
        raise KeyError('untaken')
    except* ValueError:
        pass


def raise_not_an_exception():
    raise 42


def star_plain():
    try:
        raise ValueError('alone')
    except* ValueError as eg:
        caught = type(eg).__name__, type(eg.exceptions[0]).__name__
    return caught
