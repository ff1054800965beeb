//go:build !purego

package vec

import "github.com/dualgrad/dualgrad/internal/libm"

// extraAVX2 installs the avx2 kernels for the transcendental functions beyond exp,
// log and the trig core (vec/_asm/extra.go). Most float32 kernels compute in float64
// lanes with the float64 bodies and round once; the float32 kernels of expm1, log1p,
// sinh, cosh, tanh, atan, asin, acos, atan2, asinh, acosh and atanh compute in
// float32 lanes, twice as many per instruction.
func extraAVX2(k *kernels) {
	k.f64.expm1, k.f32.expm1 = expm1F64AVX2, expm1F32AVX2
	k.f64.log1p, k.f32.log1p = log1pF64AVX2, log1pF32AVX2
	k.f64.log2, k.f64.log10 = log2F64AVX2, log10F64AVX2
	k.f64.sinh, k.f32.sinh = sinhF64AVX2, sinhF32AVX2
	k.f64.cosh, k.f32.cosh = coshF64AVX2, coshF32AVX2
	k.f64.tanh, k.f32.tanh = tanhF64AVX2, tanhF32AVX2
	k.f64.atan, k.f32.atan = atanF64AVX2, atanF32AVX2
	k.f64.asin, k.f32.asin = asinF64AVX2, asinF32AVX2
	k.f64.acos, k.f32.acos = acosF64AVX2, acosF32AVX2
	k.f64.atan2, k.f32.atan2 = atan2F64AVX2, atan2F32AVX2
	k.f64.tan = withFallback(tanF64AVX2, beyondTrigBound, libm.Tan)
	k.f64.cbrt, k.f32.cbrt = cbrtF64AVX2, cbrtF32AVX2
	k.f64.pow, k.f32.pow = powF64AVX2, powF32AVX2
	k.f64.erf, k.f32.erf = erfF64AVX2, erfF32AVX2
	k.f64.asinh, k.f32.asinh = asinhF64AVX2, asinhF32AVX2
	k.f64.acosh, k.f32.acosh = acoshF64AVX2, acoshF32AVX2
	k.f64.atanh, k.f32.atanh = atanhF64AVX2, atanhF32AVX2
	k.f64.hypot, k.f32.hypot = hypotF64AVX2, hypotF32AVX2
}

// extraAVX512 installs the avx512 kernels for the transcendental functions beyond
// exp, log and the trig core (vec/_asm/extra.go), with float32 lanes as in extraAVX2.
func extraAVX512(k *kernels) {
	k.f64.expm1, k.f32.expm1 = expm1F64AVX512, expm1F32AVX512
	k.f64.log1p, k.f32.log1p = log1pF64AVX512, log1pF32AVX512
	k.f64.log2, k.f64.log10 = log2F64AVX512, log10F64AVX512
	k.f64.sinh, k.f32.sinh = sinhF64AVX512, sinhF32AVX512
	k.f64.cosh, k.f32.cosh = coshF64AVX512, coshF32AVX512
	k.f64.tanh, k.f32.tanh = tanhF64AVX512, tanhF32AVX512
	k.f64.atan, k.f32.atan = atanF64AVX512, atanF32AVX512
	k.f64.asin, k.f32.asin = asinF64AVX512, asinF32AVX512
	k.f64.acos, k.f32.acos = acosF64AVX512, acosF32AVX512
	k.f64.atan2, k.f32.atan2 = atan2F64AVX512, atan2F32AVX512
	k.f64.tan = withFallback(tanF64AVX512, beyondTrigBound, libm.Tan)
	k.f64.cbrt, k.f32.cbrt = cbrtF64AVX512, cbrtF32AVX512
	k.f64.pow, k.f32.pow = powF64AVX512, powF32AVX512
	k.f64.erf, k.f32.erf = erfF64AVX512, erfF32AVX512
	k.f64.asinh, k.f32.asinh = asinhF64AVX512, asinhF32AVX512
	k.f64.acosh, k.f32.acosh = acoshF64AVX512, acoshF32AVX512
	k.f64.atanh, k.f32.atanh = atanhF64AVX512, atanhF32AVX512
	k.f64.hypot, k.f32.hypot = hypotF64AVX512, hypotF32AVX512
}
