//go:build !purego

package vec

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkAsm reports ns per element of the main kernels of each assembly level at
// n = 4096 (inputs in L1). The official comparisons live in bench/.
func BenchmarkAsm(b *testing.B) {
	const n = 4096
	r := rand.New(rand.NewPCG(5, 6))
	x64, pos64, y64 := make([]float64, n), make([]float64, n), make([]float64, n)
	x32, pos32, y32 := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range x64 {
		x64[i] = 20*r.Float64() - 10
		pos64[i] = r.ExpFloat64() * 100
		x32[i], pos32[i] = float32(x64[i]), float32(pos64[i])
	}
	c := make([]float64, n)
	dx, dy := NewDual[float64](n, 2), NewDual[float64](n, 2)
	copy(dx.V, x64)
	copy(dx.D[0], pos64)
	copy(dx.D[1], x64)
	for _, l := range asmLevels(&testing.T{}) {
		k := l.k
		plain := dualKernels(&k.f64) // the generic way of building duals, for comparison
		cases := []struct {
			name string
			run  func()
		}{
			{"sin/f64", func() { k.f64.sin(y64, x64) }},
			{"cos/f64", func() { k.f64.cos(y64, x64) }},
			{"sincos/f64", func() { k.f64.sincos(y64, c, x64) }},
			{"exp/f64", func() { k.f64.exp(y64, x64) }},
			{"log/f64", func() { k.f64.log(y64, pos64) }},
			{"sin/f32", func() { k.f32.sin(y32, x32) }},
			{"exp/f32", func() { k.f32.exp(y32, x32) }},
			{"log/f32", func() { k.f32.log(y32, pos32) }},
			{"add/f64", func() { k.f64.add(y64, x64, pos64) }},
			{"dualSin/f64", func() { k.f64.dualSin(dy, dx) }},
			{"dualSin-go-tangents/f64", func() { plain.dualSin(dy, dx) }},
			{"dualMul/f64", func() { k.f64.dualMul(dy, dx, dx) }},
			{"dualMul-go-tangents/f64", func() { plain.dualMul(dy, dx, dx) }},
		}
		for _, tc := range cases {
			b.Run(l.name+"/"+tc.name, func(b *testing.B) {
				for b.Loop() {
					tc.run()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/elem")
			})
		}
	}
}
