#!/usr/bin/python3
"""torch_seed: PyTorch on the CPU (one thread) on dualgrad's peer workloads.

  point  workload 1: one point at a time, scalar tensors through autograd, per call:
         reverse mode (f.backward()) and forward mode (two JVPs with forward_ad)
  seed   workload 2: the 1<<20 points of bench.SeedPoints (bit-identical to Go's):
         reverse mode f.sum().backward(), and forward mode, one dual-tensor pass per
         input direction (tangent of x, then of y); reverse mode again in a child
         process whose glibc malloc keeps freed memory (the -kept lines, see KEPT_ENV)
  rosen  workload 3: the Rosenbrock gradient at bench.RosenbrockStart(n), written
         vectorized over x, reverse mode

Output lines (the format of the other peers; see run):
  inputs <bits-sum of xs> <bits-sum of ys>
  point <name> <ns/call> <f dfdx dfdy at (2,3)> <f dfdx dfdy at (1.5,-1.5)>
  seed <name> <ns/point> <sum f> <sum df/dx> <sum df/dy>
  seed32 <name> <ns/point> <sum f> <sum df/dx> <sum df/dy>   (reverse mode in float32,
         the points rounded once to float32, sums in float64)
  rosen <name> <n> <ns/gradient> <f> <sum of grad> <sum of (i+1)*grad[i]>
"""
import os
import subprocess
import sys

import torch
import torch.autograd.forward_ad as fwad

from peers_points import (CHECK_POINTS, NPOINTS, ROSENBROCK_SIZES, bits_sum, median_ns,
                          rosen_line, rosenbrock_start, seed_points, walk)

POINT_CALLS = 2000

# PyTorch allocates every intermediate tensor afresh, and glibc's malloc serves
# blocks of megabytes with mmap and returns them to the kernel on free, so each
# step of f.sum().backward() on 1<<20 points writes to new pages, which the kernel
# faults in and zeroes. On a freshly booted VM that costs more than the arithmetic
# (on the Zen 5 VM of 2026-11-26 about 120-140 ns/point against about 21 with the
# memory kept). The -kept lines rerun reverse mode with malloc told to keep freed
# memory (mmap only above 32 MiB, never trim), the cost of the arithmetic alone.
# The heap grows over the first few calls (about ten on that VM) before every
# intermediate tensor fits in memory already touched: KEPT_WARMUP calls come first.
KEPT_ENV = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(1 << 40)}
KEPT_WARMUP = 15


def seed(x, y):
    """The seed function on tensors."""
    return torch.sin(x * y) / torch.sin(x)


def point_reverse(x, y):
    """f and both partials at one point by reverse mode."""
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    f = seed(xt, yt)
    f.backward()
    return f.item(), xt.grad.item(), yt.grad.item()


def forward_pass(x, y, tx, ty):
    """The value and directional derivative of seed at (x, y) along (tx, ty)."""
    with fwad.dual_level():
        f = seed(fwad.make_dual(x, tx), fwad.make_dual(y, ty))
        value, tangent = fwad.unpack_dual(f)
        return value, tangent


def point_forward(x, y):
    """f and both partials at one point by forward mode, one pass per partial."""
    xt = torch.tensor(x, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    one, zero = torch.ones((), dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    f, dx = forward_pass(xt, yt, one, zero)
    _, dy = forward_pass(xt, yt, zero, one)
    return f.item(), dx.item(), dy.item()


def run_points():
    points = walk(POINT_CALLS)
    for name, fn in (("torch-reverse", point_reverse), ("torch-forward", point_forward)):
        def body(fn=fn):
            for x, y in points:
                fn(x, y)
        ns = median_ns(body, POINT_CALLS, samples=5)
        checks = [v for p in CHECK_POINTS for v in fn(*p)]
        print(f"point {name} {ns:.1f} " + " ".join(repr(v) for v in checks))


def run_seed(kept=False):
    """Workload 2; with kept, reverse mode only, named with a -kept suffix."""
    xs, ys = seed_points()
    if not kept:
        print(f"inputs {bits_sum(xs):016x} {bits_sum(ys):016x}")
    out = {}

    def reverse_mode(x, y):
        """f.sum().backward() on leaf tensors x and y, results into out."""
        x.requires_grad_(True)
        y.requires_grad_(True)

        def body():
            x.grad = None
            y.grad = None
            f = seed(x, y)
            f.sum().backward()
            out["f"], out["dx"], out["dy"] = f.detach(), x.grad, y.grad
        return body

    reverse = reverse_mode(torch.from_numpy(xs), torch.from_numpy(ys))
    reverse32 = reverse_mode(torch.from_numpy(xs).float(), torch.from_numpy(ys).float())
    if kept:
        for kind, name, body in (("seed", "torch-reverse-kept", reverse), ("seed32", "torch-reverse-f32-kept", reverse32)):
            for _ in range(KEPT_WARMUP):
                body()
            ns = median_ns(body, NPOINTS)
            sums = [float(out[k].double().sum()) for k in ("f", "dx", "dy")]
            print(f"{kind} {name} {ns:.3f} {sums[0]!r} {sums[1]!r} {sums[2]!r}")
        return

    xp, yp = torch.from_numpy(xs), torch.from_numpy(ys)
    ones, zeros = torch.ones_like(xp), torch.zeros_like(xp)

    def forward():
        f, dx = forward_pass(xp, yp, ones, zeros)
        _, dy = forward_pass(xp, yp, zeros, ones)
        out["f"], out["dx"], out["dy"] = f, dx, dy

    for name, body in (("torch-reverse", reverse), ("torch-forward", forward)):
        ns = median_ns(body, NPOINTS)
        sums = [float(out[k].sum()) for k in ("f", "dx", "dy")]
        print(f"seed {name} {ns:.3f} {sums[0]!r} {sums[1]!r} {sums[2]!r}")

    ns = median_ns(reverse32, NPOINTS)
    sums = [float(out[k].double().sum()) for k in ("f", "dx", "dy")]
    print(f"seed32 torch-reverse-f32 {ns:.3f} {sums[0]!r} {sums[1]!r} {sums[2]!r}")


def run_rosenbrock():
    for n in ROSENBROCK_SIZES:
        x = torch.from_numpy(rosenbrock_start(n)).requires_grad_(True)
        out = {}

        def body(x=x):
            x.grad = None
            a = x[1:] - x[:-1] ** 2
            b = 1 - x[:-1]
            f = (100 * a * a + b * b).sum()
            f.backward()
            out["f"] = f

        reps = 20
        ns = median_ns(lambda: [body() for _ in range(reps)], reps)
        print(rosen_line("torch-reverse", n, ns, out["f"].item(), x.grad.tolist()))


def run_seed_kept():
    """Runs run_seed(kept=True) in a child process started with KEPT_ENV (glibc reads
    the variables at start-up) and prints its lines."""
    env = dict(os.environ, **KEPT_ENV)
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--seed-kept"], env=env,
                          stdout=subprocess.PIPE, text=True, check=True)
    sys.stdout.write(proc.stdout)


def main():
    torch.set_num_threads(1)
    if sys.argv[1:] == ["--seed-kept"]:
        run_seed(kept=True)
        return
    run_seed()
    sys.stdout.flush()
    run_seed_kept()
    run_points()
    run_rosenbrock()


if __name__ == "__main__":
    main()
