package dual

import "math"

// Rules for the Gamma function and the logarithm of its absolute value. Their
// derivatives come from digamma and trigamma in digamma.go.

// gammaSlope returns Γ(x), Γ'(x) = Γ(x)ψ(x) and Γ″(x) = Γ(x)(ψ(x)² + ψ'(x)).
// At ±0 Γ is ±Inf and ψ is ∓Inf, which gives the true one-sided limits Γ' = -Inf
// and Γ″ = ±Inf. Where Γ underflows to ±0 (x < -171 between the poles) the
// derivatives are ±0 too; at the poles x = -1, -2, … everything is NaN, as Γ is.
func gammaSlope(x float64) (v, d, dd float64) {
	v = math.Gamma(x)
	psi := digamma(x)
	return v, v * psi, v * (psi*psi + trigamma(x))
}

func gammaD[T Float](x T) (v, d T) {
	g := math.Gamma(float64(x))
	return T(g), T(g * digamma(float64(x)))
}

func gammaD2[T Float](x T) (v, d, dd T) {
	g, s, ss := gammaSlope(float64(x))
	return T(g), T(s), T(ss)
}

// lgammaSignD returns log|Γ(x)| and the sign of Γ(x), exactly as math.Lgamma does,
// with the derivative ψ(x). At the poles x = 0, -1, -2, … the value is +Inf; the
// derivative is ∓Inf at ±0 (the one-sided limit, as in PyTorch's digamma) and NaN at
// the negative integers, where the one-sided limits are +Inf and -Inf.
func lgammaSignD[T Float](x T) (v, d T, sign int) {
	lg, sign := math.Lgamma(float64(x))
	return T(lg), T(digamma(float64(x))), sign
}

// lgammaSignD2 is lgammaSignD with the second derivative ψ'(x), which is +Inf at
// every pole.
func lgammaSignD2[T Float](x T) (v, d, dd T, sign int) {
	lg, sign := math.Lgamma(float64(x))
	return T(lg), T(digamma(float64(x))), T(trigamma(float64(x))), sign
}
