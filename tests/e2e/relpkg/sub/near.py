def value():
    return "near"


PI = 3
