# OpenMP's runtime library (<omp.h>) for pyxc: `cimport openmp`. Linking needs the compiler's
# OpenMP flag (`# distutils: extra_compile_args = -fopenmp` and `extra_link_args = -fopenmp`).
# With that flag, `prange` loops run on OpenMP threads (docs/memoryviews.md).

cdef extern from "<omp.h>" nogil:
    ctypedef struct omp_lock_t:
        pass
    ctypedef struct omp_nest_lock_t:
        pass

    ctypedef enum omp_sched_t:
        omp_sched_static = 1
        omp_sched_dynamic = 2
        omp_sched_guided = 3
        omp_sched_auto = 4

    void omp_set_num_threads(int)
    int omp_get_num_threads()
    int omp_get_max_threads()
    int omp_get_thread_num()
    int omp_get_num_procs()
    int omp_in_parallel()
    void omp_set_dynamic(int)
    int omp_get_dynamic()
    void omp_set_nested(int)
    int omp_get_nested()

    void omp_init_lock(omp_lock_t *)
    void omp_destroy_lock(omp_lock_t *)
    void omp_set_lock(omp_lock_t *)
    void omp_unset_lock(omp_lock_t *)
    int omp_test_lock(omp_lock_t *)

    void omp_init_nest_lock(omp_nest_lock_t *)
    void omp_destroy_nest_lock(omp_nest_lock_t *)
    void omp_set_nest_lock(omp_nest_lock_t *)
    void omp_unset_nest_lock(omp_nest_lock_t *)
    int omp_test_nest_lock(omp_nest_lock_t *)

    double omp_get_wtime()
    double omp_get_wtick()

    void omp_set_schedule(omp_sched_t, int)
    void omp_get_schedule(omp_sched_t *, int *)
    int omp_get_thread_limit()
    void omp_set_max_active_levels(int)
    int omp_get_max_active_levels()
    int omp_get_level()
    int omp_get_ancestor_thread_num(int)
    int omp_get_team_size(int)
    int omp_get_active_level()
