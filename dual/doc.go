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
// The value of every function is the value of the function of the same name
// in package math, bit for bit; for float32, it is the float64 function of
// the float64 argument, rounded to float32. Values therefore have math's
// accuracy, including its flaws on amd64 at the time of writing: math.Exp
// overflows to +Inf above x ≈ 709.436 instead of 709.78, math.Log, Log2 and
// Log10 are wrong for subnormal arguments (golang/go#56600), math.Acos loses
// precision near 1, Log2 near 1, and math.Pow for large exponents.
//
// Derivatives follow the calculus rules and IEEE 754. For float32 they are
// computed in float64 and rounded once, so they are within half an ulp (plus
// float64 error) of the exact derivative at the float32 argument. For float64,
// the tests bound first derivatives by 2 ulps (5 for Tan) and second
// derivatives by 4.5 ulps (8 for Tan), and the partials of Pow and Atan2 by 4
// ulps, against 80-digit references, wherever math's own value is within 4
// ulps; derivatives formed from the value, such as Exp's, Tan's and Pow's,
// follow math's value where it is further off.
//
// # NaN-safety
//
// A zero tangent stays exactly zero, even where the local derivative is
// infinite or NaN. The partial of sqrt(x) + y with respect to y at x = 0 is 1,
// not NaN, although sqrt'(0) = +Inf: 0·Inf is never formed. This is
// ForwardDiff.jl's NaN-safe mode, always on.
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
