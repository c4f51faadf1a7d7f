# POSIX memory mapping (<sys/mman.h>) for pyxc: `from posix.mman cimport mmap, munmap,
# PROT_READ, MAP_PRIVATE, MAP_FAILED`.

from posix.types cimport mode_t, off_t

cdef extern from "<sys/mman.h>" nogil:
    # Protections
    enum:
        PROT_EXEC
        PROT_READ
        PROT_WRITE
        PROT_NONE

    # Mapping kinds; MAP_ANONYMOUS (MAP_ANON) is not POSIX but everywhere
    enum:
        MAP_SHARED
        MAP_PRIVATE
        MAP_FIXED
        MAP_ANON
        MAP_ANONYMOUS

    # mmap()'s failure result
    void *MAP_FAILED

    # msync() flags
    enum:
        MS_ASYNC
        MS_SYNC
        MS_INVALIDATE

    # mlockall() flags
    enum:
        MCL_CURRENT
        MCL_FUTURE

    # posix_madvise() advice, and madvise()'s (not POSIX)
    enum:
        POSIX_MADV_NORMAL
        POSIX_MADV_SEQUENTIAL
        POSIX_MADV_RANDOM
        POSIX_MADV_WILLNEED
        POSIX_MADV_DONTNEED
        MADV_NORMAL
        MADV_SEQUENTIAL
        MADV_RANDOM
        MADV_WILLNEED
        MADV_DONTNEED

    void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
    int munmap(void *addr, size_t length)
    int mprotect(void *addr, size_t length, int prot)
    int msync(void *addr, size_t length, int flags)
    int mlock(const void *addr, size_t length)
    int munlock(const void *addr, size_t length)
    int mlockall(int flags)
    int munlockall()
    int posix_madvise(void *addr, size_t length, int advice)
    int madvise(void *addr, size_t length, int advice)

    # Shared memory objects
    int shm_open(const char *name, int oflag, mode_t mode)
    int shm_unlink(const char *name)
