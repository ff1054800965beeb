#!/usr/bin/python3
"""torch_seed: PyTorch's reverse mode on the seed function, the peer of BenchmarkSeedBatch.

f = sin(x*y)/sin(x) at 1<<20 points from bench.SeedPoints (same SplitMix64 generator,
same seed, bit-identical values), on the CPU with one thread, computing the value and
both partials the PyTorch way: f.sum().backward().

Output lines (the same format as sleef_seed):
  inputs <bits-sum of xs> <bits-sum of ys>
  seed torch-1thread <ns/point> <sum f> <sum df/dx> <sum df/dy>
"""
import statistics
import time

import numpy as np
import torch

NPOINTS = 1 << 20
SAMPLES = 11
DEFAULT_SEED = 0x5EED
GAMMA = 0x9E3779B97F4A7C15


def splitmix64_stream(seed, count):
    """The first count outputs of SplitMix64 from seed; call k uses state seed + k*GAMMA."""
    with np.errstate(over="ignore"):
        k = np.arange(1, count + 1, dtype=np.uint64)
        z = np.uint64(seed) + k * np.uint64(GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def seed_points(n, seed):
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


def main():
    torch.set_num_threads(1)
    xs, ys = seed_points(NPOINTS, DEFAULT_SEED)
    print(f"inputs {bits_sum(xs):016x} {bits_sum(ys):016x}")
    x = torch.from_numpy(xs).requires_grad_(True)
    y = torch.from_numpy(ys).requires_grad_(True)

    def step():
        x.grad = None
        y.grad = None
        f = torch.sin(x * y) / torch.sin(x)
        f.sum().backward()
        return f

    step()  # warm up the allocator
    samples = []
    for _ in range(SAMPLES):
        t0 = time.perf_counter_ns()
        f = step()
        samples.append((time.perf_counter_ns() - t0) / NPOINTS)
    fsum = float(f.detach().double().sum())
    print(f"seed torch-1thread {statistics.median(samples):.3f} {fsum!r} "
          f"{float(x.grad.sum())!r} {float(y.grad.sum())!r}")


if __name__ == "__main__":
    main()
