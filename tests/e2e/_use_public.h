/* C functions of _use_public.c, declared for public_api.pyx. */
int call_add(int a, int b);
double counter_seen_from_c(void);
double call_half_through_api(double x);
