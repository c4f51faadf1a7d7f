# Included by _shared_defs.pxi (an include inside an include).
def nested_value():
    return "nested"


def fails():
    raise ValueError("raised in an included file")
