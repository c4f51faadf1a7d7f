# The codec registry: `from cpython.codecs cimport PyCodec_Encode, PyCodec_Decode`. errors may
# be NULL for "strict".

cdef extern from "Python.h":
    int PyCodec_Register(object search_function) except -1
    int PyCodec_KnownEncoding(const char *encoding)

    object PyCodec_Encode(object o, const char *encoding, const char *errors)
    object PyCodec_Decode(object o, const char *encoding, const char *errors)
    object PyCodec_Encoder(const char *encoding)
    object PyCodec_Decoder(const char *encoding)
    object PyCodec_IncrementalEncoder(const char *encoding, const char *errors)
    object PyCodec_IncrementalDecoder(const char *encoding, const char *errors)

    # Error handlers by name ("strict", "replace", ...)
    int PyCodec_RegisterError(const char *name, object error) except -1
    object PyCodec_LookupError(const char *name)
