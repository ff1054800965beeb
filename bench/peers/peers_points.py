"""Shared helpers of the Python peers: bench.SeedPoints, bench.pointWalk, the input
fingerprint and medians, so that NumPy and PyTorch see the bits Go and C see."""
import statistics
import time

import numpy as np

NPOINTS = 1 << 20
SAMPLES = 11
DEFAULT_SEED = 0x5EED
GAMMA = 0x9E3779B97F4A7C15
# The seed notebook's two points, where every peer prints f and both partials.
CHECK_POINTS = [(2.0, 3.0), (1.5, -1.5)]
ROSENBROCK_SIZES = [10, 100, 1000]


def splitmix64_stream(seed, count):
    """The first count outputs of SplitMix64 from seed; call k uses state seed + k*GAMMA."""
    with np.errstate(over="ignore"):
        k = np.arange(1, count + 1, dtype=np.uint64)
        z = np.uint64(seed) + k * np.uint64(GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def seed_points(n=NPOINTS, seed=DEFAULT_SEED):
    """bench.SeedPoints: exact integer times a power of two, then one rounded addition."""
    z = splitmix64_stream(seed, 2 * n) >> np.uint64(14)
    kx, ky = z[0::2], z[1::2]
    xs = 0.1 + (np.uint64(3) * kx).astype(np.float64) * 2.0**-50
    ys = -4.0 + ky.astype(np.float64) * 2.0**-47
    return xs, ys


def bits_sum(v):
    """Wrapping sum of the IEEE bit patterns, as peers_bits_sum in peers.h."""
    with np.errstate(over="ignore"):
        return int(v.view(np.uint64).sum(dtype=np.uint64))


def walk(count):
    """The first count points of bench.pointWalk, as Python floats."""
    x, y, out = 1.6, 0.5, []
    for _ in range(count):
        out.append((x, y))
        x += 0.0012345678901
        if x >= 3.1:
            x -= 3.1 - 0.1
        y += 0.0023456789012
        if y >= 4.0:
            y -= 4.0 - -4.0
    return out


def median_ns(body, per, samples=SAMPLES):
    """Runs body once to warm up, then samples times; the median time over per, in ns."""
    body()
    times = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        body()
        times.append((time.perf_counter_ns() - t0) / per)
    return statistics.median(times)


def rosenbrock_start(n):
    """bench.RosenbrockStart: (-1.2, 1, -1.2, 1, ...)."""
    return np.where(np.arange(n) % 2 == 0, -1.2, 1.0)


def rosen_line(name, n, ns, f, grad):
    """The rosen output line: f, the sum of grad and the sum of (i+1)*grad[i]."""
    grad = [float(g) for g in grad]
    total = 0.0
    weighted = 0.0
    for i, g in enumerate(grad):
        total += g
        weighted += (i + 1) * g
    return f"rosen {name} {n} {ns:.1f} {float(f)!r} {total!r} {weighted!r}"
