//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Dense checks of the float64 atan2, asin, acos, pow, log2 and log10 kernels where
// their assembly differs from the generic level's algorithm (vec/_asm: invtrig.go,
// pow.go, logdd.go): the reduction breakpoints and argument scalings of atan2, the
// branch boundary of asin and acos and their shorter polynomial, pow's logarithm near
// the ends of its mantissa interval with |y log x| up to the overflow threshold, and
// the mantissa split of log2 and log10 around sqrt(2) and for subnormals. Each point is
// compared with a math/big reference and must be within 1 ULP, the contract; the test
// logs the largest error per kernel and level.

// denseULPBound is the error bound asserted by TestDenseAccuracy64Asm: the accuracy
// contract of every transcendental kernel.
const denseULPBound = 1.0

// denseCount is the number of random points per input family (fewer under -short).
func denseCount() int {
	if testing.Short() {
		return 200
	}
	return 2500
}

// near returns v scaled by 1 + d with d uniform in [-w, w].
func near(r *rand.Rand, v, w float64) float64 { return v * (1 + w*(2*r.Float64()-1)) }

// randSign returns v or -v.
func randSign(r *rand.Rand, v float64) float64 {
	if r.IntN(2) == 0 {
		return -v
	}
	return v
}

// atan2DenseInputs returns (y, x) pairs whose ratio |y/x| or |x/y| lies near the
// reduction breakpoints 7/16, 11/16 and 1, at magnitudes that cross the scaling
// thresholds (a smaller operand below 2^-400, a larger one from 2^500 and from 2^1022,
// subnormals) and with results down to the subnormal range.
func atan2DenseInputs(r *rand.Rand, n int) (ys, xs []float64) {
	add := func(lo, hi float64) {
		if r.IntN(2) == 0 {
			lo, hi = hi, lo // the swap: |y| > |x|
		}
		ys, xs = append(ys, randSign(r, lo)), append(xs, randSign(r, hi))
	}
	for range n {
		scale := math.Exp2(float64(r.IntN(2000) - 1000))
		for _, b := range []float64{7.0 / 16, 11.0 / 16, 1, 0.25, 0.9} {
			add(near(r, b, 0x1p-20)*scale, scale)
		}
		// A smaller operand near 2^-400 or subnormal, a larger one near 2^500 or 2^1022.
		lo := math.Exp2(-400 + 40*(r.Float64()-0.5))
		add(lo, lo/near(r, 0.6, 0.5))
		add(lo, math.Exp2(-200+500*r.Float64()))
		sub := math.Float64frombits(1 + r.Uint64N(1<<52))
		add(sub, math.Exp2(-1022+60*r.Float64()))
		add(sub, sub*(1+r.Float64()))
		huge := math.Exp2(1021 + 2.99*r.Float64())
		add(huge*near(r, 0.6, 0.5), huge)
		add(math.Exp2(-1074+1074*r.Float64()), math.Exp2(500+500*r.Float64()))
	}
	return ys, xs
}

// asinDenseInputs returns x near the branch point 1/2, near 1, and across [-1, 1].
func asinDenseInputs(r *rand.Rand, n int) []float64 {
	var x []float64
	for range n {
		x = append(x, randSign(r, near(r, 0.5, 0x1p-8)), randSign(r, near(r, 0.5, 0.1)),
			randSign(r, 1-math.Exp2(-53*r.Float64())), randSign(r, r.Float64()),
			randSign(r, math.Exp2(-30*r.Float64())))
	}
	return x
}

// logDenseInputs returns x with mantissas near sqrt(2) (the split point), near 1, and
// random, over all binades including subnormals.
func logDenseInputs(r *rand.Rand, n int) []float64 {
	var x []float64
	for range n {
		e := math.Exp2(float64(r.IntN(2046) - 1022))
		x = append(x, near(r, math.Sqrt2, 0x1p-40)*e, near(r, math.Sqrt2, 0x1p-10)*e,
			near(r, 1, 0x1p-30)*e, (1+r.Float64())*e,
			math.Float64frombits(1+r.Uint64N(1<<52)), math.Pow(10, float64(r.IntN(600)-300)))
	}
	return x
}

// powDenseInputs returns (x, y) with x near sqrt(2) and sqrt(2)/2 (the mantissa
// interval's ends, where log m is largest), near 1, and random, with y making
// |y log x| up to 745 (results from subnormal to near overflow).
func powDenseInputs(r *rand.Rand, n int) (xs, ys []float64) {
	for range n {
		for _, x := range []float64{near(r, math.Sqrt2, 0x1p-20), near(r, math.Sqrt2/2, 0x1p-20),
			near(r, 1, 0x1p-12), math.Exp2(-1000 + 2000*r.Float64())} {
			lx := math.Log(x)
			y := (-745 + 1454*r.Float64()) / lx // x^y from about 2^-1075 to 2^1024
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	return xs, ys
}

// TestDenseAccuracy64Asm asserts the float64 atan2, asin, acos, pow, log2 and log10
// kernels of every assembly level within denseULPBound of a math/big reference on the
// inputs above.
func TestDenseAccuracy64Asm(t *testing.T) {
	skipUnderRace(t)
	n := denseCount()
	r := rand.New(rand.NewPCG(2026, 1126))
	type unary struct {
		name   string
		inputs []float64
		ref    func(float64) *big.Float
		kernel func(k *kernels) func(dst, x []float64)
	}
	asinX, logX := asinDenseInputs(r, n), logDenseInputs(r, n)
	unaries := []unary{
		{"asin", asinX, refAsin, func(k *kernels) func(dst, x []float64) { return k.f64.asin }},
		{"acos", asinX, refAcos, func(k *kernels) func(dst, x []float64) { return k.f64.acos }},
		{"log2", logX, func(x float64) *big.Float { return refLogBase(x, 2) }, func(k *kernels) func(dst, x []float64) { return k.f64.log2 }},
		{"log10", logX, func(x float64) *big.Float { return refLogBase(x, 10) }, func(k *kernels) func(dst, x []float64) { return k.f64.log10 }},
	}
	for _, u := range unaries {
		refs := make([]*big.Float, len(u.inputs))
		for i, x := range u.inputs {
			refs[i] = u.ref(x)
		}
		for _, l := range asmLevels(t) {
			got := make([]float64, len(u.inputs))
			u.kernel(l.k)(got, u.inputs)
			checkDense(t, fmt.Sprintf("%s/%s", l.name, u.name), got, refs, func(i int) string {
				return fmt.Sprintf("x = %v", u.inputs[i])
			})
		}
	}

	ys, xs := atan2DenseInputs(r, n)
	refs := make([]*big.Float, len(ys))
	for i := range ys {
		refs[i] = refAtan2(ys[i], xs[i])
	}
	for _, l := range asmLevels(t) {
		got := make([]float64, len(ys))
		l.k.f64.atan2(got, ys, xs)
		checkDense(t, l.name+"/atan2", got, refs, func(i int) string {
			return fmt.Sprintf("(y, x) = (%v, %v)", ys[i], xs[i])
		})
	}

	px, py := powDenseInputs(r, n)
	refs = make([]*big.Float, len(px))
	for i := range px {
		refs[i] = refPow(px[i], py[i])
	}
	for _, l := range asmLevels(t) {
		got := make([]float64, len(px))
		l.k.f64.pow(got, px, py)
		checkDense(t, l.name+"/pow", got, refs, func(i int) string {
			return fmt.Sprintf("(x, y) = (%v, %v)", px[i], py[i])
		})
	}
}

// checkDense asserts every got[i] within denseULPBound of refs[i] (float64 ULPs,
// subnormal results in units of the smallest subnormal) and logs the largest error.
func checkDense(t *testing.T, name string, got []float64, refs []*big.Float, at func(i int) string) {
	t.Helper()
	worst, worstAt := 0.0, -1
	for i, ref := range refs {
		e := math.Inf(1)
		if !math.IsNaN(got[i]) && !math.IsInf(got[i], 0) {
			e = ulpErr(got[i], ref, 52, -1022)
		}
		if !(e <= worst) {
			worst, worstAt = e, i
		}
	}
	if worstAt < 0 {
		return
	}
	t.Logf("%s: max error %.3f ULP at %s over %d points", name, worst, at(worstAt), len(refs))
	if !(worst <= denseULPBound) {
		t.Errorf("%s: %v at %s is %.3f ULP from the exact value, beyond %v", name, got[worstAt], at(worstAt), worst, denseULPBound)
	}
}

// TestSpecialNeighbours64Asm asserts that the float64 log2, log10, pow and atan2
// kernels, whose assembly takes a shorter path for vectors without special lanes, give
// an ordinary lane the same bits whether or not its vector holds special values.
func TestSpecialNeighbours64Asm(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	const n = 64
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = math.Exp2(-380 + 1400*r.Float64()) // within atan2's ordinary range too
		y[i] = (-700 + 1400*r.Float64()) / math.Log(x[i])
	}
	specials := []float64{0, math.Copysign(0, -1), -1, math.Inf(1), math.Inf(-1), math.NaN(), 0x1p-1070, 1}
	for _, l := range asmLevels(t) {
		unary := map[string]func(dst, x []float64){"log2": l.k.f64.log2, "log10": l.k.f64.log10}
		for name, f := range unary {
			plain := make([]float64, n)
			f(plain, x)
			for _, s := range specials {
				for pos := 0; pos < 8; pos++ {
					mixed := append([]float64(nil), x...)
					for i := pos; i < n; i += 8 {
						mixed[i] = s
					}
					got := make([]float64, n)
					f(got, mixed)
					for i := range got {
						if mixed[i] == x[i] && !sameFloat(got[i], plain[i]) {
							t.Fatalf("%s %s(%v) = %v next to %v, %v without", l.name, name, x[i], got[i], s, plain[i])
						}
					}
				}
			}
		}
		binary := map[string]func(dst, a, b []float64){"pow": l.k.f64.pow, "atan2": l.k.f64.atan2}
		for name, f := range binary {
			checkNeighbours2(t, l.name+" "+name, f, x, y, specials)
		}
	}
}

// checkNeighbours2 asserts that f(dst, a, b) gives every lane whose inputs are those of
// x and y the same bits as f(dst, x, y) when special values fill other lanes of its
// vector (a special a in every eighth lane, a special b in a neighbour of each).
func checkNeighbours2(t *testing.T, name string, f func(dst, a, b []float64), x, y, specials []float64) {
	t.Helper()
	n := len(x)
	plain := make([]float64, n)
	f(plain, x, y)
	for _, s := range specials {
		for pos := 0; pos < 8; pos++ {
			mx, my := append([]float64(nil), x...), append([]float64(nil), y...)
			for i := pos; i < n; i += 8 {
				mx[i] = s
				my[i+1-2*(i%2)] = s // the neighbour's exponent
			}
			got := make([]float64, n)
			f(got, mx, my)
			for i := range got {
				if mx[i] == x[i] && my[i] == y[i] && !sameFloat(got[i], plain[i]) {
					t.Fatalf("%s(%v, %v) = %v next to %v, %v without", name, x[i], y[i], got[i], s, plain[i])
				}
			}
		}
	}
}
