/* pyxc runtime prelude: headers and compiler attributes, shared by every module and by the
   cached runtime library (rtlib). The driver may have read it already, precompiled (see
   driver/pch.rs). */
#ifndef PYX_PRELUDE_H
#define PYX_PRELUDE_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <stddef.h>

#define pyx_likely(x) __builtin_expect(!!(x), 1)
#define pyx_unlikely(x) __builtin_expect(!!(x), 0)
#define PYX_UNUSED __attribute__((unused))
#define PYX_COLD __attribute__((cold, noinline))
/* The C function `f`, hidden from the optimiser: a call through it stays a call (see
   `FnLower::entry_call` for when pyxc wants that). */
#define PYX_OUT_OF_LINE(f) \
    (__extension__({ __typeof__(&(f)) pyx_f_ = &(f); __asm__("" : "+r"(pyx_f_)); pyx_f_; }))

/* Runtime-library functions (the larger, cold helpers: argument parsing, conversion errors).
   By default a module only declares them and links the runtime library that the driver
   compiles once per interpreter and flag set (hidden: every module has its own copy). With
   PYX_RT_SELF_CONTAINED, the including file defines them itself (static). */
#ifndef PYX_RT
#  ifdef PYX_RT_SELF_CONTAINED
#    define PYX_RT static PYX_UNUSED
#    define PYX_RT_IMPLEMENTATION 1
#  else
#    define PYX_RT __attribute__((visibility("hidden")))
#  endif
#endif


/* `cython.parallel.threadid()`: OpenMP's thread number when built with -fopenmp. */
#ifdef _OPENMP
#  include <omp.h>
#  define pyx_threadid() omp_get_thread_num()
#else
#  define pyx_threadid() 0
#endif

#endif /* PYX_PRELUDE_H */
