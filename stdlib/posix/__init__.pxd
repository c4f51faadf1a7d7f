# POSIX interfaces for pyxc, by header: `from posix.unistd cimport getpid`.
