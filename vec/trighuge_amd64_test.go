//go:build !purego

package vec

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestTrigHugeArguments checks sin, cos, tan and sincos far beyond the assembly's
// fallback bound (2^20), on every level, against the big-float reference (pi to 1400
// bits), within 1 ULP. expr's fuzzing reported cos(≈3e31) and tan(≈9e9) as wrong;
// the reference shows that vec is right there and that Go's math (hence package dual)
// is the one that loses accuracy: at x = 1.7155595725636302e+95, math.Sin is off by
// about 350 ULP, at 9e9 math.Tan by 2 ULP.
func TestTrigHugeArguments(t *testing.T) {
	xs := []float64{3e31, -3e31, 9e9, 1e22, 1.7155595725636302e+95, 8.686649029016744e+218,
		4.871194629659228e+60, 0x1p20 + 1, math.MaxFloat64}
	r := rand.New(rand.NewPCG(21, 22))
	for range 40 {
		xs = append(xs, math.Ldexp(1+r.Float64(), 20+r.IntN(1000)))
	}
	type refs struct{ sin, cos, tan float64 }
	want := make([]refs, len(xs))
	for i, x := range xs {
		s, c := refSinCos(x)
		want[i].sin, _ = s.Float64()
		want[i].cos, _ = c.Float64()
		want[i].tan, _ = new(big.Float).Quo(s, c).Float64()
	}
	within1ULP := func(got, ref float64) bool {
		return math.Abs(got-ref) <= math.Abs(math.Nextafter(ref, math.Inf(1))-ref)
	}
	forEachLevel(t, func(t *testing.T) {
		n := len(xs)
		sin, cos, tan, s, c := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		Sin(sin, xs)
		Cos(cos, xs)
		Tan(tan, xs)
		Sincos(s, c, xs)
		for i, x := range xs {
			w := want[i]
			if !within1ULP(sin[i], w.sin) || !within1ULP(s[i], w.sin) {
				t.Errorf("sin(%v) = %v (Sincos %v), want %v", x, sin[i], s[i], w.sin)
			}
			if !within1ULP(cos[i], w.cos) || !within1ULP(c[i], w.cos) {
				t.Errorf("cos(%v) = %v (Sincos %v), want %v", x, cos[i], c[i], w.cos)
			}
			if !within1ULP(tan[i], w.tan) {
				t.Errorf("tan(%v) = %v, want %v", x, tan[i], w.tan)
			}
		}
	})
}
