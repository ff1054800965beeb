/*
 * sleef_kernels: ns/element of SLEEF's vector functions over n = 4096 elements, float64
 * and float32, AVX-512 and AVX2, the peer of dualgrad's BenchmarkKernel, for every
 * transcendental kernel of package vec. SLEEF's 1-ULP (u10) variant is used wherever
 * SLEEF 3.5 has one, which is every function but hypot: SLEEF has hypot only as u05
 * (0.5 ULP) and u35, so hypot is timed as u05. glibc's scalar functions are timed too,
 * for scale (sincos with glibc's sincos and sincosf).
 *
 * Inputs come from the generator of bench/kernel_test.go (same seed, same domain per
 * function), so the Go and C loops see the same values. Each kernel is checked against
 * glibc before it is timed: a wrong call would show as a large error.
 *
 *   sleef_kernels [name...]    names filter the rows: functions (sin, atan2, ...)
 *                              and/or levels (avx512, avx2, libm); none: every row
 *
 * Output: one line per kernel,
 * "kernel <func> <f64|f32> <level> <ns/elem> <max rel err> <SLEEF variant>", the
 * variant being u10, u05 or libm.
 */
#define _GNU_SOURCE /* glibc's sincos */
#include <immintrin.h>
#include <math.h>
#include <sleef.h>

#include "peers.h"

enum { N = 4096, PASSES = 16, SAMPLES = 201 };

/* An input domain of bench/kernel_test.go: [lo, lo+width), drawn from seed offset. */
struct domain {
	double lo, width;
	uint64_t seed;
};

static const struct domain trig_dom = {-8, 16, 1};       /* sin, cos, tan, sincos */
static const struct domain exp_dom = {-16, 32, 2};       /* exp, exp2, expm1 */
static const struct domain pos_dom = {0x1p-20, 1024, 3}; /* log family, pow base */
static const struct domain unit_dom = {-1, 2, 4};        /* asin, acos */
static const struct domain wide_dom = {-8, 16, 5};       /* atan, hyperbolic, cbrt, first operand */
static const struct domain erf_dom = {-4, 8, 6};         /* erf */
static const struct domain expo_dom = {-4, 8, 7};        /* pow exponent */
static const struct domain wide_dom2 = {-8, 16, 8};      /* second operand of atan2, hypot */
static const struct domain acosh_dom = {1, 1024, 10};    /* acosh */
static const struct domain atanh_dom = {-1, 2, 11};      /* atanh */

static double ad[N] __attribute__((aligned(64))), bd[N] __attribute__((aligned(64)));
static double yd[N] __attribute__((aligned(64))), zd[N] __attribute__((aligned(64)));
static float af[N] __attribute__((aligned(64))), bf[N] __attribute__((aligned(64)));
static float yf[N] __attribute__((aligned(64))), zf[N] __attribute__((aligned(64)));

/*
 * One pass of a kernel over the n inputs: a loop of vector calls of width W. Every pass
 * has the signature (a, b, y, z): unary kernels read a and write y, binary ones read a
 * and b, sincos writes sin to y and cos to z.
 */
#define PASS_UNARY(name, isa, T, W, LOAD, STORE, CALL)                                                \
	__attribute__((target(isa), noinline)) static void name(const T *a, const T *b, T *y, T *z) { \
		(void)b, (void)z;                                                                     \
		for (int i = 0; i < N; i += W) STORE(y + i, CALL(LOAD(a + i)));                       \
	}
#define PASS_BINARY(name, isa, T, W, LOAD, STORE, CALL)                                               \
	__attribute__((target(isa), noinline)) static void name(const T *a, const T *b, T *y, T *z) { \
		(void)z;                                                                              \
		for (int i = 0; i < N; i += W) STORE(y + i, CALL(LOAD(a + i), LOAD(b + i)));          \
	}
#define PASS_SINCOS(name, isa, T, W, LOAD, STORE, CALL)                                               \
	__attribute__((target(isa), noinline)) static void name(const T *a, const T *b, T *y, T *z) { \
		(void)b;                                                                              \
		for (int i = 0; i < N; i += W) {                                                      \
			__typeof__(CALL(LOAD(a + i))) r = CALL(LOAD(a + i));                          \
			STORE(y + i, r.x);                                                            \
			STORE(z + i, r.y);                                                            \
		}                                                                                     \
	}

/* The four vector levels: pass name, target, element type, lanes, load, store, SLEEF function. */
#define LEVELS(KIND, fn, u)                                                                                               \
	PASS_##KIND(pass_##fn##_d8, "avx512f", double, 8, _mm512_load_pd, _mm512_store_pd, Sleef_##fn##d8_##u##avx512f)   \
	PASS_##KIND(pass_##fn##_f16, "avx512f", float, 16, _mm512_load_ps, _mm512_store_ps, Sleef_##fn##f16_##u##avx512f) \
	PASS_##KIND(pass_##fn##_d4, "avx2,fma", double, 4, _mm256_load_pd, _mm256_store_pd, Sleef_##fn##d4_##u##avx2)     \
	PASS_##KIND(pass_##fn##_f8, "avx2,fma", float, 8, _mm256_load_ps, _mm256_store_ps, Sleef_##fn##f8_##u##avx2)

/* glibc's scalar functions, one call per element. */
#define LIBM_UNARY(fn)                                                                                                   \
	__attribute__((noinline)) static void pass_##fn##_libm(const double *a, const double *b, double *y, double *z) { \
		(void)b, (void)z;                                                                                        \
		for (int i = 0; i < N; i++) y[i] = fn(a[i]);                                                             \
	}                                                                                                                \
	__attribute__((noinline)) static void pass_##fn##f_libm(const float *a, const float *b, float *y, float *z) {    \
		(void)b, (void)z;                                                                                        \
		for (int i = 0; i < N; i++) y[i] = fn##f(a[i]);                                                          \
	}
#define LIBM_BINARY(fn)                                                                                                  \
	__attribute__((noinline)) static void pass_##fn##_libm(const double *a, const double *b, double *y, double *z) { \
		(void)z;                                                                                                 \
		for (int i = 0; i < N; i++) y[i] = fn(a[i], b[i]);                                                       \
	}                                                                                                                \
	__attribute__((noinline)) static void pass_##fn##f_libm(const float *a, const float *b, float *y, float *z) {    \
		(void)z;                                                                                                 \
		for (int i = 0; i < N; i++) y[i] = fn##f(a[i], b[i]);                                                    \
	}
#define LIBM_SINCOS(fn)                                                                                                  \
	__attribute__((noinline)) static void pass_##fn##_libm(const double *a, const double *b, double *y, double *z) { \
		(void)b;                                                                                                 \
		for (int i = 0; i < N; i++) sincos(a[i], &y[i], &z[i]);                                                  \
	}                                                                                                                \
	__attribute__((noinline)) static void pass_##fn##f_libm(const float *a, const float *b, float *y, float *z) {    \
		(void)b;                                                                                                 \
		for (int i = 0; i < N; i++) sincosf(a[i], &y[i], &z[i]);                                                 \
	}

/*
 * The functions: X(kind, name, SLEEF variant, domain of a, domain of b), kind UNARY,
 * BINARY or SINCOS, in the order of the README's table.
 */
#define FUNCTIONS(X)                               \
	X(UNARY, exp, u10, exp_dom, exp_dom)       \
	X(UNARY, exp2, u10, exp_dom, exp_dom)      \
	X(UNARY, expm1, u10, exp_dom, exp_dom)     \
	X(UNARY, log, u10, pos_dom, pos_dom)       \
	X(UNARY, log2, u10, pos_dom, pos_dom)      \
	X(UNARY, log10, u10, pos_dom, pos_dom)     \
	X(UNARY, log1p, u10, pos_dom, pos_dom)     \
	X(UNARY, sin, u10, trig_dom, trig_dom)     \
	X(UNARY, cos, u10, trig_dom, trig_dom)     \
	X(SINCOS, sincos, u10, trig_dom, trig_dom) \
	X(UNARY, tan, u10, trig_dom, trig_dom)     \
	X(UNARY, asin, u10, unit_dom, unit_dom)    \
	X(UNARY, acos, u10, unit_dom, unit_dom)    \
	X(UNARY, atan, u10, wide_dom, wide_dom)    \
	X(BINARY, atan2, u10, wide_dom, wide_dom2) \
	X(UNARY, sinh, u10, wide_dom, wide_dom)    \
	X(UNARY, cosh, u10, wide_dom, wide_dom)    \
	X(UNARY, tanh, u10, wide_dom, wide_dom)    \
	X(UNARY, asinh, u10, wide_dom, wide_dom)   \
	X(UNARY, acosh, u10, acosh_dom, acosh_dom) \
	X(UNARY, atanh, u10, atanh_dom, atanh_dom) \
	X(BINARY, pow, u10, pos_dom, expo_dom)     \
	X(UNARY, cbrt, u10, wide_dom, wide_dom)    \
	X(UNARY, erf, u10, erf_dom, erf_dom)       \
	X(BINARY, hypot, u05, wide_dom, wide_dom2)

#define DEFINE_PASSES(kind, fn, u, da, db) LEVELS(kind, fn, u) LIBM_##kind(fn)
FUNCTIONS(DEFINE_PASSES)

enum kind { UNARY, BINARY, SINCOS };

struct kernel {
	const char *fn, *type, *level, *cpu, *variant;
	enum kind kind;
	const struct domain *da, *db;
	void (*pd)(const double *, const double *, double *, double *);
	void (*pf)(const float *, const float *, float *, float *);
	double (*ref1)(double);
	double (*ref2)(double, double);
};

/* The glibc reference of each kind, as (unary, binary) functions; float32 results are
 * compared with the float64 functions at the float32 inputs. */
#define REFS_UNARY(fn) fn, NULL
#define REFS_BINARY(fn) NULL, fn
#define REFS_SINCOS(fn) sin, NULL

#define ROWS(kind, fn, u, da, db)                                                                      \
	{#fn, "f64", "avx512", "avx512f", #u, kind, &da, &db, pass_##fn##_d8, NULL, REFS_##kind(fn)},  \
	{#fn, "f32", "avx512", "avx512f", #u, kind, &da, &db, NULL, pass_##fn##_f16, REFS_##kind(fn)}, \
	{#fn, "f64", "avx2", "avx2", #u, kind, &da, &db, pass_##fn##_d4, NULL, REFS_##kind(fn)},       \
	{#fn, "f32", "avx2", "avx2", #u, kind, &da, &db, NULL, pass_##fn##_f8, REFS_##kind(fn)},       \
	{#fn, "f64", "libm", NULL, "libm", kind, &da, &db, pass_##fn##_libm, NULL, REFS_##kind(fn)},   \
	{#fn, "f32", "libm", NULL, "libm", kind, &da, &db, NULL, pass_##fn##f_libm, REFS_##kind(fn)},

static const struct kernel kernels[] = {FUNCTIONS(ROWS)};

/* rel_err is |got - ref| relative to max(|ref|, tiny); matching NaNs and infinities are 0. */
static double rel_err(double got, double ref) {
	if (got == ref || (isnan(got) && isnan(ref))) return 0;
	return fabs(got - ref) / fmax(fabs(ref), 1e-30);
}

/* max_rel_err compares one pass's output with glibc's float64 functions. */
static double max_rel_err(const struct kernel *k) {
	double worst = 0;
	for (int i = 0; i < N; i++) {
		double a = k->pd ? ad[i] : af[i], b = k->pd ? bd[i] : bf[i];
		double y = k->pd ? yd[i] : yf[i], z = k->pd ? zd[i] : zf[i];
		double err = k->ref1 ? rel_err(y, k->ref1(a)) : rel_err(y, k->ref2(a, b));
		if (k->kind == SINCOS) err = fmax(err, rel_err(z, cos(a)));
		if (err > worst) worst = err;
	}
	return worst;
}

static int cpu_has(const char *feature) {
	if (feature == NULL) return 1;
	__builtin_cpu_init();
	if (strcmp(feature, "avx512f") == 0) return __builtin_cpu_supports("avx512f");
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* selected reports whether the arguments ask for k: every named function (if any is
 * named) at every named level (if any is named). */
static int selected(const struct kernel *k, int argc, char **argv) {
	int fn_named = 0, fn_match = 0, level_named = 0, level_match = 0;
	for (int i = 1; i < argc; i++) {
		int is_level = strcmp(argv[i], "avx512") == 0 || strcmp(argv[i], "avx2") == 0 || strcmp(argv[i], "libm") == 0;
		if (is_level) {
			level_named = 1;
			level_match |= strcmp(argv[i], k->level) == 0;
		} else {
			fn_named = 1;
			fn_match |= strcmp(argv[i], k->fn) == 0;
		}
	}
	return (!fn_named || fn_match) && (!level_named || level_match);
}

static void fill(double *d, float *f, const struct domain *dom) {
	peers_uniform(d, N, dom->lo, dom->width, PEERS_DEFAULT_SEED + dom->seed);
	for (int i = 0; i < N; i++) f[i] = (float)d[i];
}

int main(int argc, char **argv) {
	static double samples[SAMPLES];
	size_t count = sizeof kernels / sizeof kernels[0];
	for (int i = 1; i < argc; i++) {
		int known = 0;
		for (size_t k = 0; k < count && !known; k++) {
			known = strcmp(argv[i], kernels[k].fn) == 0 || strcmp(argv[i], kernels[k].level) == 0;
		}
		if (!known) {
			fprintf(stderr, "sleef_kernels: unknown function or level %s\n", argv[i]);
			return 2;
		}
	}
	for (size_t k = 0; k < count; k++) {
		const struct kernel *kn = &kernels[k];
		if (!selected(kn, argc, argv)) continue;
		if (!cpu_has(kn->cpu)) {
			printf("kernel %s %s %s unsupported - %s\n", kn->fn, kn->type, kn->level, kn->variant);
			continue;
		}
		fill(ad, af, kn->da);
		fill(bd, bf, kn->db);
		if (kn->pd) kn->pd(ad, bd, yd, zd); else kn->pf(af, bf, yf, zf);
		double err = max_rel_err(kn);
		for (int s = 0; s < SAMPLES; s++) {
			double t0 = peers_now();
			for (int p = 0; p < PASSES; p++) {
				if (kn->pd) kn->pd(ad, bd, yd, zd); else kn->pf(af, bf, yf, zf);
				__asm__ volatile("" ::: "memory"); /* keep every pass */
			}
			samples[s] = (peers_now() - t0) / ((double)PASSES * N);
		}
		printf("kernel %s %s %s %.3f %.2e %s\n", kn->fn, kn->type, kn->level,
		       peers_median(samples, SAMPLES), err, kn->variant);
	}
	return 0;
}
