# The number protocol: Python's arithmetic on any objects, as `+`, `-`, ... do.
# `from cpython.number cimport PyNumber_Add, PyNumber_Index`.

cdef extern from "Python.h":
    bint PyNumber_Check(object o)
    bint PyIndex_Check(object o)

    object PyNumber_Add(object o1, object o2)
    object PyNumber_Subtract(object o1, object o2)
    object PyNumber_Multiply(object o1, object o2)
    object PyNumber_MatrixMultiply(object o1, object o2)
    object PyNumber_FloorDivide(object o1, object o2)
    object PyNumber_TrueDivide(object o1, object o2)
    object PyNumber_Remainder(object o1, object o2)
    object PyNumber_Divmod(object o1, object o2)
    # o3 is None for two-argument pow()
    object PyNumber_Power(object o1, object o2, object o3)
    object PyNumber_Negative(object o)
    object PyNumber_Positive(object o)
    object PyNumber_Absolute(object o)
    object PyNumber_Invert(object o)
    object PyNumber_Lshift(object o1, object o2)
    object PyNumber_Rshift(object o1, object o2)
    object PyNumber_And(object o1, object o2)
    object PyNumber_Xor(object o1, object o2)
    object PyNumber_Or(object o1, object o2)

    # In place where o1 supports it (the result is what to bind)
    object PyNumber_InPlaceAdd(object o1, object o2)
    object PyNumber_InPlaceSubtract(object o1, object o2)
    object PyNumber_InPlaceMultiply(object o1, object o2)
    object PyNumber_InPlaceMatrixMultiply(object o1, object o2)
    object PyNumber_InPlaceFloorDivide(object o1, object o2)
    object PyNumber_InPlaceTrueDivide(object o1, object o2)
    object PyNumber_InPlaceRemainder(object o1, object o2)
    object PyNumber_InPlacePower(object o1, object o2, object o3)
    object PyNumber_InPlaceLshift(object o1, object o2)
    object PyNumber_InPlaceRshift(object o1, object o2)
    object PyNumber_InPlaceAnd(object o1, object o2)
    object PyNumber_InPlaceXor(object o1, object o2)
    object PyNumber_InPlaceOr(object o1, object o2)

    # Conversions
    object PyNumber_Long(object o)
    object PyNumber_Float(object o)
    object PyNumber_Index(object o)
    object PyNumber_ToBase(object n, int base)
    # exc is the exception for overflow (e.g. OverflowError), or NULL to clamp
    Py_ssize_t PyNumber_AsSsize_t(object o, object exc) except? -1
