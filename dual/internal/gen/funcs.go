package main

import "strings"

// unary is a one-argument function whose rules are the scalar functions
// Rule+"D" (value and derivative) and Rule+"D2" (value, first and second
// derivative) in package dual.
type unary struct {
	Name string // method name
	Rule string // rule prefix: sin for sinD and sinD2
	Doc  string // doc comment after the method name, special cases included
}

// binary is a two-argument function x.Name(y) whose rules Rule+"D" and
// Rule+"D2" return the value and the partials with respect to x then y.
type binary struct {
	Name string
	Rule string
	Doc  string
}

// doc joins the lines of a doc comment, the first of which follows the method
// name.
func doc(lines ...string) string { return strings.Join(lines, "\n// ") }

// sameAsMath is the sentence on values in every elementary function's doc: the
// value's error bound is in the package doc's table, by function.
func sameAsMath(f string) string {
	return "The value is within the bound the package doc gives for " + f + " (for float32, the float64 value rounded)."
}

// sameAsMath2 is sameAsMath for a function of two arguments.
func sameAsMath2(f string) string { return sameAsMath(f) }

// fusedRules holds, by method name, the call pattern (%s stands for the value and
// two tangents) of a rule that applies the chain rule itself and returns the value
// and both tangents. The types with at most two tangents call it in place of
// Rule+"D" and chain, which saves a call (see dual/sincos.go).
var fusedRules = map[string]string{
	"Sin": "sinCosChain(%s, false)",
	"Cos": "sinCosChain(%s, true)",
}

var unaryFuncs = []unary{
	{"Sin", "sin", doc("returns sin x, with derivative cos x.", sameAsMath("Sin"),
		"Special cases: Sin(±0) = ±0 with derivative 1; Sin(±Inf) = Sin(NaN) = NaN with derivative NaN.")},
	{"Cos", "cos", doc("returns cos x, with derivative -sin x.", sameAsMath("Cos"),
		"Special cases: Cos(±Inf) = Cos(NaN) = NaN with derivative NaN.")},
	{"Tan", "tan", doc("returns tan x, with derivative 1 + tan² x.", sameAsMath("Tan"),
		"Special cases: Tan(±0) = ±0 with derivative 1; Tan(±Inf) = Tan(NaN) = NaN with derivative NaN.")},
	{"Asin", "asin", doc("returns the arcsine of x, with derivative 1/sqrt(1-x²).", sameAsMath("Asin"),
		"Special cases: Asin(±1) = ±π/2 with derivative +Inf; Asin(x) = NaN with derivative NaN if |x| > 1.")},
	{"Acos", "acos", doc("returns the arccosine of x, with derivative -1/sqrt(1-x²).", sameAsMath("Acos"),
		"Special cases: Acos(±1) has derivative -Inf; Acos(x) = NaN with derivative NaN if |x| > 1.")},
	{"Atan", "atan", doc("returns the arctangent of x, with derivative 1/(1+x²).", sameAsMath("Atan"),
		"Special cases: Atan(±Inf) = ±π/2 with derivative 0; Atan(NaN) = NaN with derivative NaN.")},
	{"Exp", "exp", doc("returns e**x, with derivative e**x.", sameAsMath("Exp"),
		"Special cases: Exp(+Inf) = +Inf with derivative +Inf; Exp(-Inf) = 0 with derivative 0;",
		"Exp(NaN) = NaN; values overflow to +Inf and underflow to 0 with their derivatives.")},
	{"Exp2", "exp2", doc("returns 2**x, with derivative ln 2 · 2**x.", sameAsMath("Exp2"),
		"Special cases are those of Exp.")},
	{"Expm1", "expm1", doc("returns e**x - 1, accurate for small x, with derivative e**x.", sameAsMath("Expm1"),
		"Special cases: Expm1(+Inf) = +Inf with derivative +Inf; Expm1(-Inf) = -1 with derivative 0;",
		"Expm1(NaN) = NaN.")},
	{"Log", "log", doc("returns the natural logarithm of x, with derivative 1/x.", sameAsMath("Log"),
		"Special cases: Log(+Inf) = +Inf with derivative 0; Log(±0) = -Inf with derivative ±Inf;",
		"Log(x < 0) = NaN (the derivative is 1/x, as in PyTorch); Log(NaN) = NaN.")},
	{"Log2", "log2", doc("returns the binary logarithm of x, with derivative 1/(x ln 2).", sameAsMath("Log2"),
		"Special cases are those of Log.")},
	{"Log10", "log10", doc("returns the decimal logarithm of x, with derivative 1/(x ln 10).", sameAsMath("Log10"),
		"Special cases are those of Log.")},
	{"Log1p", "log1p", doc("returns ln(1+x), accurate for small x, with derivative 1/(1+x).", sameAsMath("Log1p"),
		"Special cases: Log1p(+Inf) = +Inf with derivative 0; Log1p(-1) = -Inf with derivative +Inf;",
		"Log1p(x < -1) = NaN; Log1p(NaN) = NaN.")},
	{"Sqrt", "sqrt", doc("returns the square root of x, with derivative 1/(2 sqrt x).", sameAsMath("Sqrt"),
		"Special cases: Sqrt(±0) = ±0 with derivative +Inf, as in PyTorch (a zero tangent stays 0);",
		"Sqrt(+Inf) = +Inf with derivative 0; Sqrt(x < 0) = NaN with derivative NaN.")},
	{"Cbrt", "cbrt", doc("returns the cube root of x, with derivative 1/(3 cbrt² x).", sameAsMath("Cbrt"),
		"Special cases: Cbrt(±0) = ±0 with derivative +Inf; Cbrt(±Inf) = ±Inf with derivative 0.")},
	{"Abs", "abs", doc("returns |x|, with derivative sign(x).", sameAsMath("Abs"),
		"At x = ±0, where |x| has no derivative, the derivative is 0, as in PyTorch.")},
	{"Inv", "inv", doc("returns 1/x, with derivative -1/x².",
		"Special cases: Inv(±0) = ±Inf with derivative -Inf; Inv(±Inf) = ±0 with derivative -0.")},
}

var binaryFuncs = []binary{
	{"Pow", "pow", doc("returns x**y, with partials y·x**(y-1) and x**y·ln x.", sameAsMath2("Pow"),
		"Where x**y has no derivative the partials follow PyTorch's conventions: ∂/∂x is 0 when y = 0",
		"(so 0**0 has slope 0), and ∂/∂y is 0 when x = 0 and y >= 0. For x < 0, ∂/∂y is NaN,",
		"since x**y is not real on any interval of y. Use PowInt or PowReal for a constant exponent.")},
	{"Atan2", "atan2", doc("returns the arc tangent of x/y, using the signs of both to pick the quadrant:",
		"the receiver is math.Atan2's first argument, so write y.Atan2(x) for atan2(y, x).",
		"The partials are y/(x²+y²) with respect to the receiver x and -x/(x²+y²) with respect to y.",
		sameAsMath2("Atan2"),
		"At the origin, where atan2 has no derivative, both partials are 0; they tend to 0 for",
		"infinite arguments and are 0 there.")},
	{"Min", "min", doc("returns the smaller of x and y, with partial 1 for the smaller and 0 for the other.", sameAsMath2("Min"),
		"At a tie (including -0 and +0) the partials are 0.5 each, as in PyTorch's minimum.",
		"Min(x, -Inf) = -Inf with partial 1 for the -Inf even if x is NaN; otherwise a NaN argument gives",
		"a NaN value and NaN partials.")},
	{"Max", "max", doc("returns the larger of x and y, with partial 1 for the larger and 0 for the other.", sameAsMath2("Max"),
		"At a tie (including -0 and +0) the partials are 0.5 each, as in PyTorch's maximum.",
		"Max(x, +Inf) = +Inf with partial 1 for the +Inf even if x is NaN; otherwise a NaN argument gives",
		"a NaN value and NaN partials.")},
}
