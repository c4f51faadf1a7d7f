#include "_csum.h"

/* CSUM_SCALE comes from `# distutils: define_macros` in the .pyx. */
long csum_scaled(const long *values, int n) {
    long total = 0;
    for (int i = 0; i < n; i++)
        total += values[i];
    return total * CSUM_SCALE;
}
