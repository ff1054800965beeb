/*
 * sleef_kernels: ns/element of SLEEF's 1-ULP (u10) vector sin, cos, exp and log over
 * n = 4096 elements, float64 and float32, AVX-512 and AVX2, the peer of dualgrad's
 * BenchmarkKernel. glibc's scalar functions are timed too, for scale.
 *
 * Inputs come from the generator of bench/kernel_test.go (same seed, same domain per
 * function), so the Go and C loops see the same values. Each kernel is checked against
 * glibc before it is timed: a wrong call would show as a large error.
 *
 * Output: one line per kernel, "kernel <func> <f64|f32> <level> <ns/elem> <max rel err>".
 */
#include <immintrin.h>
#include <math.h>
#include <sleef.h>

#include "peers.h"

enum { N = 4096, PASSES = 16, SAMPLES = 201 };

/* Inputs per function, as domainFor in bench/kernel_test.go. */
static void kernel_inputs(const char *fn, double *v) {
	if (strcmp(fn, "exp") == 0) {
		peers_uniform(v, N, -16, 32, PEERS_DEFAULT_SEED + 2);
	} else if (strcmp(fn, "log") == 0) {
		peers_uniform(v, N, 0x1p-20, 1024, PEERS_DEFAULT_SEED + 3);
	} else { /* sin, cos */
		peers_uniform(v, N, -8, 16, PEERS_DEFAULT_SEED + 1);
	}
}

static double xd[N] __attribute__((aligned(64))), yd[N] __attribute__((aligned(64)));
static float xf[N] __attribute__((aligned(64))), yf[N] __attribute__((aligned(64)));

/* One pass of a kernel over the n inputs: a loop of vector calls of width W. */
#define PASS_FN(name, isa, T, V, W, LOAD, STORE, CALL)                              \
	__attribute__((target(isa), noinline)) static void name(const T *x, T *y) {      \
		for (int i = 0; i < N; i += W) {                                                  \
			V v = LOAD(x + i);                                                            \
			STORE(y + i, CALL(v));                                                        \
		}                                                                                 \
	}

#define D8(fn) PASS_FN(pass_##fn##_d8, "avx512f", double, __m512d, 8, _mm512_load_pd, _mm512_store_pd, Sleef_##fn##d8_u10avx512f)
#define F16(fn) PASS_FN(pass_##fn##_f16, "avx512f", float, __m512, 16, _mm512_load_ps, _mm512_store_ps, Sleef_##fn##f16_u10avx512f)
#define D4(fn) PASS_FN(pass_##fn##_d4, "avx2,fma", double, __m256d, 4, _mm256_load_pd, _mm256_store_pd, Sleef_##fn##d4_u10avx2)
#define F8(fn) PASS_FN(pass_##fn##_f8, "avx2,fma", float, __m256, 8, _mm256_load_ps, _mm256_store_ps, Sleef_##fn##f8_u10avx2)
#define ALL(fn) D8(fn) F16(fn) D4(fn) F8(fn)
ALL(sin) ALL(cos) ALL(exp) ALL(log)

/* glibc's scalar functions, one call per element. */
#define LIBM_D(fn)                                                                 \
	__attribute__((noinline)) static void pass_##fn##_libm(const double *x, double *y) { \
		for (int i = 0; i < N; i++) y[i] = fn(x[i]);                                     \
	}
#define LIBM_F(fn)                                                                  \
	__attribute__((noinline)) static void pass_##fn##f_libm(const float *x, float *y) { \
		for (int i = 0; i < N; i++) y[i] = fn##f(x[i]);                                   \
	}
LIBM_D(sin) LIBM_D(cos) LIBM_D(exp) LIBM_D(log)
LIBM_F(sin) LIBM_F(cos) LIBM_F(exp) LIBM_F(log)

struct kernel {
	const char *fn, *type, *level, *cpu;
	void (*pd)(const double *, double *);
	void (*pf)(const float *, float *);
	double (*refd)(double);
	float (*reff)(float);
};

#define ROWS(fn)                                                                        \
	{#fn, "f64", "avx512", "avx512f", pass_##fn##_d8, NULL, fn, NULL},                  \
	{#fn, "f32", "avx512", "avx512f", NULL, pass_##fn##_f16, NULL, fn##f},              \
	{#fn, "f64", "avx2", "avx2", pass_##fn##_d4, NULL, fn, NULL},                       \
	{#fn, "f32", "avx2", "avx2", NULL, pass_##fn##_f8, NULL, fn##f},                    \
	{#fn, "f64", "libm", NULL, pass_##fn##_libm, NULL, fn, NULL},                       \
	{#fn, "f32", "libm", NULL, NULL, pass_##fn##f_libm, NULL, fn##f}

static const struct kernel kernels[] = {ROWS(sin), ROWS(cos), ROWS(exp), ROWS(log)};

/* max_rel_err compares one pass's output with glibc, relative to max(|ref|, tiny). */
static double max_rel_err(const struct kernel *k) {
	double worst = 0;
	for (int i = 0; i < N; i++) {
		double got, ref;
		if (k->pd) {
			got = yd[i], ref = k->refd(xd[i]);
		} else {
			got = yf[i], ref = k->reff(xf[i]);
		}
		double err = fabs(got - ref) / fmax(fabs(ref), 1e-30);
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

int main(void) {
	static double samples[SAMPLES];
	for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
		const struct kernel *kn = &kernels[k];
		if (!cpu_has(kn->cpu)) {
			printf("kernel %s %s %s unsupported -\n", kn->fn, kn->type, kn->level);
			continue;
		}
		kernel_inputs(kn->fn, xd);
		for (int i = 0; i < N; i++) xf[i] = (float)xd[i];
		if (kn->pd) kn->pd(xd, yd); else kn->pf(xf, yf);
		double err = max_rel_err(kn);
		for (int s = 0; s < SAMPLES; s++) {
			double t0 = peers_now();
			for (int p = 0; p < PASSES; p++) {
				if (kn->pd) kn->pd(xd, yd); else kn->pf(xf, yf);
				__asm__ volatile("" ::: "memory"); /* keep every pass */
			}
			samples[s] = (peers_now() - t0) / ((double)PASSES * N);
		}
		printf("kernel %s %s %s %.3f %.2e\n", kn->fn, kn->type, kn->level,
		       peers_median(samples, SAMPLES), err);
	}
	return 0;
}
