package dual

import (
	"math"
	"testing"
)

// specialSink keeps the benchmarked results alive.
var specialSink float64

// BenchmarkSpecialRules measures each first-order special rule next to the math
// function alone, at points that change every iteration, to show what the derivative
// costs on top of the value.
func BenchmarkSpecialRules(b *testing.B) {
	for _, c := range []struct {
		name   string
		lo, hi float64
		value  func(float64) float64
		rule   func(float64) (float64, float64)
	}{
		{"Tanh", -3, 3, math.Tanh, tanhD[float64]},
		{"Asinh", -10, 10, math.Asinh, asinhD[float64]},
		{"Erf", -3, 3, math.Erf, erfD[float64]},
		{"Erfinv/center", -0.45, 0.45, math.Erfinv, erfinvD[float64]},
		{"Erfinv/tail", 0.5, 0.999, math.Erfinv, erfinvD[float64]},
		{"Erfcinv/tail", 1e-12, 0.4, math.Erfcinv, erfcinvD[float64]},
		{"Gamma", 0.5, 20, math.Gamma, gammaD[float64]},
		{"Lgamma", 0.5, 20, func(x float64) float64 { v, _ := math.Lgamma(x); return v },
			func(x float64) (float64, float64) { v, d, _ := lgammaSignD(x); return v, d }},
		{"J1", 0.5, 20, math.J1, j1D[float64]},
		{"Hypot", 0.5, 20, func(x float64) float64 { return math.Hypot(x, 1.5) },
			func(x float64) (float64, float64) { v, d, _ := hypotD(x, 1.5); return v, d }},
	} {
		step := (c.hi - c.lo) / 1024
		b.Run(c.name+"/math", func(b *testing.B) {
			x, s := c.lo, 0.0
			for range b.N {
				s += c.value(x)
				if x += step; x > c.hi {
					x = c.lo
				}
			}
			specialSink = s
		})
		b.Run(c.name+"/rule", func(b *testing.B) {
			x, s := c.lo, 0.0
			for range b.N {
				v, d := c.rule(x)
				s += v + d
				if x += step; x > c.hi {
					x = c.lo
				}
			}
			specialSink = s
		})
	}
}
