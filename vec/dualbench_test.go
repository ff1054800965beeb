package vec

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkDualKernels times dual kernels with 4 tangent columns on every level; it
// measures how much the tangent loops (scale, combine) cost next to the float kernels.
//
//	go test -run XXX -bench DualKernels -benchtime 100ms -count 3 ./vec/
func BenchmarkDualKernels(b *testing.B) {
	const n, tangents = 1024, 4
	r := rand.New(rand.NewPCG(3, 4))
	x, y := randomDual(r, n, tangents, 0.1, 2), randomDual(r, n, tangents, -2, 2)
	c, dst, dst2 := randomDual(r, n, tangents, -2, 2), NewDual[float64](n, tangents), NewDual[float64](n, tangents)
	kernels := []struct {
		name string
		run  func()
	}{
		{"Sqrt", func() { DualSqrt(dst, x) }},
		{"Tanh", func() { DualTanh(dst, y) }},
		{"Sin", func() { DualSin(dst, y) }},
		{"Sincos", func() { DualSincos(dst, dst2, y) }},
		{"Mul", func() { DualMul(dst, x, y) }},
		{"Max", func() { DualMax(dst, x, y) }},
		{"Atan2", func() { DualAtan2(dst, y, x) }},
		{"Pow", func() { DualPow(dst, x, y) }},
		{"FMA", func() { DualFMA(dst, x, y, c) }},
	}
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	for _, l := range Levels() {
		for _, k := range kernels {
			b.Run(l+"/"+k.name, func(b *testing.B) {
				if err := SetLevel(l); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(n * 8 * (1 + tangents))
				for b.Loop() {
					k.run()
				}
			})
		}
	}
}
