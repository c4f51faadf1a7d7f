/* A small C library for tests/e2e/cinterop.pyx, compiled in through `# distutils: sources`. */
long csum_scaled(const long *values, int n);
