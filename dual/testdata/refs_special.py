#!/usr/bin/env python3
"""Write special.txt: high-precision references for the special-function rules of
package dual (hyperbolic, error, gamma, digamma, Bessel, hypot, piecewise linear).

Run from dual/testdata with python3 and mpmath 1.2 or later:

    python3 refs_special.py > special.txt

The file format is documented at the top of dual/refs_test.go: one case per line,
"<func> <type> <inputs as float.hex> ; <outputs>", outputs being the exact value,
first and second derivatives (v d dd for unary functions, v dx dy dxx dxy dyy for
binary ones) to 45 significant digits, "inf", "-inf", "nan", or "-" where the
quantity does not exist. Inputs are exact binary floats; f32 inputs are exactly
representable in float32. The outputs are the mathematical truth at the exact input,
never computed by the code under test. Where the function or a derivative has a
pole, the output is the limit when it exists (e.g. erfinv'(1) = inf) and "-"
otherwise; the conventions of package dual at points without a derivative are
asserted by the Go tests themselves, not here.

Points: ordinary ones, points next to each singularity and each branch of the
code (e.g. every interval of digamma.go), subnormals, huge arguments, and 20
pseudo-random points per function from a fixed seed. Signed zeros, infinities and
NaN are asserted by the Go tests (special_conventions_test.go, torch_special.txt).

The script also prints, as comments, the Taylor coefficients of digamma at its
positive zero that dual/digamma.go embeds; TestDigammaTaylorCoefficients checks that
the two agree.
"""

import math
import random
import struct
import sys
from fractions import Fraction

import mpmath as mp

mp.mp.dps = 80
DIGITS = 45
INF = float("inf")
NAN = float("nan")


def f32(x):
    """Round x to the nearest float32 (as a Python float)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def hexf(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x.hex()


def fmt(v):
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Fraction):
        v = mp.mpf(v.numerator) / v.denominator
    if isinstance(v, float):
        v = mp.mpf(v)
    if mp.isnan(v):
        return "nan"
    if mp.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    return mp.nstr(v, DIGITS, strip_zeros=False, min_fixed=1, max_fixed=0)


# ---------------------------------------------------------------- unary functions
# Each returns (v, d, dd) for an exact finite input, or raises for a point it does
# not handle, which then must be listed in SPECIAL.


def sinh(x):
    return mp.sinh(x), mp.cosh(x), mp.sinh(x)


def cosh(x):
    return mp.cosh(x), mp.sinh(x), mp.cosh(x)


def tanh(x):
    t = mp.tanh(x)
    s = mp.sech(x) ** 2
    return t, s, -2 * t * s


def asinh(x):
    d = 1 / mp.sqrt(1 + x * x)
    return mp.asinh(x), d, -x * d**3


def acosh(x):
    if x < 1:
        return "nan", "nan", "nan"
    if x == 1:
        return 0, "inf", "-inf"
    d = 1 / mp.sqrt(x * x - 1)
    return mp.acosh(x), d, -x * d**3


def atanh(x):
    if abs(x) > 1:
        return "nan", "nan", "nan"
    if abs(x) == 1:
        return ("inf" if x > 0 else "-inf"), "inf", ("inf" if x > 0 else "-inf")
    d = 1 / (1 - x * x)
    return mp.atanh(x), d, 2 * x * d * d


def erf(x):
    d = 2 / mp.sqrt(mp.pi) * mp.exp(-x * x)
    return mp.erf(x), d, -2 * x * d


def erfc(x):
    d = -2 / mp.sqrt(mp.pi) * mp.exp(-x * x)
    return mp.erfc(x), d, -2 * x * d


def erfinv(x):
    if abs(x) > 1:
        return "nan", "nan", "nan"
    if abs(x) == 1:
        s = "inf" if x > 0 else "-inf"
        return s, "inf", s
    y = mp.erfinv(x)
    d = mp.sqrt(mp.pi) / 2 * mp.exp(y * y)
    return y, d, 2 * y * d * d


def erfcinv(x):
    if x < 0 or x > 2:
        return "nan", "nan", "nan"
    if x == 0:
        return "inf", "-inf", "inf"
    if x == 2:
        return "-inf", "-inf", "-inf"
    if x > 1:  # erfcinv(x) = -erfcinv(2-x), d even and dd odd about 1
        y, d, dd = erfcinv(2 - x)
        return -y, d, -dd
    if x > mp.mpf("1e-6") or x == 0:
        y = mp.erfinv(1 - x)
    else:  # 1 - x would need thousands of digits: solve log erfc(y) = log x
        g = math.sqrt(-math.log(float(x)))
        y = mp.findroot(lambda t: mp.log(mp.erfc(t)) - mp.log(x), g)
    d = -mp.sqrt(mp.pi) / 2 * mp.exp(y * y)
    return y, d, 2 * y * d * d


def gamma(x):
    if x <= 0 and x == int(x):
        if x == 0:
            return "inf", "-inf", "inf"  # at +0; -0 is listed in SPECIAL
        return "nan", "nan", "nan"
    g = mp.gamma(x)
    p = mp.digamma(x)
    return g, g * p, g * (p * p + mp.psi(1, x))


def lgamma(x):
    if x <= 0 and x == int(x):
        if x == 0:
            return "inf", "-inf", "inf"
        return "inf", "-", "inf"
    return mp.log(abs(mp.gamma(x))), mp.digamma(x), mp.psi(1, x)


def digamma(x):
    """v = ψ(x), d = ψ'(x), dd = ψ''(x): tests digamma and trigamma directly."""
    if x <= 0 and x == int(x):
        if x == 0:
            return "-inf", "inf", "-"
        return "-", "inf", "-"
    return mp.digamma(x), mp.psi(1, x), mp.psi(2, x)


def j0(x):
    j0, j1 = mp.besselj(0, x), mp.besselj(1, x)
    if x == 0:
        return 1, 0, mp.mpf(-0.5)
    return j0, -j1, j1 / x - j0


def j1(x):
    j0, j1 = mp.besselj(0, x), mp.besselj(1, x)
    if x == 0:
        return 0, mp.mpf(0.5), 0
    return j1, j0 - j1 / x, 2 * j1 / x**2 - j0 / x - j1


def y0(x):
    if x < 0:
        return "nan", "nan", "nan"
    if x == 0:
        return "-inf", "inf", "-inf"
    y0, y1 = mp.bessely(0, x), mp.bessely(1, x)
    return y0, -y1, y1 / x - y0


def y1(x):
    if x < 0:
        return "nan", "nan", "nan"
    if x == 0:
        return "-inf", "inf", "-inf"
    y0, y1 = mp.bessely(0, x), mp.bessely(1, x)
    return y1, y0 - y1 / x, 2 * y1 / x**2 - y0 / x - y1


# ------------------------------------------------- Bessel functions of order n


def jn(n, x):
    return mp.besselj(n, x), mp.besselj(n, x, derivative=1), mp.besselj(n, x, derivative=2)


def yn(n, x):
    if x < 0:
        return "nan", "nan", "nan"
    if x == 0:  # a pole (n != 0) or -log (n = 0): Y ~ c/x^|n| with c < 0 for n >= 0
        neg = n >= 0 or n % 2 == 0
        return ("-inf" if neg else "inf"), ("inf" if neg else "-inf"), ("-inf" if neg else "inf")
    return mp.bessely(n, x), mp.bessely(n, x, derivative=1), mp.bessely(n, x, derivative=2)


ORDERS = [-3, -1, 0, 1, 2, 5, 20]
ORDER_POINTS = [0, 1e-5, 0.5, 1, 3, 7.25, 10, 30, 100, -2.5]


# ---------------------------------------------------------------- binary functions


def hypot(x, y):
    if x == 0 and y == 0:
        return 0, "-", "-", "-", "-", "-"
    h = mp.sqrt(x * x + y * y)
    return h, x / h, y / h, y * y / h**3, -x * y / h**3, x * x / h**3


def mod(x, y):
    if y == 0:
        return ("nan",) * 6
    q = Fraction(x) / Fraction(y)
    n = math.trunc(q)
    r = Fraction(x) - n * Fraction(y)
    return r, 1, -n, 0, 0, 0


def remainder(x, y):
    if y == 0:
        return ("nan",) * 6
    q = Fraction(x) / Fraction(y)
    n = round(q)  # ties to even
    r = Fraction(x) - n * Fraction(y)
    return r, 1, -n, 0, 0, 0


def dim(x, y):
    if x > y:
        return Fraction(x) - Fraction(y), 1, -1, 0, 0, 0
    if x < y:
        return 0, 0, 0, 0, 0, 0
    return 0, "-", "-", 0, 0, 0


def copysign(x, y):
    v = math.copysign(x, y)
    if x == 0:
        return v, "-", 0, 0, 0, 0
    s = 1 if math.copysign(1, x) == math.copysign(1, y) else -1
    return v, s, 0, 0, 0, 0


# ------------------------------------------------------------------ input points

TINY = [5e-324, 2.0**-1060, 2.0**-1022, 1e-300, 1e-200, 2.0**-60, 1e-8]

POINTS = {
    "sinh": TINY + [0.125, 0.5, 1, 2.5, 10, 20, 100, 700, 709.5, 710.4, -1, -30, -710],
    "cosh": TINY + [0.125, 0.5, 1, 2.5, 10, 20, 100, 700, 709.5, 710.4, -1, -30, -710],
    "tanh": TINY + [0.125, 0.5, 0.9, 1, 2.5, 10, 19, 19.5, 20, 40, 100, 300, 355, 360, 370, 400, 700, -0.5, -25],
    "asinh": TINY + [0.125, 0.5, 1, 3, 100, 1e5, 1e10, 1e19, 1e30, 3e38, 1e100, 1e154, 1e155, 1e200, 1e300, 1.7e308, -2, -1e200],
    "acosh": [1, 1 + 2.0**-52, 1 + 2.0**-40, 1 + 2.0**-23, 1.0000001, 1.125, 1.5, 2, 10, 1e5, 1e10, 1e19, 1e30, 3e38, 1e100, 1e154, 1e155, 1e300,
              1.7e308, 0.5, -2],
    "atanh": TINY + [0.125, 0.5, 0.75, 0.9, 0.999, 1 - 2.0**-30, 1 - 2.0**-53, -1 + 2.0**-53, -0.3, 1, -1, 1.5, -3],
    "erf": TINY + [0.125, 0.5, 0.84375, 1, 1.25, 2, 3, 5, 6, 10, 20, 25, 26, 26.5, 27, 27.25, 27.3, 28, -0.5, -4, -26],
    "erfc": TINY + [0.125, 0.5, 1, 2, 3, 5, 10, 20, 26, 26.5, 27, 27.25, 27.3, 28, -0.5, -2, -6],
    "erfinv": TINY + [0.125, 0.5, 0.75, 0.9, 0.99, 0.999, 0.999999, 1 - 2.0**-30, 1 - 2.0**-53, -0.4, -0.95,
                      -1 + 2.0**-53, 1, -1, 1.5],
    "erfcinv": [0.125, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.9, 1.999, 2 - 2.0**-30, 2 - 2.0**-52, 0.01, 1e-3,
                2.0**-30, 2.0**-52, 1e-20, 1e-100, 1e-300, 2.0**-1022, 1e-310, 5e-324, 1 - 2.0**-53, 1 + 2.0**-52,
                2 - 1e-10, 0.4999999999999999, 0.5000000000000001, 1.5000000000000002, 0, 2, 2.5, -0.5],
    "gamma": TINY + [0.125, 0.5, 1, 1.4616321449683622, 1.5, 2, 2.5, 3, 5.5, 10, 20.25, 50.5, 100.75, 170.5,
                     171.5, 171.7, -0.5, -1.5, -2.5, -3.25, -10.5, -20.75, -100.5, -170.5, -171.5, -180.5,
                     -1, -2, -50],
    "lgamma": TINY + [0.125, 0.5, 1, 1.4616321449683622, 1.5, 2, 2.5, 3, 10, 100.5, 1e5, 1e10, 1e20, 1e300,
                      -0.5, -1.5, -2.5, -3.25, -10.5, -100.5, -1000.25, -1, -2, -100],
    "digamma": TINY + [0.0625, 0.25, 0.5, 0.75, 0.9, 0.95, 0.96, 0.97, 1, 1.2, 1.25, 1.4, 1.46, 1.4616, 1.4616321449683622,
                       1.4616321449683625, 1.47, 1.5, 1.75, 1.95, 1.96, 1.97, 2, 2.5, 3, 4.75, 7.25, 9.5, 9.99, 10,
                       10.5, 20, 100, 1e4, 1e10, 1e20, 1e300,
                       -0.125, -0.25, -0.5, -0.75, -0.9, -1.5, -2.25, -3.5, -4.75, -10.5, -100.25, -1e6 - 0.5,
                       -5e-324, -1e-300, -1e-8, 0, -1, -3, -1e10],
    "j0": [0, 1e-300, 1e-8, 0.125, 0.5, 1, 2, 2.404825557695773, 3.5, 5, 8, 10, 25, 100, 1e4, 1e10, -1.5, -7],
    "j1": [0, 1e-300, 1e-8, 0.125, 0.25, 0.4, 0.5, 0.5000000000000001, 0.75, 1, 1.8411837813406593, 2, 3.8317059702075125,
           5, 8, 10, 25, 100, 1e4, 1e10, -0.3, -1.5, -7],
    "y0": [1e-300, 1e-8, 0.125, 0.5, 0.8935769662791675, 1, 2, 3.5, 5, 8, 10, 25, 100, 1e4, 1e10, 0, -1],
    "y1": [1e-300, 1e-100, 1e-8, 0.125, 0.5, 1, 2, 2.197141326031017, 3.5, 5, 8, 10, 25, 100, 1e4, 1e10, 0, -1],
}

BINARY_POINTS = {
    "hypot": [(3, 4), (-3, 4), (1, 1e-10), (1e-10, 1), (0, 2), (-5, 0), (1e300, 1e300), (1.7e308, 1.7e308),
              (1e-320, 2e-320), (5e-324, 5e-324), (2.0**-1000, 3 * 2.0**-1000), (1e-200, 1e200), (0.1, 0.7),
              (-2.5, -6.25)],
    "mod": [(5, 3), (-5, 3), (5, -3), (7.5, 2), (1e20, 3), (1e300, 1e-300), (3, 5), (0.1, 0.03), (-6, 2),
            (2.0**60 + 2.0**8, 3), (1e10, 7)],
    "remainder": [(5, 3), (-5, 3), (5, -3), (7.5, 2), (5, 2), (7, 2), (1e20, 3), (1e300, 1e-300), (3, 5),
                  (0.1, 0.03), (-6, 2), (1e10, 7)],
    "dim": [(5, 3), (3, 5), (-1, -4), (2, 2), (1e300, -1e300), (5e-324, 0), (0.1, 0.2), (1e30, 1e29), (-7, 7.5)],
    "copysign": [(2, 3), (2, -3), (-2, 3), (-2, -3), (5e-324, -1), (1e300, 1), (0.1, -0.5), (-1e30, 2), (7, 1e-30)],
}

# a grid through every branch of digamma.go: below, across and above the Taylor
# interval around the zero, the upward recurrence and the asymptotic series, and
# between the poles on the negative axis
POINTS["digamma"] += [k / 8 + 1 / 1024 for k in range(0, 97)] + [-k / 8 - 1 / 1024 for k in range(0, 40)]

# 25 pseudo-random points per function over its ordinary range, from a fixed seed,
# log-uniform where the range spans many magnitudes
RANDOM_RANGES = {
    "sinh": (-20, 20), "cosh": (-20, 20), "tanh": (-10, 10), "asinh": (-1e3, 1e3), "acosh": (1, 1e3),
    "atanh": (-1, 1), "erf": (-6, 6), "erfc": (-6, 27), "erfinv": (-1, 1), "erfcinv": (0, 2),
    "gamma": (-30, 30), "lgamma": (-30, 60), "digamma": (-30, 60), "j0": (-50, 50), "j1": (-50, 50),
    "y0": (0, 50), "y1": (0, 50),
}
_rng = random.Random(20261125)
for name, (lo, hi) in RANDOM_RANGES.items():
    POINTS[name] += [_rng.uniform(lo, hi) for _ in range(20)]
for name in ("erfinv",):
    POINTS[name] += [math.copysign(1 - 10 ** -_rng.uniform(1, 15.5), _rng.uniform(-1, 1)) for _ in range(15)]
for name in ("erfcinv",):
    POINTS[name] += [10 ** -_rng.uniform(1, 300) for _ in range(15)] + [2 - 10 ** -_rng.uniform(1, 15.5) for _ in range(10)]

# next to the poles of Γ, ψ and ψ'
NEAR_POLES = [-1 + 2.0**-30, -1 - 2.0**-30, -2 + 1e-9, -3 - 1e-10, -7 + 2.0**-45, -1e-10]
for name in ("gamma", "lgamma", "digamma"):
    POINTS[name] += NEAR_POLES

UNARY = {name: globals()[name] for name in POINTS}
BINARY = {name: globals()[name] for name in BINARY_POINTS}


def main():
    out = sys.stdout
    print("# Generated by refs_special.py; do not edit. Exact results at exact inputs.", file=out)
    print(f"# mpmath {mp.__version__}, {mp.mp.dps} digits.", file=out)
    print("#", file=out)
    print("# Taylor coefficients psi^(k)(x0)/k! of digamma at its zero x0, for digamma.go:", file=out)
    x0 = mp.findroot(mp.digamma, mp.mpf("1.46"))
    print(f"# x0 = {mp.nstr(x0, 40)} = {float(x0)!r} + {float(x0 - mp.mpf(float(x0)))!r}", file=out)
    for k in range(1, 39):
        c = (-1) ** (k + 1) * mp.zeta(k + 1, x0)
        print(f"#   k={k:2d} {float(c)!r}", file=out)
    for name, fn in UNARY.items():
        for typ in ("f64", "f32"):
            seen = set()
            for p in POINTS[name]:
                x = float(p)
                if typ == "f32":
                    x = f32(x)
                    if x == 0 and p != 0 or math.isinf(x):
                        continue
                if x in seen:
                    continue
                seen.add(x)
                res = fn(mp.mpf(x))
                print(f"{name} {typ} {hexf(x)} ; " + " ".join(fmt(r) for r in res), file=out)
    for name, fn in (("jn", jn), ("yn", yn)):
        for typ in ("f64", "f32"):
            for n in ORDERS:
                for p in ORDER_POINTS:
                    x = f32(p) if typ == "f32" else float(p)
                    res = fn(n, mp.mpf(x))
                    print(f"{name} {typ} {hexf(float(n))} {hexf(x)} ; " + " ".join(fmt(r) for r in res), file=out)
    for name, fn in BINARY.items():
        for typ in ("f64", "f32"):
            seen = set()
            for p, q in BINARY_POINTS[name]:
                x, y = float(p), float(q)
                if typ == "f32":
                    x, y = f32(x), f32(y)
                    if (x == 0) != (p == 0) or (y == 0) != (q == 0) or math.isinf(x) or math.isinf(y):
                        continue
                if (x, y) in seen:
                    continue
                seen.add((x, y))
                res = fn(mp.mpf(x), mp.mpf(y)) if name == "hypot" else fn(x, y)
                print(f"{name} {typ} {hexf(x)} {hexf(y)} ; " + " ".join(fmt(r) for r in res), file=out)


if __name__ == "__main__":
    main()
