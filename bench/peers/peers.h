/*
 * Shared helpers for the C peers: the point generator that bench/points.go defines
 * (bit-identical inputs across Go, C and Python), timing, medians and checksums.
 */
#ifndef DUALGRAD_PEERS_H
#define DUALGRAD_PEERS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The generator seed bench.DefaultSeed. */
#define PEERS_DEFAULT_SEED 0x5eedULL

/* SplitMix64, as bench.splitmix64: wrapping 64-bit integer arithmetic only. */
static inline uint64_t peers_splitmix64(uint64_t *state) {
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * peers_seed_points fills xs, ys as bench.SeedPoints does: x in [0.1, 3.1), y in [-4, 4).
 * The integer is scaled by an exact power of two, so a fused multiply-add (which
 * -march=native may emit) rounds exactly like the separate multiply and add.
 */
static inline void peers_seed_points(double *xs, double *ys, size_t n, uint64_t seed) {
	uint64_t state = seed;
	for (size_t i = 0; i < n; i++) {
		uint64_t kx = peers_splitmix64(&state) >> 14;
		uint64_t ky = peers_splitmix64(&state) >> 14;
		xs[i] = 0.1 + (double)(3 * kx) * 0x1p-50;
		ys[i] = -4.0 + (double)ky * 0x1p-47;
	}
}

/*
 * peers_uniform fills v with n values uniform in [lo, lo + width) from seed, as
 * bench.uniform does. width must be a power of two, so the scaling is exact and only
 * the addition rounds, whether or not the compiler fuses it.
 */
static inline void peers_uniform(double *v, size_t n, double lo, double width, uint64_t seed) {
	uint64_t state = seed;
	double scale = width * 0x1p-53;
	for (size_t i = 0; i < n; i++) {
		v[i] = lo + (double)(peers_splitmix64(&state) >> 11) * scale;
	}
}

/* peers_bits_sum is the wrapping sum of the IEEE bit patterns: an exact,
 * order-independent fingerprint of the inputs. */
static inline uint64_t peers_bits_sum(const double *v, size_t n) {
	uint64_t s = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t b;
		memcpy(&b, &v[i], sizeof b);
		s += b;
	}
	return s;
}

/* peers_sum adds v in index order. */
static inline double peers_sum(const double *v, size_t n) {
	double s = 0;
	for (size_t i = 0; i < n; i++) s += v[i];
	return s;
}

/* peers_now returns a monotonic time in nanoseconds. */
static inline double peers_now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int peers_cmp_double(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* peers_median sorts v in place and returns its median. */
static inline double peers_median(double *v, size_t n) {
	qsort(v, n, sizeof *v, peers_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* peers_alloc returns 64-byte-aligned memory for n doubles, or exits. */
static inline void *peers_alloc(size_t bytes) {
	void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
	if (p == NULL) {
		fprintf(stderr, "out of memory allocating %zu bytes\n", bytes);
		exit(1);
	}
	return p;
}

#endif
