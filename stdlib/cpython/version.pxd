# The CPython version compiled against (<patchlevel.h>): `from cpython.version cimport
# PY_VERSION_HEX`. PY_VERSION_HEX is 0xMMmmppLS: major, minor, micro, release level
# (0xA alpha, 0xB beta, 0xC candidate, 0xF final) and serial, as `sys.hexversion`.

cdef extern from "Python.h":
    enum:
        PY_MAJOR_VERSION
        PY_MINOR_VERSION
        PY_MICRO_VERSION
        PY_RELEASE_LEVEL
        PY_RELEASE_SERIAL
        PY_VERSION_HEX
        PY_RELEASE_LEVEL_ALPHA
        PY_RELEASE_LEVEL_BETA
        PY_RELEASE_LEVEL_GAMMA
        PY_RELEASE_LEVEL_FINAL

    # "3.11.7", for example
    const char *PY_VERSION
