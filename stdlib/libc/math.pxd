# C99 <math.h> for pyxc: `from libc.math cimport sqrt, M_PI`.
#
# Functions come in three precisions: `sqrt` (double), `sqrtf` (float) and `sqrtl`
# (long double). The classification macros are type-generic in C; they are declared here
# with a double argument (a float argument is promoted exactly) and a `bint` result.
# M_PI and the other M_* constants are POSIX rather than ISO C; Python.h enables them.

cdef extern from "<math.h>" nogil:
    # Constants
    const double M_E          # e
    const double M_LOG2E      # log2(e)
    const double M_LOG10E     # log10(e)
    const double M_LN2        # ln(2)
    const double M_LN10       # ln(10)
    const double M_PI         # pi
    const double M_PI_2       # pi/2
    const double M_PI_4       # pi/4
    const double M_1_PI       # 1/pi
    const double M_2_PI       # 2/pi
    const double M_2_SQRTPI   # 2/sqrt(pi)
    const double M_SQRT2      # sqrt(2)
    const double M_SQRT1_2    # 1/sqrt(2)

    const double INFINITY
    const double NAN
    const double HUGE_VAL
    const float HUGE_VALF
    const long double HUGE_VALL

    # fpclassify() results
    const int FP_INFINITE
    const int FP_NAN
    const int FP_NORMAL
    const int FP_SUBNORMAL
    const int FP_ZERO

    # Error reporting: math_errhandling & MATH_ERRNO / MATH_ERREXCEPT
    const int math_errhandling
    const int MATH_ERRNO
    const int MATH_ERREXCEPT

    # Classification and comparison (macros in C)
    int fpclassify(double x)
    bint isfinite(double x)
    bint isinf(double x)
    bint isnan(double x)
    bint isnormal(double x)
    bint signbit(double x)
    bint isgreater(double x, double y)
    bint isgreaterequal(double x, double y)
    bint isless(double x, double y)
    bint islessequal(double x, double y)
    bint islessgreater(double x, double y)
    bint isunordered(double x, double y)

    # ---- double ----

    # Trigonometric
    double sin(double x)
    double cos(double x)
    double tan(double x)
    double asin(double x)
    double acos(double x)
    double atan(double x)
    double atan2(double y, double x)

    # Hyperbolic
    double sinh(double x)
    double cosh(double x)
    double tanh(double x)
    double asinh(double x)
    double acosh(double x)
    double atanh(double x)

    # Exponential and logarithmic
    double exp(double x)
    double exp2(double x)
    double expm1(double x)
    double log(double x)
    double log2(double x)
    double log10(double x)
    double log1p(double x)
    double logb(double x)
    int ilogb(double x)
    double frexp(double x, int *exponent)
    double ldexp(double x, int exponent)
    double scalbn(double x, int n)
    double scalbln(double x, long n)
    double modf(double x, double *intpart)

    # Power and absolute value
    double pow(double x, double y)
    double sqrt(double x)
    double cbrt(double x)
    double hypot(double x, double y)
    double fabs(double x)

    # Error and gamma functions
    double erf(double x)
    double erfc(double x)
    double tgamma(double x)
    double lgamma(double x)

    # Rounding
    double ceil(double x)
    double floor(double x)
    double trunc(double x)
    double round(double x)
    long lround(double x)
    long long llround(double x)
    double rint(double x)
    long lrint(double x)
    long long llrint(double x)
    double nearbyint(double x)

    # Remainders
    double fmod(double x, double y)
    double remainder(double x, double y)
    double remquo(double x, double y, int *quo)

    # Manipulation
    double copysign(double x, double y)
    double nan(const char *tagp)
    double nextafter(double x, double y)
    double nexttoward(double x, long double y)

    # Maximum, minimum, positive difference, fused multiply-add
    double fmax(double x, double y)
    double fmin(double x, double y)
    double fdim(double x, double y)
    double fma(double x, double y, double z)

    # ---- float ----

    # Trigonometric
    float sinf(float x)
    float cosf(float x)
    float tanf(float x)
    float asinf(float x)
    float acosf(float x)
    float atanf(float x)
    float atan2f(float y, float x)

    # Hyperbolic
    float sinhf(float x)
    float coshf(float x)
    float tanhf(float x)
    float asinhf(float x)
    float acoshf(float x)
    float atanhf(float x)

    # Exponential and logarithmic
    float expf(float x)
    float exp2f(float x)
    float expm1f(float x)
    float logf(float x)
    float log2f(float x)
    float log10f(float x)
    float log1pf(float x)
    float logbf(float x)
    int ilogbf(float x)
    float frexpf(float x, int *exponent)
    float ldexpf(float x, int exponent)
    float scalbnf(float x, int n)
    float scalblnf(float x, long n)
    float modff(float x, float *intpart)

    # Power and absolute value
    float powf(float x, float y)
    float sqrtf(float x)
    float cbrtf(float x)
    float hypotf(float x, float y)
    float fabsf(float x)

    # Error and gamma functions
    float erff(float x)
    float erfcf(float x)
    float tgammaf(float x)
    float lgammaf(float x)

    # Rounding
    float ceilf(float x)
    float floorf(float x)
    float truncf(float x)
    float roundf(float x)
    long lroundf(float x)
    long long llroundf(float x)
    float rintf(float x)
    long lrintf(float x)
    long long llrintf(float x)
    float nearbyintf(float x)

    # Remainders
    float fmodf(float x, float y)
    float remainderf(float x, float y)
    float remquof(float x, float y, int *quo)

    # Manipulation
    float copysignf(float x, float y)
    float nanf(const char *tagp)
    float nextafterf(float x, float y)
    float nexttowardf(float x, long double y)

    # Maximum, minimum, positive difference, fused multiply-add
    float fmaxf(float x, float y)
    float fminf(float x, float y)
    float fdimf(float x, float y)
    float fmaf(float x, float y, float z)

    # ---- long double ----

    # Trigonometric
    long double sinl(long double x)
    long double cosl(long double x)
    long double tanl(long double x)
    long double asinl(long double x)
    long double acosl(long double x)
    long double atanl(long double x)
    long double atan2l(long double y, long double x)

    # Hyperbolic
    long double sinhl(long double x)
    long double coshl(long double x)
    long double tanhl(long double x)
    long double asinhl(long double x)
    long double acoshl(long double x)
    long double atanhl(long double x)

    # Exponential and logarithmic
    long double expl(long double x)
    long double exp2l(long double x)
    long double expm1l(long double x)
    long double logl(long double x)
    long double log2l(long double x)
    long double log10l(long double x)
    long double log1pl(long double x)
    long double logbl(long double x)
    int ilogbl(long double x)
    long double frexpl(long double x, int *exponent)
    long double ldexpl(long double x, int exponent)
    long double scalbnl(long double x, int n)
    long double scalblnl(long double x, long n)
    long double modfl(long double x, long double *intpart)

    # Power and absolute value
    long double powl(long double x, long double y)
    long double sqrtl(long double x)
    long double cbrtl(long double x)
    long double hypotl(long double x, long double y)
    long double fabsl(long double x)

    # Error and gamma functions
    long double erfl(long double x)
    long double erfcl(long double x)
    long double tgammal(long double x)
    long double lgammal(long double x)

    # Rounding
    long double ceill(long double x)
    long double floorl(long double x)
    long double truncl(long double x)
    long double roundl(long double x)
    long lroundl(long double x)
    long long llroundl(long double x)
    long double rintl(long double x)
    long lrintl(long double x)
    long long llrintl(long double x)
    long double nearbyintl(long double x)

    # Remainders
    long double fmodl(long double x, long double y)
    long double remainderl(long double x, long double y)
    long double remquol(long double x, long double y, int *quo)

    # Manipulation
    long double copysignl(long double x, long double y)
    long double nanl(const char *tagp)
    long double nextafterl(long double x, long double y)
    long double nexttowardl(long double x, long double y)

    # Maximum, minimum, positive difference, fused multiply-add
    long double fmaxl(long double x, long double y)
    long double fminl(long double x, long double y)
    long double fdiml(long double x, long double y)
    long double fmal(long double x, long double y, long double z)
