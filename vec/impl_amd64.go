//go:build !purego

package vec

// The avx2 and avx512 levels: assembly generated with avo from vec/_asm (see its
// main.go). Each kernel is one assembly call per slice; tails are handled inside the
// assembly with masked loads and stores, so every lane is computed by the same
// instructions whatever the length or position.

//go:generate go run -C _asm . -out ../asm_amd64.s -stubs ../asm_amd64.go -pkg vec

import (
	"github.com/klauspost/cpuid/v2"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// avx2Features and avx512Features are exactly the CPU features the generated code of
// each level uses (the "Requires:" lines avo writes in asm_amd64.s; a test checks them).
// The AVX-512 arithmetic kernels stream large slices through VEX-encoded YMM
// registers (vec/_asm/loop.go), hence FMA3 there.
var (
	avx2Features   = []cpuid.FeatureID{cpuid.AVX, cpuid.AVX2, cpuid.FMA3}
	avx512Features = []cpuid.FeatureID{cpuid.AVX, cpuid.AVX512F, cpuid.AVX512DQ, cpuid.FMA3}
)

func init() {
	register(levelAVX2, cpuid.CPU.Supports(avx2Features...), avx2Kernels())
	register(levelAVX512, cpuid.CPU.Supports(avx512Features...), avx512Kernels())
}

// avx2Kernels is the avx2 level (AVX2 + FMA, 256-bit); unset fields fall back to generic.
func avx2Kernels() *kernels {
	k := &kernels{}
	k.f64 = floatKernels[float64]{
		add: addF64AVX2, sub: subF64AVX2, mul: mulF64AVX2, div: divF64AVX2,
		min: minF64AVX2, max: maxF64AVX2,
		neg: negF64AVX2, abs: absF64AVX2, sqrt: sqrtF64AVX2, recip: recipF64AVX2,
		scale: scaleF64AVX2, addScalar: addScalarF64AVX2, fma: fmaF64AVX2, axpy: axpyF64AVX2,
		sum: sumF64AVX2, dot: dotF64AVX2,
		exp: expF64AVX2, exp2: exp2F64AVX2, log: logF64AVX2,
		sin: trig64(sinF64AVX2, libm.Sin), cos: trig64(cosF64AVX2, libm.Cos), sincos: sincos64With(sincosF64AVX2),
	}
	k.f32 = floatKernels[float32]{
		add: addF32AVX2, sub: subF32AVX2, mul: mulF32AVX2, div: divF32AVX2,
		min: minF32AVX2, max: maxF32AVX2,
		neg: negF32AVX2, abs: absF32AVX2, sqrt: sqrtF32AVX2, recip: recipF32AVX2,
		scale: scaleF32AVX2, addScalar: addScalarF32AVX2, fma: fmaF32AVX2, axpy: axpyF32AVX2,
		sum: sumF32AVX2, dot: dotF32AVX2,
		exp: expF32AVX2, log: logF32AVX2,
		sin: trig32(sinF32AVX2, libm.Sin), cos: trig32(cosF32AVX2, libm.Cos), sincos: sincos32With(sincosF32AVX2),
		tan: withFallback(tanF32AVX2, beyondTrigBound, libm.Tan), exp2: exp2F32AVX2, log2: log2F32AVX2, log10: log10F32AVX2,
	}
	useTangents(&k.f64, tangents[float64]{scaleTanF64AVX2, combineTanF64AVX2})
	useTangents(&k.f32, tangents[float32]{scaleTanF32AVX2, combineTanF32AVX2})
	extraAVX2(k)
	fusedAVX2(k)
	k.f64.prefetch, k.f32.prefetch = prefetchF64AVX2, prefetchF32AVX2
	return k
}

// avx512Kernels is the avx512 level (AVX-512 F and DQ, 512-bit); unset fields fall back
// to generic.
func avx512Kernels() *kernels {
	k := &kernels{}
	k.f64 = floatKernels[float64]{
		add: addF64AVX512, sub: subF64AVX512, mul: mulF64AVX512, div: divF64AVX512,
		min: minF64AVX512, max: maxF64AVX512,
		neg: negF64AVX512, abs: absF64AVX512, sqrt: sqrtF64AVX512, recip: recipF64AVX512,
		scale: scaleF64AVX512, addScalar: addScalarF64AVX512, fma: fmaF64AVX512, axpy: axpyF64AVX512,
		sum: sumF64AVX512, dot: dotF64AVX512,
		exp: expF64AVX512, exp2: exp2F64AVX512, log: logF64AVX512,
		sin: trig64(sinF64AVX512, libm.Sin), cos: trig64(cosF64AVX512, libm.Cos), sincos: sincos64With(sincosF64AVX512),
	}
	k.f32 = floatKernels[float32]{
		add: addF32AVX512, sub: subF32AVX512, mul: mulF32AVX512, div: divF32AVX512,
		min: minF32AVX512, max: maxF32AVX512,
		neg: negF32AVX512, abs: absF32AVX512, sqrt: sqrtF32AVX512, recip: recipF32AVX512,
		scale: scaleF32AVX512, addScalar: addScalarF32AVX512, fma: fmaF32AVX512, axpy: axpyF32AVX512,
		sum: sumF32AVX512, dot: dotF32AVX512,
		exp: expF32AVX512, log: logF32AVX512,
		sin: trig32(sinF32AVX512, libm.Sin), cos: trig32(cosF32AVX512, libm.Cos), sincos: sincos32With(sincosF32AVX512),
		tan: withFallback(tanF32AVX512, beyondTrigBound, libm.Tan), exp2: exp2F32AVX512, log2: log2F32AVX512, log10: log10F32AVX512,
	}
	useTangents(&k.f64, tangents[float64]{scaleTanF64AVX512, combineTanF64AVX512})
	useTangents(&k.f32, tangents[float32]{scaleTanF32AVX512, combineTanF32AVX512})
	extraAVX512(k)
	fusedAVX512(k)
	k.f64.prefetch, k.f32.prefetch = prefetchF64AVX512, prefetchF32AVX512
	return k
}

// zen5Streams is HardwarePrefetchStreams on AMD Zen 5 (family 0x1A) and later. On the
// 2-core Zen 5 VM of bench/README, expr batches of 1<<20 points reading k input
// columns (sums of sin(x_i·x_{i+1}), value and gradient; five alternated runs) ran
// without the hints 8% faster at k = 2 on one goroutine (3% on two), about the same at
// k = 3, and 5-8% slower at k = 4, 6 and 8; BenchmarkSeedBatch (k = 2) 6% faster and
// WideBatch (k = 10) 6% slower. On the Zen 4 VM of the earlier measurements the hints
// made the seed 15% faster: other processors keep them for every stream count.
const zen5Streams = 2

func init() {
	if cpuid.CPU.VendorID == cpuid.AMD && cpuid.CPU.Family >= 0x1a {
		hardwareStreams = zen5Streams
	}
}

// fastDivider reports whether the fused float64 DualDiv divides twice (the quotient
// and the reciprocal its partials need) rather than deriving the quotient from the
// reciprocal with Markstein's correction, whose range check costs about as much as a
// division where the divider is fast: on AMD Zen 5 (family 0x1A) and later. On the
// Zen 5 VM of bench/README, BenchmarkFused (1024 elements, two tangent columns, eight
// runs) timed the two forms (Div and DivAlt there) at 0.45 against 0.62 ns/element on
// the avx512 level and 0.77 against 0.95 on avx2; BenchmarkSeedBatch, whose last pass
// is a division, ran 2-6% faster, within that machine's noise. Other processors keep
// Markstein's form, which the kernels have used since they were written on a Zen 4 VM
// (no longer available to measure the second division on): the slower a processor's
// vector division, the more the division it saves is worth. Both forms give the same
// bits.
var fastDivider = cpuid.CPU.VendorID == cpuid.AMD && cpuid.CPU.Family >= 0x1a

// Dual kernels of the assembly levels: register builds them from this level's float
// kernels with the generic chain rules (generic_dual.go), and their tangent loops run
// in assembly through the scaleTangent and combineTangents entries.

// tangents are one level's tangent kernels for T (see vec/_asm/tangent.go).
type tangents[T Float] struct {
	scale   func(dst, d, tan []T)         // dst = tan == 0 ? 0 : d*tan
	combine func(dst, da, ta, db, tb []T) // dst = da*ta + db*tb, each term NaN-safe
}

// useTangents installs a level's tangent kernels in its table.
func useTangents[T Float](k *floatKernels[T], tg tangents[T]) {
	k.scaleTangent, k.combineTangents = tg.scale, tg.combine
}
