package dual

import "math"

// Digamma ψ = Γ'/Γ and trigamma ψ' in float64, the derivatives of Lgamma. Go's
// math package has neither.
//
// Accuracy (asserted by TestDigammaReference against mpmath at 80 digits, over 200
// points through every branch): relative error below 4 ulps for ψ at x > 0 and for ψ'
// everywhere (2.8 and 1.9 measured); for ψ at x < 0 the reflection formula loses
// relative accuracy next to the zeros of ψ, and the error stays below 4 ulps of the
// size of the two reflected terms.

// digammaRoot is the positive zero of ψ, x₀ = 1.46163214496836234126…, split into
// a float64 and the float64 nearest the remainder so that x - x₀ is exact to 2⁻¹⁰⁷.
const (
	digammaRootHi = 1.4616321449683622
	digammaRootLo = 9.549995429965697e-17
)

// digammaTaylorRadius is the half-width of the interval around x₀ on which ψ is
// evaluated from its Taylor series. The nearest pole, 0, is x₀ away, so the terms
// shrink like (0.5/x₀)^k ≈ 0.34^k and 38 terms reach 2⁻⁵⁸.
const digammaTaylorRadius = 0.5

// digammaTaylor holds ψ⁽ᵏ⁾(x₀)/k! = (-1)^(k+1) ζ(k+1, x₀) for k = 1…38, computed
// with mpmath (see testdata/refs_special.py, which regenerates and checks them).
var digammaTaylor = [...]float64{
	0.9676722454476212,
	-0.4427631689835921,
	0.258499760955651,
	-0.16394270544240652,
	0.10782405069126237,
	-0.07219956125645471,
	0.04880428816414311,
	-0.03316112647484736,
	0.022597648232218104,
	-0.01542476590494896,
	0.010538791616612175,
	-0.007204534386356869,
	0.004926781395729853,
	-0.003369801655439328,
	0.002305126326734928,
	-0.0015769367714301972,
	0.0010788252019162967,
	-0.0007380709389960052,
	0.000504953265834602,
	-0.0003454680251063077,
	0.00023635601564027053,
	-0.00016170622091974803,
	0.0001106337276874741,
	-7.569179582195066e-05,
	5.178575795222081e-05,
	-3.5430070947659604e-05,
	2.424006611860132e-05,
	-1.6584242271854135e-05,
	1.134638458466385e-05,
	-7.762817668462094e-06,
	5.3110609208898636e-06,
	-3.6336507898010456e-06,
	2.486022733129538e-06,
	-1.7008538854332607e-06,
	1.1636675363548843e-06,
	-7.96142543124197e-07,
	5.446941930669446e-07,
	-3.7266161283438227e-07,
}

// digamma returns ψ(x). Special cases: ψ(+Inf) = +Inf, ψ(±0) = ∓Inf (the one-sided
// limits, as in PyTorch), ψ(x) = NaN for x a negative integer, -Inf or NaN.
func digamma(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, -1):
		return math.NaN()
	case math.IsInf(x, 1):
		return x
	case x == 0:
		return math.Copysign(math.Inf(1), -x)
	case x < 0:
		if x == math.Trunc(x) {
			return math.NaN()
		}
		// Reflection: ψ(x) = ψ(1-x) - π cot(πx).
		return digamma(1-x) - math.Pi*cotPi(x)
	case x >= 10:
		return digammaAsymptotic(x)
	}
	lo := digammaRootHi - digammaTaylorRadius
	if x < lo {
		// ψ(x) = ψ(x+1) - 1/x, with x+1 in [1, x₀+0.5).
		return digammaNearRoot(x+1) - 1/x
	}
	// ψ(x) = ψ(t) + Σ 1/(t+k) for k = 0…n-1, with t = x - n exact and near x₀.
	n := math.Floor(x - lo)
	t := x - n
	sum := 0.0
	for k := n - 1; k >= 0; k-- { // smallest terms first
		sum += 1 / (t + k)
	}
	return digammaNearRoot(t) + sum
}

// digammaNearRoot returns ψ(x) for |x - x₀| ≤ 0.5 from the Taylor series at x₀,
// which keeps full relative accuracy as ψ passes through zero.
func digammaNearRoot(x float64) float64 {
	t := (x - digammaRootHi) - digammaRootLo
	p := 0.0
	for i := len(digammaTaylor) - 1; i >= 0; i-- {
		p = p*t + digammaTaylor[i]
	}
	return p * t
}

// digammaAsymptotic returns ψ(x) for x ≥ 10 from the asymptotic series
// ln x - 1/(2x) - Σ B₂ₖ/(2k x²ᵏ), k = 1…8; the first omitted term is below 2⁻⁵⁷ ψ(x).
func digammaAsymptotic(x float64) float64 {
	z := 1 / (x * x)
	s := z * (1.0/12 - z*(1.0/120-z*(1.0/252-z*(1.0/240-z*(1.0/132-z*(691.0/32760-z*(1.0/12-z*3617.0/8160)))))))
	return math.Log(x) - 0.5/x - s
}

// trigamma returns ψ'(x). Special cases: ψ'(+Inf) = 0, ψ'(x) = +Inf at the poles
// x = 0, -1, -2, … (the limit from both sides), ψ'(-Inf) = ψ'(NaN) = NaN.
func trigamma(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, -1):
		return math.NaN()
	case math.IsInf(x, 1):
		return 0
	case x <= 0:
		if x == math.Trunc(x) {
			return math.Inf(1)
		}
		// Reflection: ψ'(x) = π²/sin²(πx) - ψ'(1-x); the first term is at least
		// π² and the second at most π²/6, so nothing cancels.
		s := sinPi(x)
		return math.Pi*math.Pi/(s*s) - trigamma(1-x)
	}
	// ψ'(x) = Σ 1/(x+k)² for k = 0…n-1, plus ψ'(x+n) from the asymptotic series.
	sum := 0.0
	for ; x < 10; x++ {
		sum += 1 / (x * x)
	}
	z := 1 / (x * x)
	s := z * (1.0/6 - z*(1.0/30-z*(1.0/42-z*(1.0/30-z*(5.0/66-z*(691.0/2730-z*(7.0/6-z*3617.0/510)))))))
	return sum + (1+0.5/x+s)/x
}

// cotPi returns cot(πx) for x not an integer. The argument is reduced exactly to
// r = x - round(x) in [-1/2, 1/2]; near ±1/2, where cot(πr) is small, it is computed
// as tan(π(1/2 - |r|)) so that the rounding of π·r does not cost relative accuracy.
func cotPi(x float64) float64 {
	r := x - math.Round(x)
	if math.Abs(r) <= 0.25 {
		return 1 / math.Tan(math.Pi*r)
	}
	return math.Copysign(math.Tan(math.Pi*(0.5-math.Abs(r))), r)
}

// sinPi returns sin(πx) up to sign (the callers square it), reducing x exactly to
// r = x - round(x) first so that large x lose no accuracy.
func sinPi(x float64) float64 {
	return math.Sin(math.Pi * (x - math.Round(x)))
}
