/* A small C library for tests/e2e/cinterop.pyx, compiled in through `# distutils: sources`. */
long csum_scaled(const long *values, int n);

/* Sizes only the C compiler knows: pyxc sizes arrays with them by name. */
#define CSUM_SLOTS 4
enum { CSUM_EXTRA = 2 };
