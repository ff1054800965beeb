package vec

import (
	"flag"
	"math"
	"strings"
	"testing"
)

// The fuzz targets feed raw bit patterns (every NaN payload, subnormal and extreme
// included): go test -fuzz FuzzUnary64 ./vec/

// genericTable returns the generic level's float64 kernels, whatever level is active.
func genericTable() *floatKernels[float64] {
	for i := range registry {
		if registry[i].name == levelGeneric {
			return &registry[i].k.f64
		}
	}
	panic("vec: generic level not registered")
}

// unaryFloat32Ref lists, per kernel, the float32 and the generic float64 kernel.
var unaryFloat32Ref = map[string]struct {
	f32 func(dst, x []float32)
	f64 func(k *floatKernels[float64]) func(dst, x []float64)
}{
	"Exp":   {Exp[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.exp }},
	"Exp2":  {Exp2[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.exp2 }},
	"Expm1": {Expm1[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.expm1 }},
	"Log":   {Log[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.log }},
	"Log2":  {Log2[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.log2 }},
	"Log10": {Log10[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.log10 }},
	"Log1p": {Log1p[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.log1p }},
	"Sin":   {Sin[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.sin }},
	"Cos":   {Cos[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.cos }},
	"Tan":   {Tan[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.tan }},
	"Asin":  {Asin[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.asin }},
	"Acos":  {Acos[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.acos }},
	"Atan":  {Atan[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.atan }},
	"Sinh":  {Sinh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.sinh }},
	"Cosh":  {Cosh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.cosh }},
	"Tanh":  {Tanh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.tanh }},
	"Cbrt":  {Cbrt[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.cbrt }},
	"Erf":   {Erf[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.erf }},
	"Asinh": {Asinh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.asinh }},
	"Acosh": {Acosh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.acosh }},
	"Atanh": {Atanh[float32], func(k *floatKernels[float64]) func(dst, x []float64) { return k.atanh }},
}

// within1ULP32 reports whether the float32 got is within 1 float32 ULP of ref, a
// float64 result accurate to well below a float32 ULP. Specials must match exactly.
func within1ULP32(got float32, ref float64) bool {
	r32 := float32(ref)
	if math.IsNaN(ref) || math.IsInf(float64(r32), 0) || r32 == 0 || got == 0 || math.IsInf(float64(got), 0) {
		return sameResult(float64(got), float64(r32)) ||
			// a result that rounds to ±0 or overflows may land one ULP away
			math.Abs(float64(got)-ref) <= ulp32(ref)
	}
	return math.Abs(float64(got)-ref) <= ulp32(ref)
}

// ulp32 is the float32 unit in the last place of the binade of v.
func ulp32(v float64) float64 {
	_, e := math.Frexp(v)
	return math.Ldexp(1, max(e-1, -126)-23)
}

// domainAgrees reports whether got and Go's math agree on whether the result is NaN.
func domainAgrees(got, want float64) bool { return math.IsNaN(got) == math.IsNaN(want) }

// mathUnary maps kernels to Go's math functions for the NaN-domain check.
var mathUnary = map[string]func(float64) float64{
	"Exp": math.Exp, "Exp2": math.Exp2, "Expm1": math.Expm1, "Log": math.Log, "Log2": math.Log2,
	"Log10": math.Log10, "Log1p": math.Log1p, "Sin": math.Sin, "Cos": math.Cos, "Tan": math.Tan,
	"Asin": math.Asin, "Acos": math.Acos, "Atan": math.Atan, "Sinh": math.Sinh, "Cosh": math.Cosh,
	"Tanh": math.Tanh, "Cbrt": math.Cbrt, "Erf": math.Erf, "Sqrt": math.Sqrt, "Abs": math.Abs,
	"Asinh": math.Asinh, "Acosh": math.Acosh, "Atanh": math.Atanh,
}

func FuzzUnary64(f *testing.F) {
	for _, v := range []float64{0, 1, -1, math.Pi / 2, 1e300, 5e-324, 709.78, -745.13, 22, 0.5} {
		f.Add(math.Float64bits(v))
	}
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := []float64{math.Float64frombits(bits)}
		for name, kernel := range unaryByName64 {
			if err := SetLevel(levelGeneric); err != nil {
				t.Fatal(err)
			}
			want := []float64{0}
			kernel(want, x)
			if m := mathUnary[name]; m != nil && !domainAgrees(want[0], m(x[0])) {
				t.Errorf("%s(%v) = %v, math gives %v", name, x[0], want[0], m(x[0]))
			}
			for _, l := range Levels()[1:] {
				if err := SetLevel(l); err != nil {
					t.Fatal(err)
				}
				got := []float64{0}
				kernel(got, x)
				if !agree(got[0], want[0], false, 2, 53) {
					t.Errorf("%s(%v) level %s = %v, generic %v", name, x[0], l, got[0], want[0])
				}
			}
		}
	})
}

func FuzzUnary32(f *testing.F) {
	for _, v := range []float32{0, 1, -1, math.Pi / 2, 1e30, 1e-45, 88.7, -103.9, 9, 0.5} {
		f.Add(math.Float32bits(v))
	}
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	g := genericTable()
	f.Fuzz(func(t *testing.T, bits uint32) {
		x := []float32{math.Float32frombits(bits)}
		x64 := []float64{float64(x[0])}
		for name, k := range unaryFloat32Ref {
			ref := []float64{0}
			k.f64(g)(ref, x64)
			for _, l := range Levels() {
				if err := SetLevel(l); err != nil {
					t.Fatal(err)
				}
				got := []float32{0}
				k.f32(got, x)
				if !within1ULP32(got[0], ref[0]) {
					t.Errorf("%s(%v) float32 level %s = %v, float64 reference %v", name, x[0], l, got[0], ref[0])
				}
			}
		}
	})
}

func FuzzBinary64(f *testing.F) {
	f.Add(math.Float64bits(2), math.Float64bits(0.5))
	f.Add(math.Float64bits(-8), math.Float64bits(3))
	f.Add(math.Float64bits(0), math.Float64bits(-1))
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	kernels := map[string]struct {
		run  func(dst, a, b []float64)
		m    func(a, b float64) float64
		exac bool
	}{
		"Pow": {Pow[float64], math.Pow, false}, "Atan2": {Atan2[float64], math.Atan2, false},
		"Add": {Add[float64], func(a, b float64) float64 { return a + b }, true},
		"Div": {Div[float64], func(a, b float64) float64 { return a / b }, true},
		"Min": {Min[float64], math.Min, true}, "Max": {Max[float64], math.Max, true},
	}
	f.Fuzz(func(t *testing.T, abits, bbits uint64) {
		a, b := []float64{math.Float64frombits(abits)}, []float64{math.Float64frombits(bbits)}
		for name, k := range kernels {
			if err := SetLevel(levelGeneric); err != nil {
				t.Fatal(err)
			}
			want := []float64{0}
			k.run(want, a, b)
			if m := k.m(a[0], b[0]); !domainAgrees(want[0], m) || (k.exac && !sameResult(want[0], m)) {
				t.Errorf("%s(%v, %v) = %v, math gives %v", name, a[0], b[0], want[0], m)
			}
			for _, l := range Levels()[1:] {
				if err := SetLevel(l); err != nil {
					t.Fatal(err)
				}
				got := []float64{0}
				k.run(got, a, b)
				if !agree(got[0], want[0], k.exac, 2, 53) {
					t.Errorf("%s(%v, %v) level %s = %v, generic %v", name, a[0], b[0], l, got[0], want[0])
				}
			}
		}
	})
}

// sweep32 enables the exhaustive float32 test, for all functions or a comma list:
//
//	go test ./vec/ -run TestSweep32 -v -args -sweep32=all
//	go test ./vec/ -run TestSweep32 -v -args -sweep32=Exp,Sin -sweep32stride=257
//
// A full sweep takes minutes per function and level; a stride samples the bit patterns.
var (
	sweep32       = flag.String("sweep32", "", "sweep every float32 input through these float32 kernels (all, or a comma list)")
	sweep32Stride = flag.Uint64("sweep32stride", 1, "with -sweep32, test only every n-th float32 bit pattern (1 = all)")
)

// TestSweep32 checks every one of the 2^32 float32 inputs on every level against the
// generic float64 kernel (within 0.52 float64 ULP, so a reference to 2^-29 float32
// ULP), asserting at most 1 float32 ULP.
func TestSweep32(t *testing.T) {
	if *sweep32 == "" {
		t.Skip("exhaustive float32 sweep: enable with -sweep32=all or -sweep32=Exp,Sin")
	}
	g := genericTable()
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	const chunk = 1 << 16
	stride := max(*sweep32Stride, 1)
	x := make([]float32, chunk)
	x64, ref := make([]float64, chunk), make([]float64, chunk)
	got := make([]float32, chunk)
	for name, k := range unaryFloat32Ref {
		if *sweep32 != "all" && !strings.Contains(","+*sweep32+",", ","+name+",") {
			continue
		}
		worst := 0.0
		for start := uint64(0); start < 1<<32; start += chunk * stride {
			for i := range x {
				x[i] = math.Float32frombits(uint32(start + uint64(i)*stride))
				x64[i] = float64(x[i])
			}
			k.f64(g)(ref, x64)
			for _, l := range Levels() {
				if err := SetLevel(l); err != nil {
					t.Fatal(err)
				}
				k.f32(got, x)
				for i := range got {
					if !within1ULP32(got[i], ref[i]) {
						t.Fatalf("%s(%v) float32 level %s = %v, reference %v", name, x[i], l, got[i], ref[i])
					}
					if e := math.Abs(float64(got[i])-ref[i]) / ulp32(ref[i]); e > worst && !math.IsInf(e, 0) {
						worst = e
					}
				}
			}
		}
		t.Logf("%s float32: every tested input (stride %d) within %.3f ULP on %v", name, stride, worst, Levels())
	}
}
