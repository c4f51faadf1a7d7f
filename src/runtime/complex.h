/* C complex numbers (`float complex`, `double complex`, `long double complex`): C99 _Complex
   types, <complex.h>'s functions (cabs, conj, cpow), and conversions from and to Python's
   complex. One set of helpers per kind, suffixed f, d and l. */
/* <complex.h> defines `complex` and `I` as macros, as in Cython's modules (verbatim C may use
   them); generated code spells the types `T _Complex`. */
#include <complex.h>

/* A Python complex from any C complex. */
#define pyx_complex_box(z) PyComplex_FromDoubles((double)__real__ (z), (double)__imag__ (z))

#define PYX_COMPLEX_KIND(T, S)                                                              \
    /* The complex with these parts (a constant expression's value, or computed). */         \
    static inline T _Complex pyx_cplx_##S(T re, T im) {                                     \
        T _Complex z;                                                                       \
        __real__ z = re;                                                                    \
        __imag__ z = im;                                                                    \
        return z;                                                                           \
    }                                                                                       \
    /* Python's complex(o) as Cython converts it: a complex, or anything with __complex__,  \
       __float__ or __index__ (TypeError otherwise); -1 with an exception set on error. */  \
    static inline T _Complex pyx_as_complex_##S(PyObject *o) {                             \
        Py_complex c = PyComplex_CheckExact(o) ? ((PyComplexObject *)o)->cval               \
                                               : PyComplex_AsCComplex(o);                  \
        return pyx_cplx_##S((T)c.real, (T)c.imag);                                          \
    }

PYX_COMPLEX_KIND(float, f)
PYX_COMPLEX_KIND(double, d)
PYX_COMPLEX_KIND(long double, l)
