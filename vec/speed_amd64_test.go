//go:build !purego

package vec

import (
	"math/rand/v2"
	"testing"
	"time"
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
			{"log2/f64", func() { k.f64.log2(y64, pos64) }},
			{"log10/f64", func() { k.f64.log10(y64, pos64) }},
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

// BenchmarkStreamBandwidth runs every arithmetic kernel of each assembly level at
// n = 1<<22 (the streaming path) and reports the bandwidth of the columns it reads and
// writes as a percentage of a plain copy's (one column read, one written), the measure
// of issue #3. Each iteration times one copy and one kernel call back to back and the
// fastest of each is kept, so other load on the machine weighs on both alike; run it
// with a fixed count, e.g. -benchtime 40x.
func BenchmarkStreamBandwidth(b *testing.B) {
	const n = 1 << 22
	r := rand.New(rand.NewPCG(7, 8))
	col64 := func() []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = r.Float64() + 0.5
		}
		return v
	}
	col32 := func() []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(r.Float64() + 0.5)
		}
		return v
	}
	a64, b64, c64, d64 := col64(), col64(), col64(), col64()
	a32, b32, c32, d32 := col32(), col32(), col32(), col32()
	for _, l := range asmLevels(&testing.T{}) {
		k64, k32 := &l.k.f64, &l.k.f32
		cases := []struct {
			name    string
			columns int // read and written
			f64     func()
			f32     func()
		}{
			{"add", 3, func() { k64.add(d64, a64, b64) }, func() { k32.add(d32, a32, b32) }},
			{"sub", 3, func() { k64.sub(d64, a64, b64) }, func() { k32.sub(d32, a32, b32) }},
			{"mul", 3, func() { k64.mul(d64, a64, b64) }, func() { k32.mul(d32, a32, b32) }},
			{"div", 3, func() { k64.div(d64, a64, b64) }, func() { k32.div(d32, a32, b32) }},
			{"min", 3, func() { k64.min(d64, a64, b64) }, func() { k32.min(d32, a32, b32) }},
			{"max", 3, func() { k64.max(d64, a64, b64) }, func() { k32.max(d32, a32, b32) }},
			{"neg", 2, func() { k64.neg(d64, a64) }, func() { k32.neg(d32, a32) }},
			{"abs", 2, func() { k64.abs(d64, a64) }, func() { k32.abs(d32, a32) }},
			{"sqrt", 2, func() { k64.sqrt(d64, a64) }, func() { k32.sqrt(d32, a32) }},
			{"recip", 2, func() { k64.recip(d64, a64) }, func() { k32.recip(d32, a32) }},
			{"scale", 2, func() { k64.scale(d64, a64, 3) }, func() { k32.scale(d32, a32, 3) }},
			{"addScalar", 2, func() { k64.addScalar(d64, a64, 3) }, func() { k32.addScalar(d32, a32, 3) }},
			{"fma", 4, func() { k64.fma(d64, a64, b64, c64) }, func() { k32.fma(d32, a32, b32, c32) }},
			{"axpy", 3, func() { k64.axpy(d64, 3, a64, b64) }, func() { k32.axpy(d32, 3, a32, b32) }},
		}
		for _, tc := range cases {
			for _, typ := range []struct {
				name string
				size int
				copy func()
				run  func()
			}{
				{"f64", 8, func() { copy(d64, a64) }, tc.f64},
				{"f32", 4, func() { copy(d32, a32) }, tc.f32},
			} {
				b.Run(l.name+"/"+tc.name+"/"+typ.name, func(b *testing.B) {
					bestCopy, bestRun := time.Duration(1<<62), time.Duration(1<<62)
					for b.Loop() {
						start := time.Now()
						typ.copy()
						mid := time.Now()
						typ.run()
						bestCopy, bestRun = min(bestCopy, mid.Sub(start)), min(bestRun, time.Since(mid))
					}
					copyBW := float64(2*typ.size*n) / bestCopy.Seconds()
					runBW := float64(tc.columns*typ.size*n) / bestRun.Seconds()
					b.ReportMetric(runBW/1e9, "GB/s")
					b.ReportMetric(100*runBW/copyBW, "%copy")
				})
			}
		}
	}
}
