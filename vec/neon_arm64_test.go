//go:build !purego

package vec

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNEONAvailable fails if CPU detection stops reporting the neon level on arm64
// (ASIMD is mandatory there), so the arm64 test run cannot silently fall back to
// testing generic only.
func TestNEONAvailable(t *testing.T) {
	if !slices.Contains(Levels(), levelNEON) {
		t.Fatalf("Levels() = %v on arm64, want neon among them", Levels())
	}
}

// neonKernelsByName returns the neon kernels called directly (not through the
// table, so nothing falls back to generic) as func(dst, x, y): kernels of one input
// ignore y. Sincos appears twice, once per output.
func neonKernelsByName[T Float]() map[string]func(dst, x, y []T) {
	k := neonKernels()
	var tab *floatKernels[T]
	if _, ok := any(T(0)).(float64); ok {
		tab = any(&k.f64).(*floatKernels[T])
	} else {
		tab = any(&k.f32).(*floatKernels[T])
	}
	unary := func(f func(dst, x []T)) func(dst, x, y []T) {
		if f == nil { // left to generic for this type
			return nil
		}
		return func(d, x, _ []T) { f(d, x) }
	}
	m := map[string]func(dst, x, y []T){
		"neg": unary(tab.neg), "abs": unary(tab.abs), "sqrt": unary(tab.sqrt), "recip": unary(tab.recip),
		"exp": unary(tab.exp), "exp2": unary(tab.exp2), "log": unary(tab.log),
		"log2": unary(tab.log2), "log10": unary(tab.log10), "tan": unary(tab.tan), "sin": unary(tab.sin), "cos": unary(tab.cos),
		"expm1": unary(tab.expm1), "log1p": unary(tab.log1p),
		"sinh": unary(tab.sinh), "cosh": unary(tab.cosh), "tanh": unary(tab.tanh),
		"asin": unary(tab.asin), "acos": unary(tab.acos), "atan": unary(tab.atan),
		"cbrt": unary(tab.cbrt), "erf": unary(tab.erf),
		"asinh": unary(tab.asinh), "acosh": unary(tab.acosh), "atanh": unary(tab.atanh),
		"sincos.s":  func(d, x, _ []T) { tab.sincos(d, make([]T, len(d)), x) },
		"sincos.c":  func(d, x, _ []T) { tab.sincos(make([]T, len(d)), d, x) },
		"scale":     func(d, x, _ []T) { tab.scale(d, x, -2.5) },
		"addScalar": func(d, x, _ []T) { tab.addScalar(d, x, 1.75) },
		"add":       tab.add, "sub": tab.sub, "mul": tab.mul, "div": tab.div, "min": tab.min, "max": tab.max,
		"fma":   func(d, x, y []T) { tab.fma(d, x, y, x) },
		"axpy":  func(d, x, y []T) { tab.axpy(d, 0.375, x, y) },
		"atan2": tab.atan2, "pow": tab.pow, "hypot": tab.hypot,
		"scaleTangent":    tab.scaleTangent,
		"combineTangents": func(d, x, y []T) { tab.combineTangents(d, x, y, y, x) },
	}
	maps.DeleteFunc(m, func(_ string, f func(dst, x, y []T)) bool { return f == nil })
	return m
}

// TestNEONPositionIndependent checks that every element gets the same bits whatever
// the slice length and start: the main loop and the one-element tail must compute
// the same thing. Each short call is compared with one long call.
func TestNEONPositionIndependent(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testPositionIndependent[float64](t) })
	t.Run("float32", func(t *testing.T) { testPositionIndependent[float32](t) })
}

func testPositionIndependent[T Float](t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	const n = 71
	var x, y []T
	for i, v := range crossLevelInputs(r, 2*n) {
		switch i % 3 { // ordinary arguments of exp, log and sin as well as specials
		case 1:
			v = r.Float64()*1400 - 700
		case 2:
			v = r.Float64() * 100
		}
		if i < n {
			x = append(x, T(v))
		} else {
			y = append(y, T(v))
		}
	}
	x[5], x[40] = 3e6, -0x1p21 // beyond trigBound: the Go fallback of sin and cos
	for name, k := range neonKernelsByName[T]() {
		want := make([]T, n)
		k(want, x, y)
		for lo := range 4 {
			for hi := lo; hi <= n; hi++ {
				got := make([]T, hi-lo)
				k(got, x[lo:hi], y[lo:hi])
				for i, g := range got {
					if w := want[lo+i]; math.Float64bits(float64(g)) != math.Float64bits(float64(w)) && !(g != g && w != w) {
						t.Fatalf("%s %T on [%d, %d): element %d is %v, in the long call %v (x=%v, y=%v)",
							name, g, lo, hi, lo+i, g, w, x[lo+i], y[lo+i])
					}
				}
			}
		}
	}
}

// TestNEONStrided32 runs every 65521st float32 bit pattern (about 65500 inputs: all
// signs and exponents, subnormals, infinities and NaNs) through the float32
// transcendental kernels of the neon level and requires them to be within 1 ULP of
// the generic level (which is within 0.5 + 2^-28 ULP of the truth); NaN must match NaN.
func TestNEONStrided32(t *testing.T) {
	const stride = 65521
	var x []float32
	for b := uint64(0); b < 1<<32; b += stride {
		x = append(x, math.Float32frombits(uint32(b)))
	}
	neon, gen := neonKernelsByName[float32](), genericKernels()
	generic := map[string]func(dst, x []float32){
		"exp": gen.f32.exp, "exp2": gen.f32.exp2, "log": gen.f32.log,
		"log2": gen.f32.log2, "log10": gen.f32.log10, "tan": gen.f32.tan, "sin": gen.f32.sin, "cos": gen.f32.cos,
		"expm1": gen.f32.expm1, "log1p": gen.f32.log1p,
		"sinh": gen.f32.sinh, "cosh": gen.f32.cosh, "tanh": gen.f32.tanh,
		"asin": gen.f32.asin, "acos": gen.f32.acos, "atan": gen.f32.atan,
		"cbrt": gen.f32.cbrt, "erf": gen.f32.erf,
		"asinh": gen.f32.asinh, "acosh": gen.f32.acosh, "atanh": gen.f32.atanh,
		"sincos.s": func(d, x []float32) { gen.f32.sincos(d, make([]float32, len(d)), x) },
		"sincos.c": func(d, x []float32) { gen.f32.sincos(make([]float32, len(d)), d, x) },
	}
	for name, ref := range generic {
		if neon[name] == nil {
			t.Fatalf("%s: no float32 neon kernel", name)
		}
		got, want := make([]float32, len(x)), make([]float32, len(x))
		neon[name](got, x, nil)
		ref(want, x)
		bad := 0
		for i := range x {
			g, w := got[i], want[i]
			if g != g || w != w {
				if (g != g) != (w != w) {
					t.Errorf("%s(%v): got %v, generic %v", name, x[i], g, w)
					bad++
				}
			} else if d := ordinal(g) - ordinal(w); d > 1 || d < -1 {
				t.Errorf("%s(%v): got %v, generic %v (%d ULP apart)", name, x[i], g, w, d)
				bad++
			}
			if bad > 10 {
				t.FailNow()
			}
		}
	}
}

// ordinal maps float32 bits to integers that are consecutive for consecutive floats,
// so the difference of two ordinals is their distance in ULPs.
func ordinal(f float32) int64 {
	b := int64(math.Float32bits(f))
	if b&(1<<31) != 0 {
		return -(b &^ (1 << 31))
	}
	return b
}

// TestNEONTangentsExact checks the tangent loops bit for bit against generic, with
// zero, infinite and NaN derivatives and tangents: a zero tangent must give +0 even
// against an infinite or NaN derivative.
func TestNEONTangentsExact(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testTangentsExact[float64](t) })
	t.Run("float32", func(t *testing.T) { testTangentsExact[float32](t) })
}

func testTangentsExact[T Float](t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1.5, -3}
	var d, tan []T
	for _, a := range special {
		for _, b := range special {
			d, tan = append(d, T(a)), append(tan, T(b))
		}
	}
	gen := genericKernels()
	var g *floatKernels[T]
	if _, ok := any(T(0)).(float64); ok {
		g = any(&gen.f64).(*floatKernels[T])
	} else {
		g = any(&gen.f32).(*floatKernels[T])
	}
	neon := neonKernelsByName[T]()
	got, want := make([]T, len(d)), make([]T, len(d))
	neon["scaleTangent"](got, d, tan)
	g.scaleTangent(want, d, tan)
	for i := range got {
		if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) && !(got[i] != got[i] && want[i] != want[i]) {
			t.Errorf("scaleTangent(d=%v, tan=%v) = %v, generic %v", d[i], tan[i], got[i], want[i])
		}
	}
	neon["combineTangents"](got, d, tan)
	g.combineTangents(want, d, tan, tan, d)
	for i := range got {
		if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) && !(got[i] != got[i] && want[i] != want[i]) {
			t.Errorf("combineTangents(%v, %v, %v, %v) = %v, generic %v", d[i], tan[i], tan[i], d[i], got[i], want[i])
		}
	}
}
