//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tests for the kernels that compute in float32 lanes instead of widening to float64
// (Exp on AVX2 and AVX-512, Sin on AVX2): the regions where float32 arithmetic is
// most fragile, on every level, against float32(math.F(float64(x))).

// walk returns n consecutive float32 values starting at from, upwards.
func walk(from float32, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = from
		from = math.Nextafter32(from, float32(math.Inf(1)))
	}
	return v
}

// checkUnary32 checks every got[i] against float32(ref(x[i])): within 1 ULP, specials
// (NaN, ±Inf, ±0 to the sign bit) and the overflow, underflow and zero thresholds
// exactly as the reference.
func checkUnary32(t *testing.T, name string, x, got []float32, ref func(float64) float64) {
	t.Helper()
	for i, v := range x {
		r := ref(float64(v))
		want := float32(r)
		g := got[i]
		switch {
		case math.IsNaN(r) || math.IsInf(float64(want), 0) || want == 0:
			if !sameResult(float64(g), float64(want)) {
				t.Fatalf("%s(%v) = %v, want exactly %v", name, v, g, want)
			}
		case math.IsInf(float64(g), 0) || g == 0 || math.IsNaN(float64(g)):
			t.Fatalf("%s(%v) = %v, want %v", name, v, g, want)
		case !within1ULP32(g, r):
			t.Fatalf("%s(%v) = %v, want %v within 1 ULP", name, v, g, r)
		}
	}
}

func TestExpF32LanesThresholds(t *testing.T) {
	var x []float32
	x = append(x, walk(88.7, 4000)...)    // across the overflow threshold ~88.7228
	x = append(x, walk(-87.4, 3000)...)   // into the subnormal results (below -87.34)
	x = append(x, walk(-103.99, 4000)...) // across the underflow to 0 (~ -103.97)
	x = append(x, walk(-1e-6, 3000)...)   // around 0, where exp(x) is 1 ± an ULP
	x = append(x, walk(-0.3466, 2000)...) // around the reduction boundaries ±ln2/2
	x = append(x, walk(0.3465, 2000)...)  // (n changes there)
	x = append(x, walk(-0x1p-149, 3)...)  // ±smallest subnormal and 0
	x = append(x, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
		float32(math.Copysign(0, -1)), math.MaxFloat32, -math.MaxFloat32, 1e20, -1e20)
	r := rand.New(rand.NewPCG(3, 17))
	for range 20000 {
		x = append(x, float32(-110+200*r.Float64()))
	}
	forEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(x))
		Exp(got, x)
		checkUnary32(t, "Exp", x, got, math.Exp)
	})
}

func TestSinF32LanesRanges(t *testing.T) {
	var x []float32
	// Near multiples of pi/2 (cancellation in the reduction), up to and beyond the
	// float32-lane bound of 256 and the float64-lane bound of 2^20.
	for k := 1; k <= 180; k++ {
		c := float32(float64(k) * math.Pi / 2)
		x = append(x, walk(c-4*ulpOf32(c), 9)...)
		x = append(x, walk(-c-4*ulpOf32(c), 9)...)
	}
	x = append(x, walk(255.99, 300)...)
	x = append(x, walk(0x1p20-1, 100)...)
	x = append(x, walk(-0x1p-149, 3)...)
	x = append(x, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
		float32(math.Copysign(0, -1)), 1e-30, -1e-30, 1e30, -math.MaxFloat32)
	r := rand.New(rand.NewPCG(5, 23))
	for range 20000 {
		x = append(x, float32(-300+600*r.Float64()))
	}
	forEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(x))
		Sin(got, x)
		checkUnary32(t, "Sin", x, got, math.Sin)
	})
}

// TestSinF32LaneIndependence checks that a lane's result does not depend on its
// neighbours: vectors that contain a far lane (taking the slow path) give the other
// lanes the same bits as vectors without one.
func TestSinF32LaneIndependence(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 29))
	near := make([]float32, 64)
	for i := range near {
		near[i] = float32(-10 + 20*r.Float64())
	}
	far := []float32{300, -1e6, 0x1p21, float32(math.Inf(1)), float32(math.NaN()), 1e30}
	forEachLevel(t, func(t *testing.T) {
		alone := make([]float32, len(near))
		Sin(alone, near)
		for _, f := range far {
			for pos := 0; pos < 32; pos += 5 {
				mixed := append([]float32(nil), near...)
				mixed[pos] = f
				got := make([]float32, len(mixed))
				Sin(got, mixed)
				for i := range got {
					if i != pos && math.Float32bits(got[i]) != math.Float32bits(alone[i]) {
						t.Fatalf("Sin(%v) = %v next to %v at lane %d, %v alone", near[i], got[i], f, pos, alone[i])
					}
				}
				if want := float32(math.Sin(float64(f))); !sameResult(float64(got[pos]), float64(want)) &&
					!within1ULP32(got[pos], math.Sin(float64(f))) {
					t.Fatalf("Sin(%v) = %v, want %v", f, got[pos], want)
				}
			}
		}
	})
}

// ulpOf32 is the spacing of float32 values just above |v|.
func ulpOf32(v float32) float32 {
	a := float32(math.Abs(float64(v)))
	return math.Nextafter32(a, float32(math.Inf(1))) - a
}
