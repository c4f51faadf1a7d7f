/* pyxc runtime: conversions for integer typedefs of unknown signedness. Needs convert.h. */
static PYX_UNUSED long long pyx_as_ll_typed(PyObject *o, int is_signed, long long min, long long max, const char *ctype) {
    if (is_signed)
        return pyx_as_ll(o, min, max, ctype);
    return (long long)pyx_as_ull(o, (unsigned long long)max, ctype);
}
