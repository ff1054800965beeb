package dual

import (
	"math"
	"math/rand/v2"
	"testing"
)

// multiplyAdd returns x*y + z as the compiler builds it, fused or not; noinline
// keeps constants and memory operands, which the compiler does not fuse, away.
//
//go:noinline
func multiplyAdd(x, y, z float64) float64 { return x*y + z }

// compilerFuses reports whether this build fuses multiply-adds: (1+2^-30)(1-2^-30)
// is 1-2^-60, which rounds to 1, so the sum is 0 in two roundings and -2^-60 fused.
var compilerFuses = multiplyAdd(1+0x1p-30, 1-0x1p-30, -1) != 0

// allMethods applies every method of the Scalar interface to x (and y, c, n): the
// results of one type, in a fixed order, to compare with another type's.
func allMethods[D Scalar[D, float64]](x, y, z D, c float64, n int) []D {
	s, co := x.Sincos()
	return []D{
		x.Add(y), x.Sub(y), x.Mul(y), x.Div(y), x.Neg(), x.AddConst(c), x.Scale(c),
		x.SubConst(c), x.ConstSub(c), x.DivConst(c), x.ConstDiv(c), s, co, x.PowReal(c),
		x.PowInt(n), x.Fma(y, z), x.Sin(), x.Cos(), x.Tan(), x.Asin(), x.Acos(), x.Atan(),
		x.Exp(), x.Exp2(), x.Expm1(), x.Log(), x.Log2(), x.Log10(), x.Log1p(), x.Sqrt(),
		x.Cbrt(), x.Abs(), x.Inv(), x.Sinh(), x.Cosh(), x.Tanh(), x.Asinh(), x.Acosh(),
		x.Atanh(), x.Erf(), x.Erfc(), x.Erfinv(), x.Erfcinv(), x.Gamma(), x.J0(), x.J1(),
		x.Y0(), x.Y1(), x.Trunc(), x.Floor(), x.Ceil(), x.Round(), x.RoundToEven(),
		x.Pow(y), x.Atan2(y), x.Min(y), x.Max(y), x.Hypot(y), x.Dim(y), x.Mod(y),
		x.Remainder(y), x.Copysign(y),
	}
}

// jetOf returns a Jet with value v and partials d, built exactly from unit seeds.
func jetOf[P Partials[float64]](ws *Workspace[float64, P], v float64, d []float64) Jet[float64, P] {
	j := ws.Var(0, 0).Scale(d[0])
	for k := 1; k < len(d); k++ {
		j = j.Add(ws.Var(0, k).Scale(d[k]))
	}
	return j.AddConst(v)
}

// TestFieldTypesRoundAsJet checks that Number, Jet2 and Jet3 give, bit for bit, the
// values and partials of Jet with as many partials, for every method at random
// float64 points and tangents (some tangents zero), up to the sign of a zero and,
// where the compiler fuses multiply-adds, a few ulps: package expr evaluates points
// with the field types and relies on them rounding as Jet and the batch kernels do.
func TestFieldTypesRoundAsJet(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	rnd := func() float64 {
		if rng.IntN(8) == 0 {
			return 0
		}
		return -3 + 6*rng.Float64()
	}
	same := func(a, b float64) bool {
		if a == b || a != a && b != b {
			return true
		}
		// Where the compiler fuses x*y + z (arm64, GOAMD64=v3), the types' sums of
		// products may fuse in different places: a few ulps of the terms apart.
		return compilerFuses && math.Abs(a-b) <= 1e-14*math.Max(1, math.Abs(a))
	}
	var ws1 Workspace[float64, [1]float64]
	var ws2 Workspace[float64, [2]float64]
	var ws3 Workspace[float64, [3]float64]
	for range 2000 {
		v := [3]float64{rnd(), rnd(), rnd()}
		var d [3][3]float64
		for i := range d {
			for k := range d[i] {
				d[i][k] = rnd()
			}
		}
		c, n := rnd(), rng.IntN(7)-3

		num := allMethods(Number[float64]{v[0], d[0][0]}, Number[float64]{v[1], d[1][0]}, Number[float64]{v[2], d[2][0]}, c, n)
		ws1.Reset()
		jet1 := allMethods(jetOf(&ws1, v[0], d[0][:1]), jetOf(&ws1, v[1], d[1][:1]), jetOf(&ws1, v[2], d[2][:1]), c, n)
		for i := range num {
			if a, b := num[i], jet1[i]; !same(a.V, b.V) || !same(a.D, b.Partials()[0]) {
				t.Fatalf("method %d at %v, tangents %v, c=%v n=%d: Number %v, Jet %v %v", i, v, d, c, n, a, b.V, b.Partials())
			}
		}

		j2 := allMethods(Jet2[float64]{v[0], d[0][0], d[0][1]}, Jet2[float64]{v[1], d[1][0], d[1][1]}, Jet2[float64]{v[2], d[2][0], d[2][1]}, c, n)
		ws2.Reset()
		jet2 := allMethods(jetOf(&ws2, v[0], d[0][:2]), jetOf(&ws2, v[1], d[1][:2]), jetOf(&ws2, v[2], d[2][:2]), c, n)
		for i := range j2 {
			p := jet2[i].Partials()
			if a := j2[i]; !same(a.V, jet2[i].V) || !same(a.D0, p[0]) || !same(a.D1, p[1]) {
				t.Fatalf("method %d at %v, tangents %v, c=%v n=%d: Jet2 %v, Jet %v %v", i, v, d, c, n, a, jet2[i].V, p)
			}
		}

		j3 := allMethods(Jet3[float64]{v[0], d[0][0], d[0][1], d[0][2]}, Jet3[float64]{v[1], d[1][0], d[1][1], d[1][2]}, Jet3[float64]{v[2], d[2][0], d[2][1], d[2][2]}, c, n)
		ws3.Reset()
		jet3 := allMethods(jetOf(&ws3, v[0], d[0][:]), jetOf(&ws3, v[1], d[1][:]), jetOf(&ws3, v[2], d[2][:]), c, n)
		for i := range j3 {
			p := jet3[i].Partials()
			if a := j3[i]; !same(a.V, jet3[i].V) || !same(a.D0, p[0]) || !same(a.D1, p[1]) || !same(a.D2, p[2]) {
				t.Fatalf("method %d at %v, tangents %v, c=%v n=%d: Jet3 %v, Jet %v %v", i, v, d, c, n, a, jet3[i].V, p)
			}
		}
	}
}

// TestFmaFloat32RoundsOnce checks that Fma in float32 rounds once: (1+2^-12)² + 2^-60
// lies just above a midpoint of float32 neighbours, which math.FMA's float64 result
// rounded again to float32 misses.
func TestFmaFloat32RoundsOnce(t *testing.T) {
	a, c := float32(1+0x1p-12), float32(0x1p-60)
	want := float32(1 + 0x1p-11 + 0x1p-23)
	if got := (Number[float32]{V: a}).Fma(Number[float32]{V: a}, Number[float32]{V: c}); got.V != want {
		t.Errorf("Number[float32].Fma = %v, want %v", got.V, want)
	}
	if got := (Jet2[float32]{V: a}).Fma(Jet2[float32]{V: a}, Jet2[float32]{V: c}); got.V != want {
		t.Errorf("Jet2[float32].Fma = %v, want %v", got.V, want)
	}
	if got := (Jet[float32, [4]float32]{V: a}).Fma(Jet[float32, [4]float32]{V: a}, Jet[float32, [4]float32]{V: c}); got.V != want {
		t.Errorf("Jet[float32].Fma = %v, want %v", got.V, want)
	}
}
