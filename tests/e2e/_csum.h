/* A small C library for tests/e2e/cinterop.pyx, compiled in through `# distutils: sources`. */
long csum_scaled(const long *values, int n);

/* Sizes only the C compiler knows: pyxc sizes arrays with them by name. */
#define CSUM_SLOTS 4
enum { CSUM_EXTRA = 2 };

/* Read-only pointers (`* const` declarators). */
static const char *const csum_names[2] = {"sum", "scale"};
static const long csum_one = 1;
static const long *const csum_unit = &csum_one;
