# Included only when LEVEL == 2 (see compile_time.pyx).
def level_name():
    return "two"
