/*
 * ceres_jet: Ceres Solver's forward-mode dual number ceres::Jet (header-only,
 * ceres/jet.h) on the workloads of dualgrad's peer comparison:
 *
 *   point   value and both partials of f = sin(xy)/sin(x) at a point that moves every
 *           call (the walk of bench.pointWalk), ns per call; peer of BenchmarkSeedPoint
 *   seed    the same at the 1<<20 points of bench.SeedPoints, ns per point; peer of
 *           BenchmarkSeedBatch
 *   rosen   value and gradient of the n-dimensional Rosenbrock function at
 *           bench.RosenbrockStart(n), ns per gradient; peer of BenchmarkRosenbrockGradient.
 *           A gradient of n inputs takes ceil(n/8) passes of Jet<double, 8>, the
 *           chunking of Ceres's DynamicAutoDiffCostFunction and of dualgrad's
 *           DualGradient (8 partials per pass).
 *
 * Output lines (the format of the other peers; see run):
 *   inputs <bits-sum of xs> <bits-sum of ys>
 *   point <name> <ns/call> <f dfdx dfdy at (2,3)> <f dfdx dfdy at (1.5,-1.5)>
 *   seed <name> <ns/point> <sum f> <sum df/dx> <sum df/dy>
 *   rosen <name> <n> <ns/gradient> <f> <sum of grad> <sum of (i+1)*grad[i]>
 */
#include <ceres/jet.h>

#include <vector>

extern "C" {
#include "peers.h"
}

namespace {

constexpr size_t kPoints = 1 << 20;
constexpr int kSamples = 11;
constexpr int kStride = 8;  // partials per Rosenbrock pass

using Jet2 = ceres::Jet<double, 2>;
using Jet8 = ceres::Jet<double, kStride>;

// The seed function over any number type: plain code, as a Ceres user writes a functor.
template <typename T>
T seed(const T& x, const T& y) {
	return sin(x * y) / sin(x);
}

// seedPoint returns f and both partials at (x, y) with one Jet<double, 2> pass.
__attribute__((noinline)) void seedPoint(double x, double y, double out[3]) {
	Jet2 f = seed(Jet2(x, 0), Jet2(y, 1));
	out[0] = f.a;
	out[1] = f.v[0];
	out[2] = f.v[1];
}

// PointWalk is bench.pointWalk: a small irrational step per call, wrapping at the edges.
struct PointWalk {
	double x = 1.6, y = 0.5;
	void next(double* px, double* py) {
		*px = x;
		*py = y;
		x += 0.0012345678901;
		if (x >= 3.1) x -= 3.1 - 0.1;
		y += 0.0023456789012;
		if (y >= 4.0) y -= 4.0 - -4.0;
	}
};

void runPoint() {
	constexpr int calls = 200000;
	double samples[kSamples], acc = 0, r[3];
	PointWalk w;
	for (int s = 0; s < kSamples; s++) {
		double t0 = peers_now();
		for (int i = 0; i < calls; i++) {
			double x, y;
			w.next(&x, &y);
			seedPoint(x, y, r);
			acc += r[0] + r[1] + r[2];
		}
		samples[s] = (peers_now() - t0) / calls;
	}
	double a[3], b[3];
	seedPoint(2, 3, a);
	seedPoint(1.5, -1.5, b);
	printf("point ceres-jet %.3f %.17g %.17g %.17g %.17g %.17g %.17g\n",
	       peers_median(samples, kSamples), a[0], a[1], a[2], b[0], b[1], b[2]);
	if (acc == 0.123) printf("(unlikely)\n");  // keeps acc, and so the calls, alive
}

void runSeed() {
	std::vector<double> xs(kPoints), ys(kPoints), fo(kPoints), dxo(kPoints), dyo(kPoints);
	peers_seed_points(xs.data(), ys.data(), kPoints, PEERS_DEFAULT_SEED);
	printf("inputs %016llx %016llx\n", (unsigned long long)peers_bits_sum(xs.data(), kPoints),
	       (unsigned long long)peers_bits_sum(ys.data(), kPoints));
	auto body = [&] {
		for (size_t i = 0; i < kPoints; i++) {
			Jet2 f = seed(Jet2(xs[i], 0), Jet2(ys[i], 1));
			fo[i] = f.a;
			dxo[i] = f.v[0];
			dyo[i] = f.v[1];
		}
	};
	double samples[kSamples];
	body();  // warm up: page in the outputs
	for (int s = 0; s < kSamples; s++) {
		double t0 = peers_now();
		body();
		samples[s] = (peers_now() - t0) / kPoints;
	}
	printf("seed ceres-jet %.3f %.17g %.17g %.17g\n", peers_median(samples, kSamples),
	       peers_sum(fo.data(), kPoints), peers_sum(dxo.data(), kPoints), peers_sum(dyo.data(), kPoints));
}

// rosenbrock is the n-dimensional Rosenbrock function over any number type.
template <typename T>
T rosenbrock(const std::vector<T>& x) {
	T f(0.0);
	for (size_t i = 0; i + 1 < x.size(); i++) {
		T a = x[i + 1] - x[i] * x[i];
		T b = 1.0 - x[i];
		f += 100.0 * a * a + b * b;
	}
	return f;
}

// rosenbrockGradient writes the gradient of rosenbrock at x into grad, kStride
// partials per pass, and returns f; work holds one Jet per input.
__attribute__((noinline)) double rosenbrockGradient(const std::vector<double>& x, std::vector<double>& grad,
                                                    std::vector<Jet8>& work) {
	size_t n = x.size();
	for (size_t i = 0; i < n; i++) work[i] = Jet8(x[i]);
	double f = 0;
	for (size_t start = 0; start < n; start += kStride) {
		size_t width = n - start < kStride ? n - start : kStride;
		for (size_t k = 0; k < width; k++) work[start + k].v[k] = 1;
		Jet8 r = rosenbrock(work);
		for (size_t k = 0; k < width; k++) {
			work[start + k].v[k] = 0;
			grad[start + k] = r.v[k];
		}
		f = r.a;
	}
	return f;
}

void runRosenbrock(size_t n) {
	std::vector<double> x(n), grad(n);
	std::vector<Jet8> work(n);
	for (size_t i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2 : 1.0;  // bench.RosenbrockStart
	// Repeat small gradients so that each sample lasts well above the clock's resolution.
	int reps = n <= 10 ? 20000 : n <= 100 ? 500 : 5;
	double samples[kSamples], f = 0;
	rosenbrockGradient(x, grad, work);
	for (int s = 0; s < kSamples; s++) {
		double t0 = peers_now();
		for (int r = 0; r < reps; r++) f = rosenbrockGradient(x, grad, work);
		samples[s] = (peers_now() - t0) / reps;
	}
	double sum = 0, weighted = 0;
	for (size_t i = 0; i < n; i++) {
		sum += grad[i];
		weighted += (double)(i + 1) * grad[i];
	}
	printf("rosen ceres-jet %zu %.1f %.17g %.17g %.17g\n", n, peers_median(samples, kSamples), f, sum, weighted);
}

}  // namespace

int main() {
	runSeed();
	runPoint();
	for (size_t n : {10, 100, 1000}) runRosenbrock(n);
	return 0;
}
