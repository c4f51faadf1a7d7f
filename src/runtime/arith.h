/* pyxc runtime: Python semantics for // and % on C numbers. */
#define PYX_FLOORDIV_S(a, b) (((a) / (b)) - ((((a) % (b)) != 0) & ((((a) % (b)) < 0) != ((b) < 0))))
#define PYX_MOD_S(a, b) ((((a) % (b)) != 0 && ((((a) % (b)) < 0) != ((b) < 0))) ? ((a) % (b)) + (b) : ((a) % (b)))

static inline PYX_UNUSED double pyx_mod_d(double a, double b) {
    double m = fmod(a, b);
    if (m) {
        if ((b < 0) != (m < 0))
            m += b;
    } else {
        m = copysign(0.0, b);
    }
    return m;
}

static inline PYX_UNUSED double pyx_floordiv_d(double a, double b) {
    double m = fmod(a, b), div = (a - m) / b, floordiv;
    if (m && ((b < 0) != (m < 0)))
        div -= 1.0;
    if (div) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, a / b);
    }
    return floordiv;
}

static inline PYX_UNUSED long long pyx_ipow(long long b, long long e) {
    long long r = 1;
    while (e > 0) {
        if (e & 1)
            r *= b;
        b *= b;
        e >>= 1;
    }
    return r;
}

static PYX_UNUSED int pyx_check_nonzero(int is_zero, const char *msg) {
    if (pyx_likely(!is_zero))
        return 0;
    pyx_raise_gil_safe(PyExc_ZeroDivisionError, msg);
    return -1;
}

static PYX_UNUSED int pyx_check_range_step(int is_zero) {
    if (pyx_likely(!is_zero))
        return 0;
    pyx_raise_gil_safe(PyExc_ValueError, "range() arg 3 must not be zero");
    return -1;
}

/* overflowcheck=True: `builtin` is __builtin_{add,sub,mul}_overflow, checked in the type of
   the result. */
static PYX_UNUSED int pyx_raise_overflow(void) {
    pyx_raise_gil_safe(PyExc_OverflowError, "value too large");
    return -1;
}
#define PYX_CHECKED_ARITH(builtin, a, b, r) (builtin((a), (b), (r)) ? pyx_raise_overflow() : 0)
