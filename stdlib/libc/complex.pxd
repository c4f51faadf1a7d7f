# C99 <complex.h> for pyxc: `from libc.complex cimport cexp, csqrt`.
#
# The double versions, as Cython's libc/complex.pxd declares them, then the float (`...f`)
# and long double (`...l`) ones. Arithmetic, `abs(z)`, `z.conjugate()`, `z.real` and
# `z.imag` need no cimport.

cdef extern from "<complex.h>" nogil:
    # Trigonometric and hyperbolic functions
    double complex cacos(double complex z)
    double complex casin(double complex z)
    double complex catan(double complex z)
    double complex ccos(double complex z)
    double complex csin(double complex z)
    double complex ctan(double complex z)
    double complex cacosh(double complex z)
    double complex casinh(double complex z)
    double complex catanh(double complex z)
    double complex ccosh(double complex z)
    double complex csinh(double complex z)
    double complex ctanh(double complex z)

    # Exponentials, logarithms and powers
    double complex cexp(double complex z)
    double complex clog(double complex z)
    double complex cpow(double complex x, double complex y)
    double complex csqrt(double complex z)

    # Modulus, argument, conjugate, projection and parts
    double cabs(double complex z)
    double carg(double complex z)
    double complex conj(double complex z)
    double complex cproj(double complex z)
    double creal(double complex z)
    double cimag(double complex z)

    # float complex
    float complex cexpf(float complex z)
    float complex clogf(float complex z)
    float complex cpowf(float complex x, float complex y)
    float complex csqrtf(float complex z)
    float complex csinf(float complex z)
    float complex ccosf(float complex z)
    float cabsf(float complex z)
    float cargf(float complex z)
    float complex conjf(float complex z)
    float crealf(float complex z)
    float cimagf(float complex z)

    # long double complex
    long double complex cexpl(long double complex z)
    long double complex clogl(long double complex z)
    long double complex cpowl(long double complex x, long double complex y)
    long double complex csqrtl(long double complex z)
    long double complex csinl(long double complex z)
    long double complex ccosl(long double complex z)
    long double cabsl(long double complex z)
    long double cargl(long double complex z)
    long double complex conjl(long double complex z)
    long double creall(long double complex z)
    long double cimagl(long double complex z)
