"""What `locals()`, `vars()` and `dir()` (without arguments) see in compiled code, and names
that only a function's `global` statement makes module globals."""

MODULE_LOCALS_ARE_GLOBALS = locals() is globals()
MODULE_DIR_HAS_ITSELF = 'MODULE_DIR_HAS_ITSELF' in dir()


def module_level():
    """
    >>> module_level()
    (True, False)
    """
    return MODULE_LOCALS_ARE_GLOBALS, MODULE_DIR_HAS_ITSELF


def bound_so_far(a, b=2, *rest, **extra):
    """Parameters and variables bound at the call, by name; `later` is not yet.

    >>> bound_so_far(1)
    {'a': 1, 'b': 2, 'extra': {}, 'rest': (), 'seen': 'x'}
    >>> sorted(bound_so_far(0, 1, 2, k=3)['extra'])
    ['k']
    """
    seen = 'x'
    snapshot = locals()
    later = [4]
    return snapshot


def deleted_variable():
    """
    >>> deleted_variable()
    ['kept']
    """
    kept = 1
    gone = 2
    del gone
    return list(locals())


def with_c_variables():
    """C variables appear converted; a pointer, which has no Python value, only in dir().

    >>> with_c_variables()
    ({'n': 7, 'x': 0.5}, ['n', 'p', 'x'])
    """
    cdef int n = 7
    cdef double x = 0.5
    cdef int *p = NULL
    return vars(), dir()


def captured_and_enclosing():
    """A captured variable is there; the inner function sees only its own.

    >>> outer, inner = captured_and_enclosing()
    >>> sorted(outer), inner
    (['inner', 'shared'], {'mine': 3})
    """
    shared = 1
    def inner():
        mine = shared + 2
        return locals()
    return locals(), inner()


def in_generator():
    """
    >>> [sorted(d.items()) for d in in_generator()]
    [[('step', 0)], [('step', 1)]]
    """
    for step in range(2):
        yield locals()


def explicit_argument():
    """With an argument `vars()` and `dir()` are the builtins.

    >>> explicit_argument()
    (True, True)
    """
    class Holder:
        pass
    h = Holder()
    h.value = 1
    return vars(h) == {'value': 1}, 'value' in dir(h)


class Body:
    """
    >>> Body.names
    ['__doc__', '__module__', '__qualname__', 'first']
    >>> Body.same
    True
    """
    first = 1
    names = sorted(locals())
    same = vars() is locals()


def set_counter():
    global counter
    counter = 41


def read_counter():
    """`counter` is bound by `set_counter` only: a module global all the same.

    >>> read_counter()
    ('NameError', 42)
    """
    try:
        before = counter
    except NameError as e:
        missing = type(e).__name__
    set_counter()
    found = counter + 1
    forget_counter()
    return missing, found


def forget_counter():
    global counter
    del counter


SCALE = 10


def evaluate(expression):
    """`eval` with one argument sees the function's variables and the module's globals.

    >>> evaluate('factor * SCALE')
    30
    >>> evaluate('unknown')
    Traceback (most recent call last):
    NameError: name 'unknown' is not defined
    """
    factor = 3
    return eval(expression)


def execute(statement, name):
    """`exec` with one argument runs in the module's namespace.

    >>> execute('EXECUTED = SCALE + 1', 'EXECUTED')
    11
    """
    exec(statement)
    value = globals()[name]
    del globals()[name]
    return value


def module_attributes():
    """The module attributes Cython predefines are names the code may use.

    >>> module_attributes()
    (True, 'namespaces', True, True)
    """
    import builtins
    return (__file__.startswith(__spec__.origin.rsplit('/', 1)[0]), __spec__.name,
            __builtins__ is builtins, __loader__ is not None)


TRANSIENT = 1


def delete_transient():
    """Deleting a module global twice: the second time there is nothing to delete, which
    Cython reports as a missing module attribute.

    >>> delete_transient()
    ('AttributeError', False)
    """
    global TRANSIENT
    del TRANSIENT
    try:
        del TRANSIENT
    except Exception as e:
        return type(e).__name__, 'TRANSIENT' in globals()
