# Dynamic loading (<dlfcn.h>) for pyxc: `from posix.dlfcn cimport dlopen, dlsym, RTLD_NOW`.
# dlerror() describes the last failure (NULL when none).

cdef extern from "<dlfcn.h>" nogil:
    enum:
        RTLD_LAZY
        RTLD_NOW
        RTLD_GLOBAL
        RTLD_LOCAL
        # Not POSIX: glibc and the BSDs
        RTLD_NODELETE
        RTLD_NOLOAD

    # Pseudo-handles for dlsym() (not POSIX: glibc and the BSDs)
    void *RTLD_DEFAULT
    void *RTLD_NEXT

    void *dlopen(const char *file, int mode)
    void *dlsym(void *handle, const char *name)
    int dlclose(void *handle)
    char *dlerror()

    # Where an address comes from (not POSIX: glibc and the BSDs)
    ctypedef struct Dl_info:
        const char *dli_fname
        void *dli_fbase
        const char *dli_sname
        void *dli_saddr
    int dladdr(const void *addr, Dl_info *info)
