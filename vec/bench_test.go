package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Quick per-level checks; the full benchmark suite lives in bench/.
//
//	go test -run XXX -bench Kernels -benchtime 200ms -count 3 ./vec/

func BenchmarkKernels(b *testing.B) {
	const n = 1024
	r := rand.New(rand.NewPCG(1, 1))
	x, y, dst := make([]float64, n), make([]float64, n), make([]float64, n)
	x32, dst32 := make([]float32, n), make([]float32, n)
	for i := range x {
		x[i], y[i] = r.Float64()*20-10, r.Float64()*4
		x32[i] = float32(x[i])
	}
	pos := make([]float64, n)
	for i := range pos {
		pos[i] = math.Abs(x[i]) + 1e-3
	}
	dx, ddst := NewDual[float64](n, 4), NewDual[float64](n, 4)
	copy(dx.V, x)
	kernels := []struct {
		name string
		run  func()
	}{
		{"Add", func() { Add(dst, x, y) }},
		{"Exp", func() { Exp(dst, x) }},
		{"Log", func() { Log(dst, pos) }},
		{"Sin", func() { Sin(dst, x) }},
		{"Tan", func() { Tan(dst, x) }},
		{"Atan", func() { Atan(dst, x) }},
		{"Pow", func() { Pow(dst, pos, y) }},
		{"Erf", func() { Erf(dst, x) }},
		{"Sin32", func() { Sin(dst32, x32) }},
		{"DualSin4", func() { DualSin(ddst, dx) }},
	}
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	for _, l := range Levels() {
		for _, k := range kernels {
			b.Run(l+"/"+k.name, func(b *testing.B) {
				if err := SetLevel(l); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(n * 8)
				for b.Loop() {
					k.run()
				}
			})
		}
	}
	mathKernels := []struct {
		name string
		f    func(float64) float64
		in   []float64
	}{{"Exp", math.Exp, x}, {"Log", math.Log, pos}, {"Sin", math.Sin, x}, {"Tan", math.Tan, x}, {"Atan", math.Atan, x}, {"Erf", math.Erf, x}}
	for _, m := range mathKernels {
		b.Run("gomath/"+m.name, func(b *testing.B) {
			b.SetBytes(n * 8)
			for b.Loop() {
				for i, v := range m.in {
					dst[i] = m.f(v)
				}
			}
		})
	}
}
