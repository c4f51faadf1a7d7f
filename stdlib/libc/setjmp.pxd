# C <setjmp.h> for pyxc: non-local jumps. `setjmp` returns 0 when it saves the context and
# the value given to `longjmp` when jumped to; a jump must not cross Python frames or skip
# reference-count cleanup, so keep both ends in one plain C function.

cdef extern from "<setjmp.h>" nogil:
    # Array types in C; pass them by name.
    ctypedef struct jmp_buf:
        pass
    ctypedef struct sigjmp_buf:
        pass

    int setjmp(jmp_buf env)
    void longjmp(jmp_buf env, int val)

    # POSIX: also save and restore the signal mask when savemask is nonzero.
    int sigsetjmp(sigjmp_buf env, int savemask)
    void siglongjmp(sigjmp_buf env, int val)
