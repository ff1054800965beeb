/*
 * sleef_seed: the value and both partials of f = sin(xy)/sin(x) at 1<<20 points, the
 * peer of dualgrad's BenchmarkSeedBatch. The analytic gradient is vectorized by hand
 * with SLEEF's 1-ULP sincos (AVX-512 and AVX2); a scalar loop over glibc's sincos is
 * timed too, for scale. Points come from bench.SeedPoints (same generator, same seed).
 *
 * The same in float32 (the points rounded once to float32, SLEEF's float32 u10
 * sincos) gives the seed32 lines. sleef-avx512-blocked is the AVX-512 loop cut into
 * expr's passes over blocks (see seed_avx512_blocked).
 *
 * Output lines:
 *   inputs <bits-sum of xs> <bits-sum of ys>         exact fingerprint, hex
 *   seed <variant> <ns/point> <sum f> <sum df/dx> <sum df/dy>
 *   seed32 <variant> <ns/point> <sum f> <sum df/dx> <sum df/dy>   (float32, summed in double)
 */
#define _GNU_SOURCE /* sincos */
#include <immintrin.h>
#include <math.h>
#include <sleef.h>

#include "peers.h"

enum { NPOINTS = 1 << 20, SAMPLES = 11 };

static double *xs, *ys, *fo, *dxo, *dyo;
static float *xs32, *ys32, *fo32, *dxo32, *dyo32;

/*
 * Per point: (sxy, cxy) = sincos(xy), (sx, cx) = sincos(x), r = 1/sx,
 * f = sxy·r, df/dy = x·cxy·r, df/dx = (y·cxy − f·cx)·r,
 * which is the quotient rule (y·cxy·sx − sxy·cx)/sx² with one division.
 */
__attribute__((target("avx512f"), noinline)) static void seed_avx512(void) {
	for (int i = 0; i < NPOINTS; i += 8) {
		__m512d x = _mm512_load_pd(xs + i), y = _mm512_load_pd(ys + i);
		Sleef___m512d_2 a = Sleef_sincosd8_u10avx512f(_mm512_mul_pd(x, y));
		Sleef___m512d_2 b = Sleef_sincosd8_u10avx512f(x);
		__m512d r = _mm512_div_pd(_mm512_set1_pd(1), b.x);
		__m512d f = _mm512_mul_pd(a.x, r);
		_mm512_store_pd(fo + i, f);
		_mm512_store_pd(dyo + i, _mm512_mul_pd(_mm512_mul_pd(x, a.y), r));
		_mm512_store_pd(dxo + i, _mm512_mul_pd(_mm512_fnmadd_pd(f, b.y, _mm512_mul_pd(y, a.y)), r));
	}
}

/*
 * The same arithmetic as seed_avx512, in the shape of dualgrad's compiled program
 * (expr's Program.String: r2 = mul x y; r3 = sin r2; r2 = sin x; r4 = div r3 r2):
 * one pass per instruction over a block of BLOCK points held in the cache, the last
 * pass writing the results with non-temporal stores, as expr's batch evaluation
 * does. The difference from seed_avx512 is what that structure costs, whatever the
 * kernels; the results are bit for bit seed_avx512's.
 */
/* expr's block for this program up to c728094 (192 KiB of registers); its block since,
 * 3264 points, measured the same here (3.44-3.72 against 3.44-3.61 ns/point, four
 * alternated runs on the Zen 5 VM). */
enum { BLOCK = 1600 };
static double blk_t[BLOCK], blk_sxy[BLOCK], blk_dx[BLOCK], blk_dy[BLOCK], blk_sx[BLOCK], blk_cx[BLOCK];

__attribute__((target("avx512f"), noinline)) static void seed_avx512_blocked(void) {
	for (int start = 0; start < NPOINTS; start += BLOCK) {
		int m = NPOINTS - start < BLOCK ? NPOINTS - start : BLOCK; /* a multiple of 8 */
		const double *x = xs + start, *y = ys + start;
		for (int i = 0; i < m; i += 8)
			_mm512_store_pd(blk_t + i, _mm512_mul_pd(_mm512_load_pd(x + i), _mm512_load_pd(y + i)));
		for (int i = 0; i < m; i += 8) { /* sin of xy, tangents y·cos(xy) and x·cos(xy) */
			Sleef___m512d_2 a = Sleef_sincosd8_u10avx512f(_mm512_load_pd(blk_t + i));
			_mm512_store_pd(blk_sxy + i, a.x);
			_mm512_store_pd(blk_dx + i, _mm512_mul_pd(_mm512_load_pd(y + i), a.y));
			_mm512_store_pd(blk_dy + i, _mm512_mul_pd(_mm512_load_pd(x + i), a.y));
		}
		for (int i = 0; i < m; i += 8) {
			Sleef___m512d_2 b = Sleef_sincosd8_u10avx512f(_mm512_load_pd(x + i));
			_mm512_store_pd(blk_sx + i, b.x);
			_mm512_store_pd(blk_cx + i, b.y);
		}
		for (int i = 0; i < m; i += 8) {
			__m512d r = _mm512_div_pd(_mm512_set1_pd(1), _mm512_load_pd(blk_sx + i));
			__m512d f = _mm512_mul_pd(_mm512_load_pd(blk_sxy + i), r);
			_mm512_stream_pd(fo + start + i, f);
			_mm512_stream_pd(dyo + start + i, _mm512_mul_pd(_mm512_load_pd(blk_dy + i), r));
			_mm512_stream_pd(dxo + start + i,
			                 _mm512_mul_pd(_mm512_fnmadd_pd(f, _mm512_load_pd(blk_cx + i), _mm512_load_pd(blk_dx + i)), r));
		}
	}
	_mm_sfence();
}

__attribute__((target("avx2,fma"), noinline)) static void seed_avx2(void) {
	for (int i = 0; i < NPOINTS; i += 4) {
		__m256d x = _mm256_load_pd(xs + i), y = _mm256_load_pd(ys + i);
		Sleef___m256d_2 a = Sleef_sincosd4_u10avx2(_mm256_mul_pd(x, y));
		Sleef___m256d_2 b = Sleef_sincosd4_u10avx2(x);
		__m256d r = _mm256_div_pd(_mm256_set1_pd(1), b.x);
		__m256d f = _mm256_mul_pd(a.x, r);
		_mm256_store_pd(fo + i, f);
		_mm256_store_pd(dyo + i, _mm256_mul_pd(_mm256_mul_pd(x, a.y), r));
		_mm256_store_pd(dxo + i, _mm256_mul_pd(_mm256_fnmadd_pd(f, b.y, _mm256_mul_pd(y, a.y)), r));
	}
}

__attribute__((target("avx512f"), noinline)) static void seed_avx512_f32(void) {
	for (int i = 0; i < NPOINTS; i += 16) {
		__m512 x = _mm512_load_ps(xs32 + i), y = _mm512_load_ps(ys32 + i);
		Sleef___m512_2 a = Sleef_sincosf16_u10avx512f(_mm512_mul_ps(x, y));
		Sleef___m512_2 b = Sleef_sincosf16_u10avx512f(x);
		__m512 r = _mm512_div_ps(_mm512_set1_ps(1), b.x);
		__m512 f = _mm512_mul_ps(a.x, r);
		_mm512_store_ps(fo32 + i, f);
		_mm512_store_ps(dyo32 + i, _mm512_mul_ps(_mm512_mul_ps(x, a.y), r));
		_mm512_store_ps(dxo32 + i, _mm512_mul_ps(_mm512_fnmadd_ps(f, b.y, _mm512_mul_ps(y, a.y)), r));
	}
}

__attribute__((target("avx2,fma"), noinline)) static void seed_avx2_f32(void) {
	for (int i = 0; i < NPOINTS; i += 8) {
		__m256 x = _mm256_load_ps(xs32 + i), y = _mm256_load_ps(ys32 + i);
		Sleef___m256_2 a = Sleef_sincosf8_u10avx2(_mm256_mul_ps(x, y));
		Sleef___m256_2 b = Sleef_sincosf8_u10avx2(x);
		__m256 r = _mm256_div_ps(_mm256_set1_ps(1), b.x);
		__m256 f = _mm256_mul_ps(a.x, r);
		_mm256_store_ps(fo32 + i, f);
		_mm256_store_ps(dyo32 + i, _mm256_mul_ps(_mm256_mul_ps(x, a.y), r));
		_mm256_store_ps(dxo32 + i, _mm256_mul_ps(_mm256_fnmadd_ps(f, b.y, _mm256_mul_ps(y, a.y)), r));
	}
}

/* The scalar analytic loop of bench.SeedAnalytic, over glibc's sincos. */
__attribute__((noinline)) static void seed_libm(void) {
	for (int i = 0; i < NPOINTS; i++) {
		double x = xs[i], y = ys[i], sxy, cxy, sx, cx;
		sincos(x * y, &sxy, &cxy);
		sincos(x, &sx, &cx);
		fo[i] = sxy / sx;
		dxo[i] = (y * cxy * sx - sxy * cx) / (sx * sx);
		dyo[i] = x * cxy / sx;
	}
}

static double sum32(const float *v) {
	double s = 0;
	for (int i = 0; i < NPOINTS; i++) s += v[i];
	return s;
}

/* run times body and prints its line: kind "seed" over the double outputs, "seed32"
 * over the float ones. */
static void run(const char *kind, const char *name, const char *cpu, void (*body)(void)) {
	if (cpu != NULL) {
		__builtin_cpu_init();
		int ok = strcmp(cpu, "avx512f") == 0
		             ? __builtin_cpu_supports("avx512f")
		             : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
		if (!ok) {
			printf("%s %s unsupported - - -\n", kind, name);
			return;
		}
	}
	static double samples[SAMPLES];
	body(); /* warm up: page in the outputs */
	for (int s = 0; s < SAMPLES; s++) {
		double t0 = peers_now();
		body();
		samples[s] = (peers_now() - t0) / NPOINTS;
	}
	int single = strcmp(kind, "seed32") == 0;
	printf("%s %s %.3f %.17g %.17g %.17g\n", kind, name, peers_median(samples, SAMPLES),
	       single ? sum32(fo32) : peers_sum(fo, NPOINTS), single ? sum32(dxo32) : peers_sum(dxo, NPOINTS),
	       single ? sum32(dyo32) : peers_sum(dyo, NPOINTS));
}

int main(void) {
	size_t bytes = NPOINTS * sizeof(double);
	xs = peers_alloc(bytes), ys = peers_alloc(bytes);
	fo = peers_alloc(bytes), dxo = peers_alloc(bytes), dyo = peers_alloc(bytes);
	peers_seed_points(xs, ys, NPOINTS, PEERS_DEFAULT_SEED);
	printf("inputs %016llx %016llx\n", (unsigned long long)peers_bits_sum(xs, NPOINTS),
	       (unsigned long long)peers_bits_sum(ys, NPOINTS));
	run("seed", "sleef-avx512", "avx512f", seed_avx512);
	run("seed", "sleef-avx512-blocked", "avx512f", seed_avx512_blocked);
	run("seed", "sleef-avx2", "avx2", seed_avx2);
	run("seed", "libm-scalar", NULL, seed_libm);

	size_t bytes32 = NPOINTS * sizeof(float);
	xs32 = peers_alloc(bytes32), ys32 = peers_alloc(bytes32);
	fo32 = peers_alloc(bytes32), dxo32 = peers_alloc(bytes32), dyo32 = peers_alloc(bytes32);
	for (int i = 0; i < NPOINTS; i++) xs32[i] = (float)xs[i], ys32[i] = (float)ys[i];
	run("seed32", "sleef-avx512-f32", "avx512f", seed_avx512_f32);
	run("seed32", "sleef-avx2-f32", "avx2", seed_avx2_f32);
	return 0;
}
