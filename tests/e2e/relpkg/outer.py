def value():
    return "outer"
