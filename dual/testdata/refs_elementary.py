#!/usr/bin/python3
"""High-precision references for the elementary rules of package dual.

Run from dual/testdata with Debian's python3-mpmath:

    /usr/bin/python3 refs_elementary.py > elementary.txt

For every rule it writes the exact value, first and second derivatives at
ordinary points, near singularities, at subnormal and huge arguments, and at
the special values +-0, +-Inf and NaN, for float64 and float32 inputs. The file
format is described at the top of dual/refs_test.go. Derivatives come from the
closed forms below, evaluated with 80 significant digits; at ordinary points
the script checks each closed form against mpmath's numerical differentiation
before writing it, so a wrong formula here cannot go unnoticed. Where a
derivative does not exist the script writes the convention package dual
documents (PyTorch's where it has one) and says so in a comment.
"""

import math
import random
import struct
import sys

import mpmath as mp

mp.mp.dps = 80
random.seed(20261125)

INF, NAN = float("inf"), float("nan")


def f32(x):
    """Round a Python float to the nearest float32."""
    if math.isnan(x) or math.isinf(x):
        return x
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(INF, x)


def lost_in_f32(x):
    """Whether a finite nonzero float64 becomes 0 or an infinity as a float32."""
    return math.isfinite(x) and x != 0 and (f32(x) == 0 or math.isinf(f32(x)))


def fmt_in(x):
    return x.hex() if math.isfinite(x) else repr(x)


def fmt_out(v):
    """An output: '-' (none), a special value, or 45 significant digits."""
    if v is None:
        return "-"
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    v = mp.mpf(v)
    if mp.isnan(v):
        return "nan"
    if mp.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "-0" if mp.sign(v) < 0 else "0"
    return mp.nstr(v, 45, min_fixed=1, max_fixed=0)


def real_cbrt(x):
    """The real cube root (mpmath's cbrt is the complex principal root)."""
    return mp.sign(x) * mp.cbrt(abs(x))


# Each unary rule: name -> (value, d, dd) as functions of an mpf.
UNARY = {
    "sin": (mp.sin, mp.cos, lambda x: -mp.sin(x)),
    "cos": (mp.cos, lambda x: -mp.sin(x), lambda x: -mp.cos(x)),
    "tan": (mp.tan, lambda x: 1 + mp.tan(x) ** 2, lambda x: 2 * mp.tan(x) * (1 + mp.tan(x) ** 2)),
    "asin": (mp.asin, lambda x: 1 / mp.sqrt(1 - x * x), lambda x: x / (1 - x * x) ** mp.mpf(1.5)),
    "acos": (mp.acos, lambda x: -1 / mp.sqrt(1 - x * x), lambda x: -x / (1 - x * x) ** mp.mpf(1.5)),
    "atan": (mp.atan, lambda x: 1 / (1 + x * x), lambda x: -2 * x / (1 + x * x) ** 2),
    "exp": (mp.exp, mp.exp, mp.exp),
    "exp2": (lambda x: mp.power(2, x), lambda x: mp.ln(2) * mp.power(2, x), lambda x: mp.ln(2) ** 2 * mp.power(2, x)),
    "expm1": (mp.expm1, mp.exp, mp.exp),
    "log": (mp.ln, lambda x: 1 / x, lambda x: -1 / x ** 2),
    "log2": (lambda x: mp.log(x, 2), lambda x: 1 / (x * mp.ln(2)), lambda x: -1 / (x * x * mp.ln(2))),
    "log10": (mp.log10, lambda x: 1 / (x * mp.ln(10)), lambda x: -1 / (x * x * mp.ln(10))),
    "log1p": (mp.log1p, lambda x: 1 / (1 + x), lambda x: -1 / (1 + x) ** 2),
    "sqrt": (mp.sqrt, lambda x: 1 / (2 * mp.sqrt(x)), lambda x: -1 / (4 * x * mp.sqrt(x))),
    "cbrt": (lambda x: real_cbrt(x), lambda x: 1 / (3 * real_cbrt(x) ** 2), lambda x: -2 / (9 * x * real_cbrt(x) ** 2)),
    "abs": (abs, lambda x: mp.sign(x), lambda x: mp.mpf(0)),
    "inv": (lambda x: 1 / x, lambda x: -1 / x ** 2, lambda x: 2 / x ** 3),
}

# Ordinary sampling ranges (lo, hi) and points near each rule's singularities
# or in its hard regions, as float64 values.
PI2 = math.pi / 2
ORDINARY = {
    "sin": (-10, 10), "cos": (-10, 10), "tan": (-1.5, 1.5), "asin": (-0.999, 0.999),
    "acos": (-0.999, 0.999), "atan": (-20, 20), "exp": (-30, 30), "exp2": (-40, 40),
    "expm1": (-3, 3), "log": (1e-3, 50), "log2": (1e-3, 50), "log10": (1e-3, 50),
    "log1p": (-0.9, 20), "sqrt": (1e-3, 100), "cbrt": (-100, 100), "abs": (-10, 10),
    "inv": (-10, 10),
}
HARD = {
    "sin": [1e22, 1e300, -1e100, 2.0**29, math.pi, 1e-300, 5e-324,
            # near zeros, where a three-part pi loses bits: math.Sin is 4800 ulps off at 11696.15
            11696.1494493148, 1000 * math.pi, -355.0, 1.5164264352169538e9],
    "cos": [1e22, 1e300, PI2, -PI2, 2.0**29, 1e-300, 2001 * PI2, -1.3547151132183683e9],
    "tan": [PI2, -PI2, 1.5707963, 1e22, 3 * PI2, 1e-300, 5e-324, 1000 * math.pi, 1.2539284697853827e9],
    "asin": [1 - 2.0**-52, -1 + 2.0**-53, 1 - 2.0**-20, 0.5, 1e-300, 1.0, -1.0, 0.9999999925428787],
    "acos": [1 - 2.0**-52, -1 + 2.0**-53, 1 - 2.0**-20, 1e-300, 1.0, -1.0, 0.9999999999999998, 0.9999999930806031],
    "atan": [1e10, -1e10, 1e154, 1e200, 1e-300, 5e-324],
    "exp": [709.7, 709.78, -708.3, -745.0, -745.2, 1e-300, 88.7, -103.9, 709.5, 709.437],
    "exp2": [1023.9, -1074.0, -1022.5, 127.9, -149.0, 1e-300],
    "expm1": [1e-10, -1e-10, 1e-300, -40.0, 709.7, -0.7, -0.69],
    "log": [1e-300, 5e-324, 2.0**-1060, 1 + 2.0**-52, 1 - 2.0**-53, 1e300, 1.0, 1e-310, 2.2e-308],
    "log2": [5e-324, 1e300, 1 + 2.0**-52, 1.0, 1024.0, 1 + 2.0**-40, 1.0000000001, 0.9999999999],
    "log10": [5e-324, 1e300, 1 + 2.0**-52, 1.0, 1000.0, 1e-310, 1.0000000342171422],
    "log1p": [-1 + 2.0**-52, -1 + 2.0**-20, 1e-300, -1e-300, 1e300, -0.5],
    "sqrt": [5e-324, 2.0**-1060, 1e-300, 1e300, 2.0, 4.0],
    "cbrt": [5e-324, -5e-324, 1e-300, 1e300, -8.0, 27.0],
    "abs": [5e-324, -5e-324, 1e300, -1e300],
    "inv": [5e-324, -5e-324, 1e-300, 1e300, 1e-308, 2.0**-1023],
}
# Float32-specific hard points (subnormals and range ends of float32).
HARD32 = {
    "exp": [88.72, -103.97, -87.3], "exp2": [127.99, -149.0, -126.5], "expm1": [88.7, -20.0],
    "log": [1e-45, 1e-40, 3e38], "log2": [1e-45, 3e38], "log10": [1e-45, 3e38],
    "sqrt": [1e-45, 1e-40, 3e38], "cbrt": [1e-45, -1e-45, 3e38], "inv": [1e-45, 1e-39, 3e38],
    "sin": [1e30, 3e38], "cos": [1e30, 3e38], "tan": [1e30, 1.5707964], "atan": [3e38, 1e-45],
}

# Values at special arguments and where no derivative exists: from the limits
# of the closed forms, or the conventions of package dual. (v, d, dd)
SPECIAL = {
    "sin": [(INF, (NAN, NAN, NAN)), (-INF, (NAN, NAN, NAN)), (0.0, (0.0, 1, 0.0)), (-0.0, (-0.0, 1, 0.0))],
    "cos": [(INF, (NAN, NAN, NAN)), (-INF, (NAN, NAN, NAN)), (0.0, (1, 0.0, -1)), (-0.0, (1, 0.0, -1))],
    "tan": [(INF, (NAN, NAN, NAN)), (-INF, (NAN, NAN, NAN)), (0.0, (0.0, 1, 0.0)), (-0.0, (-0.0, 1, 0.0))],
    # |x| = 1: the derivative tends to +Inf (asin) or -Inf (acos); |x| > 1 is NaN.
    "asin": [(INF, (NAN, NAN, NAN)), (1.0, (None, INF, INF)), (-1.0, (None, INF, -INF)), (2.0, (NAN, NAN, NAN)), (0.0, (0.0, 1, 0.0))],
    "acos": [(INF, (NAN, NAN, NAN)), (1.0, (None, -INF, -INF)), (-1.0, (None, -INF, INF)), (-2.0, (NAN, NAN, NAN))],
    "atan": [(INF, (None, 0.0, -0.0)), (-INF, (None, 0.0, 0.0)), (0.0, (0.0, 1, 0.0))],
    "exp": [(INF, (INF, INF, INF)), (-INF, (0.0, 0.0, 0.0)), (1000.0, (INF, INF, INF)), (-1000.0, (0.0, 0.0, 0.0))],
    "exp2": [(INF, (INF, INF, INF)), (-INF, (0.0, 0.0, 0.0)), (2000.0, (INF, INF, INF)), (-2000.0, (0.0, 0.0, 0.0))],
    "expm1": [(INF, (INF, INF, INF)), (-INF, (-1, 0.0, 0.0)), (0.0, (0.0, 1, 1)), (-0.0, (-0.0, 1, 1))],
    # ln at +-0: -Inf with derivative 1/x = +-Inf; x < 0: NaN value, derivative 1/x.
    "log": [(INF, (INF, 0.0, -0.0)), (0.0, (-INF, INF, -INF)), (-0.0, (-INF, -INF, -INF)), (-1.0, (NAN, -1, -1)), (-INF, (NAN, -0.0, -0.0))],
    "log2": [(INF, (INF, 0.0, -0.0)), (0.0, (-INF, INF, -INF)), (-0.0, (-INF, -INF, -INF))],
    "log10": [(INF, (INF, 0.0, -0.0)), (0.0, (-INF, INF, -INF)), (-0.0, (-INF, -INF, -INF))],
    "log1p": [(INF, (INF, 0.0, -0.0)), (-1.0, (-INF, INF, -INF)), (-2.0, (NAN, -1, -1)), (0.0, (0.0, 1, -1)), (-0.0, (-0.0, 1, -1))],
    # sqrt'(0) = +Inf as in PyTorch; sqrt'' = -Inf.
    "sqrt": [(INF, (INF, 0.0, -0.0)), (0.0, (0.0, INF, -INF)), (-0.0, (-0.0, INF, -INF)), (-1.0, (NAN, NAN, NAN)), (-INF, (NAN, NAN, NAN))],
    "cbrt": [(INF, (INF, 0.0, -0.0)), (-INF, (-INF, 0.0, 0.0)), (0.0, (0.0, INF, -INF)), (-0.0, (-0.0, INF, INF))],
    # abs'(0) = 0 as in PyTorch.
    "abs": [(INF, (INF, 1, 0.0)), (-INF, (INF, -1, 0.0)), (0.0, (0.0, 0.0, 0.0)), (-0.0, (0.0, 0.0, 0.0))],
    "inv": [(INF, (0.0, -0.0, 0.0)), (-INF, (-0.0, -0.0, -0.0)), (0.0, (INF, -INF, INF)), (-0.0, (-INF, -INF, -INF))],
}


def nan_row(n):
    return (NAN,) * n


def check_derivative(f, df, x, what):
    """Fail if df(x) disagrees with mpmath's numerical derivative of f."""
    want = mp.diff(f, x)
    got = df(x)
    if abs(got - want) > mp.mpf(10) ** -40 * max(1, abs(want)):
        sys.exit("closed form %s wrong at %s: %s vs %s" % (what, x, got, want))


def unary_rows(name, typ, xs):
    v, d, dd = UNARY[name]
    rnd = f32 if typ == "f32" else (lambda t: t)
    seen = set()
    for x in xs:
        if typ == "f32" and lost_in_f32(x):
            continue
        x = rnd(x)
        key = (x.hex() if math.isfinite(x) else repr(x), math.copysign(1, x))
        if key in seen:
            continue
        seen.add(key)
        row = special_lookup(SPECIAL.get(name, []), x)
        if row is not None:
            if row[0] is None:
                row = (v(mp.mpf(x)),) + row[1:]
            yield "%s %s %s ; %s" % (name, typ, fmt_in(x), " ".join(map(fmt_out, row)))
            continue
        if math.isnan(x):
            yield "%s %s nan ; nan nan nan" % (name, typ)
            continue
        if x == 0 and name in ("cbrt", "inv", "log", "log2", "log10"):
            sys.exit("%s(%r) needs a SPECIAL row" % (name, x))
        m = mp.mpf(x)
        row = (v(m), d(m), dd(m))
        yield "%s %s %s ; %s" % (name, typ, fmt_in(x), " ".join(map(fmt_out, row)))


def special_lookup(special, x):
    """The SPECIAL row of x, telling -0 from +0."""
    for k, row in special:
        if k == x and (x != 0 or math.copysign(1, k) == math.copysign(1, x)):
            return row
    return None


def unary_points(name, typ):
    lo, hi = ORDINARY[name]
    pts = [random.uniform(lo, hi) for _ in range(40)]
    pts += HARD.get(name, [])
    if typ == "f32":
        pts = [p for p in pts if abs(p) < 3.4e38]
        pts += HARD32.get(name, [])
    pts += [k for k, _ in SPECIAL.get(name, [])]
    pts += [NAN]
    return pts


def selfcheck_unary():
    for name, (v, d, dd) in UNARY.items():
        if name == "abs":
            continue
        lo, hi = ORDINARY[name]
        for _ in range(3):
            x = mp.mpf(random.uniform(lo, hi))
            if name == "inv" and abs(x) < 0.1:
                continue
            check_derivative(v, d, x, name + "'")
            check_derivative(d, dd, x, name + "''")


# Binary rules: name -> function of (x, y) returning (v, dx, dy, dxx, dxy, dyy).
def pow_row(x, y):
    """x**y with package dual's masks at x = 0 (PyTorch's for the first partials)."""
    v = mp.power(x, y) if not (x == 0 and y < 0) else mp.inf
    if x == 0:
        # Limits along x -> +0 with the masks documented in dual/pow.go.
        dx = 0 if y == 0 else (y if y == 1 else (0 if y > 1 else mp.inf * mp.sign(y)))
        dxx = 0 if y in (0, 1) else (2 if y == 2 else (0 if y > 2 else None))
        dxy = None if y < 1 else (1 if y == 1 else 0)
        dy = 0 if y >= 0 else None
        dyy = 0 if y >= 0 else None
        return (v, dx, dy, dxx, dxy, dyy)
    if x < 0:
        # Real only for integer y, and then not differentiable in y.
        assert y == int(y)
        return (v, y * mp.power(x, y - 1), NAN, y * (y - 1) * mp.power(x, y - 2), None, NAN)
    lx = mp.ln(x)
    return (v, y * mp.power(x, y - 1), v * lx, y * (y - 1) * mp.power(x, y - 2),
            mp.power(x, y - 1) * (1 + y * lx), v * lx * lx)


def atan2_row(y, x):
    q = x * x + y * y
    return (mp.atan2(y, x), x / q, -y / q, -2 * x * y / q ** 2, (y * y - x * x) / q ** 2, 2 * x * y / q ** 2)


def div_row(x, y):
    return (x / y, 1 / y, -x / y ** 2, mp.mpf(0), -1 / y ** 2, 2 * x / y ** 3)


def minmax_row(pick):
    def row(x, y):
        if x == y:
            return (pick(x, y), 0.5, 0.5, 0.0, 0.0, 0.0)
        if pick(x, y) == x:
            return (x, 1, 0.0, 0.0, 0.0, 0.0)
        return (y, 0.0, 1, 0.0, 0.0, 0.0)
    return row


BINARY = {"pow": pow_row, "atan2": atan2_row, "div": div_row,
          "min": minmax_row(min), "max": minmax_row(max)}


def binary_points(name):
    r = random.uniform
    if name == "pow":
        pts = [(r(0.01, 5), r(-6, 6)) for _ in range(40)]
        pts += [(-r(0.5, 3), float(random.randint(-5, 5))) for _ in range(8)]
        pts += [(0.0, 0.0), (0.0, 1.0), (0.0, 2.0), (0.0, 3.5), (0.0, 0.5), (0.0, -1.0),
                (2.0, 0.0), (2.0, 1.0), (1.0, 1e10), (1 + 2.0**-40, 2.0**45), (10.0, 308.0),
                (10.0, -307.0), (2.0, -1074.0), (0.5, 1023.5), (1e-300, 1.5), (1e300, 0.5),
                (5e-324, 0.25), (3.0, 646.0), (1.0000000470810193, 6.144097892358796e9),
                (0.9999999996460212, -4.516046484302569e10), (1.0000001, 1e9)]
        return pts
    if name == "atan2":
        pts = [(r(-5, 5), r(-5, 5)) for _ in range(40)]
        pts += [(1e-300, 1e-300), (1e300, 1e300), (1e300, -1e-300), (5e-324, 1.0), (1.0, 5e-324),
                (1e200, 3e200), (-1e-200, 2e-200), (1.0, -1.0), (0.0, 1.0), (1.0, 0.0),
                # y/x underflows: math.Atan2 returns +pi for -pi
                (-5.1303347033146676e-275, -7.06515756084532e151), (1e-300, -1e300)]
        return pts
    if name == "div":
        pts = [(r(-10, 10), r(-10, 10)) for _ in range(40)]
        pts += [(1.0, 1e-300), (1e300, 1e-10), (1e-300, 1e300), (5e-324, 2.0), (3.0, 5e-324),
                (1e-300, 1e-300), (1.0, 3.0)]
        return pts
    pts = [(r(-10, 10), r(-10, 10)) for _ in range(30)]
    pts += [(1.0, 1.0), (-2.5, -2.5), (5e-324, 0.0), (1e300, 1e300)]
    return pts


# Binary special rows: (x, y) -> (v, dx, dy, dxx, dxy, dyy).
BSPECIAL = {
    # A NaN argument: the partials are the formulas' results, as in PyTorch:
    # d/dx = 1*NaN**0 = 1 and d2/dx2 = 0 (masked), d/dy = 1**NaN*ln 1 = 0.
    "pow": [((NAN, 1.0), (NAN, 1, NAN, 0.0, NAN, NAN)), ((-2.0, 0.5), (NAN, NAN, NAN, NAN, NAN, NAN)),
            # x < 0 with an integer exponent: the value is real but d/dy is NaN.
            ((-2.0, 3.0), (-8, 12, NAN, -12, None, NAN)),
            ((INF, 2.0), (INF, INF, INF, 2, INF, INF)), ((INF, -1.0), (0.0, -0.0, 0.0, 0.0, None, 0.0)),
            ((0.0, -2.0), (INF, -INF, None, INF, None, None)), ((1.0, INF), (1, INF, 0.0, INF, None, 0.0)),
            ((1.0, NAN), (1, NAN, 0.0, NAN, NAN, 0.0))],
    # No derivative at the origin: package dual's convention is 0 for every partial.
    "atan2": [((0.0, 0.0), (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)), ((-0.0, -0.0), (-math.pi, 0.0, 0.0, 0.0, 0.0, 0.0)),
              ((INF, 1.0), (math.pi / 2, 0.0, 0.0, 0.0, 0.0, 0.0)), ((1.0, -INF), (math.pi, 0.0, 0.0, 0.0, 0.0, 0.0)),
              ((INF, INF), (math.pi / 4, 0.0, 0.0, 0.0, 0.0, 0.0)), ((NAN, 1.0), nan_row(6))],
    "div": [((1.0, 0.0), (INF, INF, -INF, 0.0, -INF, INF)), ((0.0, 0.0), (NAN, INF, NAN, 0.0, -INF, NAN)),
            ((INF, 2.0), (INF, 0.5, -INF, 0.0, -0.25, INF)), ((1.0, INF), (0.0, 0.0, -0.0, 0.0, -0.0, 0.0)),
            ((NAN, 1.0), (NAN, 1, NAN, 0.0, -1, NAN))],
    # Ties split evenly (PyTorch); -0 and +0 tie; an infinity beats a NaN as in math.Min/Max.
    "min": [((0.0, -0.0), (-0.0, 0.5, 0.5, 0.0, 0.0, 0.0)), ((-INF, NAN), (-INF, 1, 0.0, 0.0, 0.0, 0.0)),
            ((NAN, 1.0), nan_row(6)), ((INF, INF), (INF, 0.5, 0.5, 0.0, 0.0, 0.0)), ((-INF, 3.0), (-INF, 1, 0.0, 0.0, 0.0, 0.0))],
    "max": [((-0.0, 0.0), (0.0, 0.5, 0.5, 0.0, 0.0, 0.0)), ((NAN, INF), (INF, 0.0, 1, 0.0, 0.0, 0.0)),
            ((1.0, NAN), nan_row(6)), ((-INF, -INF), (-INF, 0.5, 0.5, 0.0, 0.0, 0.0))],
}


def selfcheck_binary():
    for name in ("pow", "atan2", "div"):
        f = BINARY[name]
        for x, y in binary_points(name)[:5]:
            x, y = mp.mpf(x), mp.mpf(y)
            row = f(x, y)
            g = lambda a, b: f(a, b)[0]
            num = [mp.diff(g, (x, y), (1, 0)), mp.diff(g, (x, y), (0, 1)), mp.diff(g, (x, y), (2, 0)),
                   mp.diff(g, (x, y), (1, 1)), mp.diff(g, (x, y), (0, 2))]
            for got, want in zip((row[1], row[2], row[3], row[4], row[5]), num):
                if abs(got - want) > mp.mpf(10) ** -30 * max(1, abs(want)):
                    sys.exit("closed form of %s wrong at %s, %s: %s vs %s" % (name, x, y, got, want))


def binary_rows(name, typ):
    rnd = f32 if typ == "f32" else (lambda t: t)
    f = BINARY[name]
    for x, y in binary_points(name):
        if typ == "f32" and (lost_in_f32(x) or lost_in_f32(y)):
            continue
        x, y = rnd(x), rnd(y)
        row = f(mp.mpf(x), mp.mpf(y))
        yield "%s %s %s %s ; %s" % (name, typ, fmt_in(x), fmt_in(y), " ".join(map(fmt_out, row)))
    for (x, y), row in BSPECIAL.get(name, []):
        x, y = rnd(x), rnd(y)
        yield "%s %s %s %s ; %s" % (name, typ, fmt_in(x), fmt_in(y), " ".join(map(fmt_out, row)))


def main():
    selfcheck_unary()
    selfcheck_binary()
    print("# Generated by refs_elementary.py with mpmath %s at %d digits; do not edit." % (mp.__version__, mp.mp.dps))
    print("# Format: see dual/refs_test.go. Unary: v d dd. Binary: v dx dy dxx dxy dyy.")
    for name in UNARY:
        for typ in ("f64", "f32"):
            for row in unary_rows(name, typ, unary_points(name, typ)):
                print(row)
    for name in BINARY:
        for typ in ("f64", "f32"):
            for row in binary_rows(name, typ):
                print(row)


main()
