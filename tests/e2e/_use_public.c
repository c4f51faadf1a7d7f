/* C code built into the module public_api (tests/e2e/public_api.pyx): it reaches the module's
   `cdef public` names through the generated public_api.h, and its `cdef api` function through
   public_api_api.h, as C code written against a Cython module does. */
#include "public_api.h"
#include "public_api_api.h"
#include "_use_public.h"

int call_add(int a, int b) {
    counter += 1.0;
    return add(a, b);
}

double counter_seen_from_c(void) {
    return counter;
}

double call_half_through_api(double x) {
    if (import_public_api() < 0)
        return -1.0;
    return half(x);
}
