package bench

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dualgrad/dualgrad/vec"
)

// Kernel benchmarks (issue #3): every vec kernel at every level this CPU runs, for
// float64 and float32, reported in ns per element. BenchmarkKernel keeps the data in
// the L1/L2 caches (n = 4096) to measure the arithmetic; BenchmarkKernelStream streams
// n = 1<<22 elements through memory, next to a plain copy that shows the bandwidth
// limit.

const (
	kernelN = 4096    // elements per call in BenchmarkKernel
	streamN = 1 << 22 // elements per call in BenchmarkKernelStream
)

// domain is the input range of one kernel argument: [lo, lo+width) with width a power
// of two, drawn by uniform from seed.
type domain struct {
	lo, width float64
	seed      uint64
}

// The input domains. Seeds +1, +2 and +3 match sleef_kernels.c, so the C peer times
// sin, cos, exp and log on the same values.
var (
	trigDom  = domain{-8, 16, DefaultSeed + 1}        // sin, cos, tan
	expDom   = domain{-16, 32, DefaultSeed + 2}       // exp family: no overflow in float32
	posDom   = domain{0x1p-20, 1024, DefaultSeed + 3} // log family, sqrt, recip, pow base
	unitDom  = domain{-1, 2, DefaultSeed + 4}         // asin, acos
	wideDom  = domain{-8, 16, DefaultSeed + 5}        // arithmetic, atan, hyperbolic, cbrt
	erfDom   = domain{-4, 8, DefaultSeed + 6}         // erf
	expoDom  = domain{-4, 8, DefaultSeed + 7}         // pow exponent
	wideDom2 = domain{-8, 16, DefaultSeed + 8}        // second operand of binary kernels
	acoshDom = domain{1, 1024, DefaultSeed + 10}      // acosh
	atanhDom = domain{-1, 2, DefaultSeed + 11}        // atanh
	tanDom   = domain{-1, 2, 0}                       // tangent columns; seeds derive from the value's
)

// column returns n inputs from d, converted to T the way the C peer converts them.
func column[T vec.Float](n int, d domain) []T {
	src := uniform(n, d.lo, d.width, d.seed)
	out := make([]T, n)
	for i, v := range src {
		out[i] = T(v)
	}
	return out
}

// dualColumn returns a batch of n dual numbers with values from d and two tangent
// columns, as the seed function's two partials need.
func dualColumn[T vec.Float](n int, d domain) vec.Dual[T] {
	x := vec.Dual[T]{V: column[T](n, d), D: make([][]T, 2)}
	for k := range x.D {
		x.D[k] = column[T](n, domain{tanDom.lo, tanDom.width, d.seed + 100*uint64(k+1)})
	}
	return x
}

// setup prepares a kernel's inputs and outputs for n elements and returns one call of
// the kernel and the number of length-n columns it reads or writes (its memory traffic).
type setup[T vec.Float] func(n int) (call func(), columns int)

// kernelCase is one kernel for both float types.
type kernelCase struct {
	name string
	f64  setup[float64]
	f32  setup[float32]
}

// The setup constructors, one per kernel signature: each makes its inputs from the
// given domains, allocates its outputs, and counts the columns it touches. Scalar
// arguments are 1.25; dual numbers carry two tangents.

func unary[T vec.Float](f func(dst, x []T), d domain) setup[T] {
	return func(n int) (func(), int) {
		x, dst := column[T](n, d), make([]T, n)
		return func() { f(dst, x) }, 2
	}
}

func binary[T vec.Float](f func(dst, a, b []T), da, db domain) setup[T] {
	return func(n int) (func(), int) {
		a, b, dst := column[T](n, da), column[T](n, db), make([]T, n)
		return func() { f(dst, a, b) }, 3
	}
}

func withScalar[T vec.Float](f func(dst, x []T, c T), d domain) setup[T] {
	return func(n int) (func(), int) {
		x, dst := column[T](n, d), make([]T, n)
		return func() { f(dst, x, 1.25) }, 2
	}
}

func fma[T vec.Float](f func(dst, a, b, c []T)) setup[T] {
	return func(n int) (func(), int) {
		a, b, c, dst := column[T](n, wideDom), column[T](n, wideDom2), column[T](n, trigDom), make([]T, n)
		return func() { f(dst, a, b, c) }, 4
	}
}

func axpy[T vec.Float](f func(dst []T, a T, x, y []T)) setup[T] {
	return func(n int) (func(), int) {
		x, y, dst := column[T](n, wideDom), column[T](n, wideDom2), make([]T, n)
		return func() { f(dst, 1.25, x, y) }, 3
	}
}

func sincos[T vec.Float](f func(s, c, x []T)) setup[T] {
	return func(n int) (func(), int) {
		x, s, c := column[T](n, trigDom), make([]T, n), make([]T, n)
		return func() { f(s, c, x) }, 3
	}
}

func reduce[T vec.Float](f func(x []T) T) setup[T] {
	return func(n int) (func(), int) {
		x := column[T](n, wideDom)
		return func() { sink += float64(f(x)) }, 1
	}
}

func dot[T vec.Float](f func(x, y []T) T) setup[T] {
	return func(n int) (func(), int) {
		x, y := column[T](n, wideDom), column[T](n, wideDom2)
		return func() { sink += float64(f(x, y)) }, 2
	}
}

func dualUnary[T vec.Float](f func(dst, x vec.Dual[T]), d domain) setup[T] {
	return func(n int) (func(), int) {
		x, dst := dualColumn[T](n, d), vec.NewDual[T](n, 2)
		return func() { f(dst, x) }, 6
	}
}

func dualBinary[T vec.Float](f func(dst, a, b vec.Dual[T]), da, db domain) setup[T] {
	return func(n int) (func(), int) {
		a, b, dst := dualColumn[T](n, da), dualColumn[T](n, db), vec.NewDual[T](n, 2)
		return func() { f(dst, a, b) }, 9
	}
}

func dualWithScalar[T vec.Float](f func(dst, x vec.Dual[T], c T)) setup[T] {
	return func(n int) (func(), int) {
		x, dst := dualColumn[T](n, wideDom), vec.NewDual[T](n, 2)
		return func() { f(dst, x, 1.25) }, 6
	}
}

func dualSincos[T vec.Float](f func(s, c, x vec.Dual[T])) setup[T] {
	return func(n int) (func(), int) {
		x, s, c := dualColumn[T](n, trigDom), vec.NewDual[T](n, 2), vec.NewDual[T](n, 2)
		return func() { f(s, c, x) }, 9
	}
}

func dualFMA[T vec.Float](f func(dst, a, b, c vec.Dual[T])) setup[T] {
	return func(n int) (func(), int) {
		a, b, c := dualColumn[T](n, wideDom), dualColumn[T](n, wideDom2), dualColumn[T](n, trigDom)
		dst := vec.NewDual[T](n, 2)
		return func() { f(dst, a, b, c) }, 12
	}
}

func dualAxpy[T vec.Float](f func(dst vec.Dual[T], a T, x, y vec.Dual[T])) setup[T] {
	return func(n int) (func(), int) {
		x, y, dst := dualColumn[T](n, wideDom), dualColumn[T](n, wideDom2), vec.NewDual[T](n, 2)
		return func() { f(dst, 1.25, x, y) }, 9
	}
}

// Constructors that instantiate a generic kernel for both float types.

func u(name string, f64 func(dst, x []float64), f32 func(dst, x []float32), d domain) kernelCase {
	return kernelCase{name, unary(f64, d), unary(f32, d)}
}

func bin(name string, f64 func(dst, a, b []float64), f32 func(dst, a, b []float32), da, db domain) kernelCase {
	return kernelCase{name, binary(f64, da, db), binary(f32, da, db)}
}

func du(name string, f64 func(dst, x vec.Dual[float64]), f32 func(dst, x vec.Dual[float32]), d domain) kernelCase {
	return kernelCase{name, dualUnary(f64, d), dualUnary(f32, d)}
}

func dbin(name string, f64 func(dst, a, b vec.Dual[float64]), f32 func(dst, a, b vec.Dual[float32]), da, db domain) kernelCase {
	return kernelCase{name, dualBinary(f64, da, db), dualBinary(f32, da, db)}
}

// kernelCases lists every public kernel of package vec; dual kernels carry two tangents.
var kernelCases = []kernelCase{
	bin("Add", vec.Add[float64], vec.Add[float32], wideDom, wideDom2),
	bin("Sub", vec.Sub[float64], vec.Sub[float32], wideDom, wideDom2),
	bin("Mul", vec.Mul[float64], vec.Mul[float32], wideDom, wideDom2),
	bin("Div", vec.Div[float64], vec.Div[float32], wideDom, wideDom2),
	bin("Min", vec.Min[float64], vec.Min[float32], wideDom, wideDom2),
	bin("Max", vec.Max[float64], vec.Max[float32], wideDom, wideDom2),
	u("Neg", vec.Neg[float64], vec.Neg[float32], wideDom),
	u("Sqrt", vec.Sqrt[float64], vec.Sqrt[float32], posDom),
	u("Recip", vec.Recip[float64], vec.Recip[float32], posDom),
	u("Abs", vec.Abs[float64], vec.Abs[float32], wideDom),
	{"Scale", withScalar(vec.Scale[float64], wideDom), withScalar(vec.Scale[float32], wideDom)},
	{"AddScalar", withScalar(vec.AddScalar[float64], wideDom), withScalar(vec.AddScalar[float32], wideDom)},
	{"FMA", fma(vec.FMA[float64]), fma(vec.FMA[float32])},
	{"Axpy", axpy(vec.Axpy[float64]), axpy(vec.Axpy[float32])},
	{"Sum", reduce(vec.Sum[float64]), reduce(vec.Sum[float32])},
	{"Dot", dot(vec.Dot[float64]), dot(vec.Dot[float32])},

	u("Exp", vec.Exp[float64], vec.Exp[float32], expDom),
	u("Exp2", vec.Exp2[float64], vec.Exp2[float32], expDom),
	u("Expm1", vec.Expm1[float64], vec.Expm1[float32], expDom),
	u("Log", vec.Log[float64], vec.Log[float32], posDom),
	u("Log2", vec.Log2[float64], vec.Log2[float32], posDom),
	u("Log10", vec.Log10[float64], vec.Log10[float32], posDom),
	u("Log1p", vec.Log1p[float64], vec.Log1p[float32], posDom),
	u("Sin", vec.Sin[float64], vec.Sin[float32], trigDom),
	u("Cos", vec.Cos[float64], vec.Cos[float32], trigDom),
	u("Tan", vec.Tan[float64], vec.Tan[float32], trigDom),
	u("Asin", vec.Asin[float64], vec.Asin[float32], unitDom),
	u("Acos", vec.Acos[float64], vec.Acos[float32], unitDom),
	u("Atan", vec.Atan[float64], vec.Atan[float32], wideDom),
	u("Sinh", vec.Sinh[float64], vec.Sinh[float32], wideDom),
	u("Cosh", vec.Cosh[float64], vec.Cosh[float32], wideDom),
	u("Tanh", vec.Tanh[float64], vec.Tanh[float32], wideDom),
	u("Cbrt", vec.Cbrt[float64], vec.Cbrt[float32], wideDom),
	u("Erf", vec.Erf[float64], vec.Erf[float32], erfDom),
	u("Asinh", vec.Asinh[float64], vec.Asinh[float32], wideDom),
	u("Acosh", vec.Acosh[float64], vec.Acosh[float32], acoshDom),
	u("Atanh", vec.Atanh[float64], vec.Atanh[float32], atanhDom),
	bin("Hypot", vec.Hypot[float64], vec.Hypot[float32], wideDom, wideDom2),
	{"Sincos", sincos(vec.Sincos[float64]), sincos(vec.Sincos[float32])},
	bin("Atan2", vec.Atan2[float64], vec.Atan2[float32], wideDom, wideDom2),
	bin("Pow", vec.Pow[float64], vec.Pow[float32], posDom, expoDom),

	dbin("DualAdd", vec.DualAdd[float64], vec.DualAdd[float32], wideDom, wideDom2),
	dbin("DualSub", vec.DualSub[float64], vec.DualSub[float32], wideDom, wideDom2),
	dbin("DualMul", vec.DualMul[float64], vec.DualMul[float32], wideDom, wideDom2),
	dbin("DualDiv", vec.DualDiv[float64], vec.DualDiv[float32], wideDom, wideDom2),
	dbin("DualMin", vec.DualMin[float64], vec.DualMin[float32], wideDom, wideDom2),
	dbin("DualMax", vec.DualMax[float64], vec.DualMax[float32], wideDom, wideDom2),
	dbin("DualAtan2", vec.DualAtan2[float64], vec.DualAtan2[float32], wideDom, wideDom2),
	dbin("DualPow", vec.DualPow[float64], vec.DualPow[float32], posDom, expoDom),
	du("DualNeg", vec.DualNeg[float64], vec.DualNeg[float32], wideDom),
	du("DualSqrt", vec.DualSqrt[float64], vec.DualSqrt[float32], posDom),
	du("DualRecip", vec.DualRecip[float64], vec.DualRecip[float32], posDom),
	du("DualAbs", vec.DualAbs[float64], vec.DualAbs[float32], wideDom),
	du("DualExp", vec.DualExp[float64], vec.DualExp[float32], expDom),
	du("DualExp2", vec.DualExp2[float64], vec.DualExp2[float32], expDom),
	du("DualExpm1", vec.DualExpm1[float64], vec.DualExpm1[float32], expDom),
	du("DualLog", vec.DualLog[float64], vec.DualLog[float32], posDom),
	du("DualLog2", vec.DualLog2[float64], vec.DualLog2[float32], posDom),
	du("DualLog10", vec.DualLog10[float64], vec.DualLog10[float32], posDom),
	du("DualLog1p", vec.DualLog1p[float64], vec.DualLog1p[float32], posDom),
	du("DualSin", vec.DualSin[float64], vec.DualSin[float32], trigDom),
	du("DualCos", vec.DualCos[float64], vec.DualCos[float32], trigDom),
	du("DualTan", vec.DualTan[float64], vec.DualTan[float32], trigDom),
	du("DualAsin", vec.DualAsin[float64], vec.DualAsin[float32], unitDom),
	du("DualAcos", vec.DualAcos[float64], vec.DualAcos[float32], unitDom),
	du("DualAtan", vec.DualAtan[float64], vec.DualAtan[float32], wideDom),
	du("DualSinh", vec.DualSinh[float64], vec.DualSinh[float32], wideDom),
	du("DualCosh", vec.DualCosh[float64], vec.DualCosh[float32], wideDom),
	du("DualTanh", vec.DualTanh[float64], vec.DualTanh[float32], wideDom),
	du("DualCbrt", vec.DualCbrt[float64], vec.DualCbrt[float32], wideDom),
	du("DualErf", vec.DualErf[float64], vec.DualErf[float32], erfDom),
	du("DualAsinh", vec.DualAsinh[float64], vec.DualAsinh[float32], wideDom),
	du("DualAcosh", vec.DualAcosh[float64], vec.DualAcosh[float32], acoshDom),
	du("DualAtanh", vec.DualAtanh[float64], vec.DualAtanh[float32], atanhDom),
	dbin("DualHypot", vec.DualHypot[float64], vec.DualHypot[float32], wideDom, wideDom2),
	{"DualSincos", dualSincos(vec.DualSincos[float64]), dualSincos(vec.DualSincos[float32])},
	{"DualScale", dualWithScalar(vec.DualScale[float64]), dualWithScalar(vec.DualScale[float32])},
	{"DualAddScalar", dualWithScalar(vec.DualAddScalar[float64]), dualWithScalar(vec.DualAddScalar[float32])},
	{"DualFMA", dualFMA(vec.DualFMA[float64]), dualFMA(vec.DualFMA[float32])},
	{"DualAxpy", dualAxpy(vec.DualAxpy[float64]), dualAxpy(vec.DualAxpy[float32])},
}

// streamCases are the kernels BenchmarkKernelStream runs at memory-bound sizes: every
// arithmetic kernel, whose bandwidth the vec issue asks to be within 15% of a copy's,
// and a few transcendental and dual kernels for comparison.
var streamCases = []string{
	"Add", "Sub", "Mul", "Div", "Min", "Max", "Neg", "Abs", "Sqrt", "Recip",
	"Scale", "AddScalar", "FMA", "Axpy",
	"Exp", "Log", "Sin", "DualMul", "DualSin",
}

// eachLevel runs body as a sub-benchmark per vec level this CPU has, restoring the
// level in use afterwards.
func eachLevel(b *testing.B, body func(b *testing.B)) {
	saved := vec.Level()
	defer func() {
		if err := vec.SetLevel(saved); err != nil {
			b.Fatal(err)
		}
	}()
	for _, level := range vec.Levels() {
		if err := vec.SetLevel(level); err != nil {
			b.Fatal(err)
		}
		b.Run(level, body)
	}
}

// timeCall runs call b.N times and reports ns per element of n. If bytes > 0 it is
// the memory traffic of one call, reported as MB/s.
func timeCall(b *testing.B, call func(), n int, bytes int64) {
	b.SetBytes(bytes)
	call() // fault in the outputs before timing
	b.ResetTimer()
	for range b.N {
		call()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(n)), "ns/elem")
}

// copyColumns holds a source and a destination column per column size in bytes, for
// reportCopyShare.
var copyColumns = map[int][2][]byte{}

// reportCopyShare times b.N plain copies right after a kernel's timed loop (outside
// the benchmark timer) and reports the kernel's bandwidth as a percentage of the
// copy's, "%copy". The copy moves as many bytes as the kernel (half read, half
// written), so both stream through the same footprint: a float32 copy of n = 1<<22
// elements alone would keep half its 32 MiB in the 32 MiB L3 and measure the cache
// rather than memory. Neighbours on a shared host move the bandwidth by 10-20% from
// one second to the next; timing the copy next to each kernel keeps that drift out of
// the ratio, which copy/<type> timed once per pass does not.
func reportCopyShare(b *testing.B, kernelBytes int64) {
	size := int(kernelBytes / 2)
	kernel := b.Elapsed()
	b.StopTimer()
	cols, ok := copyColumns[size]
	if !ok {
		cols = [2][]byte{make([]byte, size), make([]byte, size)}
		for i := range cols[0] {
			cols[0][i] = byte(i) // written, so the source is not the shared zero page
		}
		copy(cols[1], cols[0]) // fault in the destination
		copyColumns[size] = cols
	}
	start := time.Now()
	for range b.N {
		copy(cols[1], cols[0])
	}
	copyTime := time.Since(start)
	kernelRate := float64(kernelBytes) * float64(b.N) / kernel.Seconds()
	copyRate := float64(2*size) * float64(b.N) / copyTime.Seconds()
	b.ReportMetric(100*kernelRate/copyRate, "%copy")
}

// runKernel benchmarks one kernel at n elements for both float types and every level;
// with traffic set it also reports the bytes the kernel reads and writes as MB/s.
func runKernel(b *testing.B, kc kernelCase, n int, traffic bool) {
	run := func(b *testing.B, call func(), columns, size int) {
		bytes := int64(0)
		if traffic {
			bytes = int64(columns) * int64(n) * int64(size)
		}
		eachLevel(b, func(b *testing.B) {
			timeCall(b, call, n, bytes)
			if traffic {
				reportCopyShare(b, bytes)
			}
		})
	}
	b.Run("f64", func(b *testing.B) {
		call, columns := kc.f64(n)
		run(b, call, columns, 8)
	})
	b.Run("f32", func(b *testing.B) {
		call, columns := kc.f32(n)
		run(b, call, columns, 4)
	})
}

// BenchmarkKernel measures every vec kernel at n = 4096, reporting ns/elem.
// Sub-benchmarks are named <Func>/<f64|f32>/<level>.
func BenchmarkKernel(b *testing.B) {
	for _, kc := range kernelCases {
		b.Run(kc.name, func(b *testing.B) { runKernel(b, kc, kernelN, false) })
	}
}

// BenchmarkKernelStream measures a few kernels at n = 1<<22, where memory bandwidth
// rather than arithmetic can limit them, reporting ns/elem and the MB/s of the columns
// each kernel reads and writes. copy (one column read, one written) shows the
// bandwidth limit; %copy is the kernel's MB/s over that of a copy timed right after it.
func BenchmarkKernelStream(b *testing.B) {
	b.Run("copy/f64", func(b *testing.B) {
		src, dst := column[float64](streamN, wideDom), make([]float64, streamN)
		timeCall(b, func() { copy(dst, src) }, streamN, 2*8*streamN)
	})
	b.Run("copy/f32", func(b *testing.B) {
		src, dst := column[float32](streamN, wideDom), make([]float32, streamN)
		timeCall(b, func() { copy(dst, src) }, streamN, 2*4*streamN)
	})
	for _, name := range streamCases {
		kc, ok := findKernel(name)
		if !ok {
			b.Fatalf("stream case %q is not in kernelCases", name)
		}
		b.Run(name, func(b *testing.B) { runKernel(b, kc, streamN, true) })
	}
}

// findKernel returns the case called name.
func findKernel(name string) (kernelCase, bool) {
	for _, kc := range kernelCases {
		if kc.name == name {
			return kc, true
		}
	}
	return kernelCase{}, false
}

// TestKernelCasesRunAtEveryLevel calls every benchmarked kernel once per level on a
// short input, so a broken table entry fails here rather than in a benchmark run, and
// checks that the levels agree on Sin (a kernel every level must provide).
func TestKernelCasesRunAtEveryLevel(t *testing.T) {
	saved := vec.Level()
	defer func() {
		if err := vec.SetLevel(saved); err != nil {
			t.Fatal(err)
		}
	}()
	x := column[float64](67, trigDom)
	want := make([]float64, len(x))
	for _, level := range vec.Levels() {
		if err := vec.SetLevel(level); err != nil {
			t.Fatal(err)
		}
		for _, kc := range kernelCases {
			call64, _ := kc.f64(67)
			call64()
			call32, _ := kc.f32(67)
			call32()
		}
		got := make([]float64, len(x))
		vec.Sin(got, x)
		if level == vec.Levels()[0] {
			copy(want, got)
		}
		for i := range got {
			if !closeTo(got[i], want[i], 1e-15) {
				t.Fatalf("level %s: Sin(%v) = %v, level %s gives %v", level, x[i], got[i], vec.Levels()[0], want[i])
			}
		}
	}
	for _, name := range streamCases {
		if _, ok := findKernel(name); !ok {
			t.Errorf("stream case %q is not in kernelCases", name)
		}
	}
}

// TestKernelCasesCoverVec checks that kernelCases lists every exported kernel of
// package vec (read from its source), so a new kernel cannot miss its benchmark.
func TestKernelCasesCoverVec(t *testing.T) {
	// Level selection, the Dual constructor and the prefetch hints (Prefetch, when it
	// pays, and a Prefetcher's queue) compute nothing to time.
	notKernels := map[string]bool{"Level": true, "Levels": true, "SetLevel": true, "NewDual": true,
		"Prefetch": true, "HardwarePrefetchStreams": true, "AddPrefetch": true}
	files, err := filepath.Glob("../vec/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	exported := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || notKernels[fn.Name.Name] {
				continue
			}
			exported++
			if _, ok := findKernel(fn.Name.Name); !ok {
				t.Errorf("vec.%s (%s) has no entry in kernelCases", fn.Name.Name, fset.Position(fn.Pos()))
			}
		}
	}
	if exported == 0 {
		t.Fatal("found no exported kernels in ../vec")
	}
}
