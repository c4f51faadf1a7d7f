/* pyxc runtime: Python semantics for // and % on C numbers. */
/* A divisor of -1 is taken apart: the most negative value divided by -1 overflows, and the CPU
   traps on it (C leaves it undefined; Cython's module crashes). The quotient wraps instead, as
   C's other arithmetic does, and the remainder is 0. */
#define PYX_NEG_WRAP(a, b) ((__typeof__((a) / (b)))(0ULL - (unsigned long long)(a)))
#define PYX_FLOORDIV_S(a, b) ((b) == -1 ? PYX_NEG_WRAP(a, b) : \
    (((a) / (b)) - ((((a) % (b)) != 0) & ((((a) % (b)) < 0) != ((b) < 0)))))
#define PYX_MOD_S(a, b) ((b) == -1 ? 0 : \
    ((((a) % (b)) != 0 && ((((a) % (b)) < 0) != ((b) < 0))) ? ((a) % (b)) + (b) : ((a) % (b))))

/* `%` and `//` on C doubles as Cython computes them: the remainder takes the divisor's sign
   (a zero remainder stays +0.0, where CPython's float gives it the divisor's sign) and the
   quotient is floor(a / b) (so 1 // 0.1 is 10.0, where CPython's divmod-based float gives 9.0). */
static inline PYX_UNUSED double pyx_mod_d(double a, double b) {
    double r = fmod(a, b);
    r += ((r != 0) & ((r < 0) ^ (b < 0))) * b;
    return r;
}

static inline PYX_UNUSED double pyx_floordiv_d(double a, double b) {
    return floor(a / b);
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
