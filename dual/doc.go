// Package dual implements forward-mode automatic differentiation with dual
// numbers: exact derivatives in one forward sweep, no graph, no tape.
//
// # Dual numbers
//
// A dual number x + x'ε carries a value x and a tangent x', with ε² = 0. Every
// function extends to dual numbers by f(x + x'ε) = f(x) + f'(x)·x'ε, so
// evaluating a formula on dual numbers seeded with x' = 1 yields f(x) and
// f'(x) together, and seeding n tangents (one per input) yields a gradient in
// one pass. The arithmetic is exact: the only errors are the floating-point
// roundings of the value and of the derivative formulas.
//
// # Types
//
// All types are generic over the element type T, float32 or float64 ([Float]).
//
//   - [Number] has one tangent D: a derivative, or a directional derivative
//     (Jacobian-vector product) when D is seeded with a direction.
//   - [Jet2] and [Jet3] have two and three partials in named fields (D0, D1, D2).
//     The compiler keeps them in registers, so an operation costs little more
//     than the value computation: the seed's f(x, y) = sin(xy)/sin(x) with both
//     partials runs within about 1.15× of the same derivatives written by hand.
//   - [Jet] has len(P) partials in an array, for gradients of many variables;
//     [Gradient], [Jacobian], [JVP], [Hessian] and [HVP] evaluate f over chunks
//     of inputs, and [Hyper] carries second derivatives.
//
// Values and derivatives are plain fields: build an input as
// Jet2[float64]{V: x, D0: 1} and read the result's V, D0 and D1. For float64, Number,
// Jet2 and Jet3 round every method exactly as a Jet with as many partials does, so
// the choice of type never changes a result (up to the sign of a zero partial).
//
// # Methods
//
// Every type has the same method set: Add, Sub, Mul, Div, Neg, Inv; the forms
// with a constant c: AddConst, SubConst (x - c), ConstSub (c - x), Scale (c·x),
// DivConst (x/c), ConstDiv (c/x); Pow (dual exponent), PowReal (constant
// exponent), PowInt; Sqrt, Cbrt, Exp, Exp2, Expm1, Log, Log2, Log10, Log1p,
// Sin, Cos, Sincos, Tan, Asin, Acos, Atan, Atan2, Abs, Min, Max, Fma; and the
// special functions (hyperbolic, error, gamma, Bessel, rounding). Methods take
// and return values, so formulas chain: x.Mul(y).Sin().Div(x.Sin()).
//
// # Values, derivatives and accuracy
//
// Values come from package math where it is accurate, and from dualgrad's own
// scalar library (internal/libm: the algorithms of vec's generic level, within 0.8
// ulp) where it is not: math.Acos is 2.5e7 ulps off near 1, math.Log2 2.6e14 near
// 1, math.Pow 5.9e8 at large exponents, math.Sin 4800 near its zero at 11696.15, and
// on amd64 math.Exp overflows above 709.44 and math.Log is wrong for subnormal x
// (golang/go#56600). The largest errors of the float64 values, in ulps of the exact
// result, measured on the 40-digit references of testdata/ and vec/testdata/ (and
// for Sin and Cos on 12 million random arguments up to 5e8):
//
//	function                 value from                                   error
//	Sqrt, Abs, Min, Max      correctly rounded                            0.5
//	Tan, Asin, Acos          libm                                         0.57
//	Log2, Log10, Pow         libm                                         0.62
//	Sin, Cos, Sincos         math's algorithm; libm near the zeros        1.7
//	                         and above 2^29
//	Exp                      math; libm above 709                         1.6
//	Log                      math; libm for subnormal x                   1.0
//	Atan2                    math; libm where y/x underflows              1.1
//	Sinh, Cosh               math; libm where |x| > 709                   2.4, 1.5
//	Exp2, Expm1, Log1p       math                                         1.1
//	Atan, Tanh, Asinh        math                                         1.2
//	Acosh, Atanh, Cbrt, Erf  math                                         1.9
//	Hypot                    math                                         1.5
//
// Erfinv and Erfcinv are within 3 ulps: math's values, refined by Newton's method
// for |x| >= 1/2 (Erfinv) and for x <= 1/2 or x >= 3/2 (Erfcinv), where
// math.Erfcinv is 2.4e7 ulps off at 1e-10 and +Inf below 2^-53. Gamma (math's)
// is within 12 ulps; Lgamma and the Bessel functions (math's) are accurate in
// absolute terms near their zeros. For float32, every value is the float64 value
// rounded to float32, within half an ulp plus the float64 error.
//
// Derivatives follow the calculus rules and IEEE 754. For float32 they are
// computed in float64 and rounded once, so they are within half an ulp (plus
// float64 error) of the exact derivative at the float32 argument. For float64,
// the tests bound first derivatives by 2 ulps (5 for Tan) and second
// derivatives by 4.5 ulps (8 for Tan), and the partials of Pow and Atan2 by 4
// ulps, against 80-digit references; derivatives formed from the value, such as
// Exp's, Tan's and Pow's, carry its error.
//
// # NaN-safety
//
// A zero tangent stays exactly zero, even where the local derivative is
// infinite or NaN. The partial of sqrt(x) + y with respect to y at x = 0 is 1,
// not NaN, although sqrt'(0) = +Inf: 0·Inf is never formed. This is
// ForwardDiff.jl's NaN-safe mode, always on. It holds at second order too: in
// Hyper's Hessian and DirJet's H·v a term that carries a zero tangent is zero, so
// the Hessian of exp(sqrt(x)) + x·y at (0, 2) has ∂²/∂x∂y = 1 although ∂/∂x is +Inf.
//
// # Conventions where no derivative exists
//
// Where a function has no derivative, dual returns a documented value,
// PyTorch's where PyTorch has a convention (checked against PyTorch 1.13 in
// testdata/torch_conventions.txt):
//
//	function            point                 derivative
//	Abs                 x = ±0                0 (PyTorch)
//	Sqrt                x = ±0                +Inf; second derivative -Inf (PyTorch at +0)
//	Cbrt                x = ±0                +Inf
//	Min, Max            x == y (also -0, +0)  0.5 to each argument (PyTorch)
//	Pow(x, y)           y = 0                 ∂/∂x = 0, so 0**0 has slope 0 (PyTorch)
//	Pow(x, y)           x = 0, y >= 0         ∂/∂y = 0 (PyTorch)
//	Pow(x, y)           x < 0                 ∂/∂y = NaN (x**y is not real nearby)
//	Atan2(y, x)         x = y = 0             0 for every partial (PyTorch: NaN)
//	Asin, Acos          x = ±1                ±Inf
//	Log                 x = 0                 +Inf (1/x)
//
// Second partials keep the same masks (a zero coefficient gives 0, x**a·ln x
// at x = 0 with a >= 0 gives 0). A NaN argument gives NaN derivatives, also
// where PyTorch's formulas produce 0 or 1; the test lists each difference from
// PyTorch with its reason.
//
// # Rules and generated code
//
// Each function's derivative is written once, as a scalar rule in this
// package: sinD(x) returns sin x and cos x, sinD2(x) also the second
// derivative. The methods of every type are generated from a table of these
// rules by internal/gen (run go generate), so all types behave identically.
package dual

//go:generate go run ./internal/gen -o .
