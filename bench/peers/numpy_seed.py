#!/usr/bin/python3
"""numpy_seed: the analytic gradient of f = sin(xy)/sin(x) in NumPy, vectorized over the
1<<20 points of bench.SeedPoints, the peer of BenchmarkSeedBatch (workload 2).

Output lines (the format of the other peers):
  inputs <bits-sum of xs> <bits-sum of ys>
  seed numpy-analytic <ns/point> <sum f> <sum df/dx> <sum df/dy>
"""
import numpy as np

from peers_points import NPOINTS, bits_sum, median_ns, seed_points


def main():
    xs, ys = seed_points()
    print(f"inputs {bits_sum(xs):016x} {bits_sum(ys):016x}")
    out = {}

    def step():
        xy = xs * ys
        sxy, cxy = np.sin(xy), np.cos(xy)
        sx, cx = np.sin(xs), np.cos(xs)
        r = 1.0 / sx
        f = sxy * r
        out["f"], out["dx"], out["dy"] = f, (ys * cxy - f * cx) * r, xs * cxy * r

    ns = median_ns(step, NPOINTS)
    # NumPy sums pairwise, not in index order; run allows a relative 1e-9 between peers.
    sums = [float(np.add.reduce(out[k], dtype=np.float64)) for k in ("f", "dx", "dy")]
    print(f"seed numpy-analytic {ns:.3f} {sums[0]!r} {sums[1]!r} {sums[2]!r}")


if __name__ == "__main__":
    main()
