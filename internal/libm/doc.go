// Package libm is dualgrad's scalar float64 math library: exp, log, the
// trigonometric and hyperbolic functions and their inverses, pow, cbrt, erf and
// hypot, each within 0.8 ulp of the correctly rounded result.
//
// Go's math package is faster on some functions but less accurate in places: sin,
// cos and tan near their zeros and beyond 2^29; acos and asin near ±1; log2 near 1;
// pow at large exponents; and on amd64 log of subnormal numbers and exp above
// 709.43. libm reduces arguments in double-double (Cody-Waite with FMA,
// Payne-Hanek for huge arguments), evaluates polynomials fitted with mpmath
// (testdata/coeffs.py, which writes coeffs.go) and carries the leading terms in
// double-double, so that only the final addition rounds.
//
// Two packages use it: vec's generic level, whose slice kernels call these
// functions element by element (the assembly levels evaluate the same fits from
// coeffs.go), and dual, for values where math is off. Its accuracy is tested
// there: vec's tests hold the generic level to 1 ulp against mpmath and math/big
// references, and dual's tests hold its values to their documented bounds.
//
// Special cases follow package math: the functions return the same infinities,
// zeros (with their signs) and NaNs as math does for the same arguments.
package libm
