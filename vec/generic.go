package vec

import "github.com/dualgrad/dualgrad/internal/libm"

// genericKernels builds the pure-Go level. Float64 transcendental kernels use the
// algorithms in generic_*.go; float32 ones evaluate the float64 algorithm and round
// once (see generic_f32.go). Dual kernels are filled in by register.
func genericKernels() *kernels {
	k := &kernels{}
	arithmetic(&k.f64)
	arithmetic(&k.f32)
	k.f64.fma, k.f64.axpy = fma64Generic, axpy64Generic
	k.f32.fma, k.f32.axpy = fma32Generic, axpy32Generic

	t := &k.f64
	t.exp, t.exp2, t.expm1 = loop64(libm.Exp), loop64(libm.Exp2), loop64(libm.Expm1)
	t.log, t.log2, t.log10, t.log1p = loop64(libm.Log), loop64(libm.Log2), loop64(libm.Log10), loop64(libm.Log1p)
	t.sin, t.cos, t.tan = loop64(libm.Sin), loop64(libm.Cos), loop64(libm.Tan)
	t.asin, t.acos, t.atan = loop64(libm.Asin), loop64(libm.Acos), loop64(libm.Atan)
	t.sinh, t.cosh, t.tanh = loop64(libm.Sinh), loop64(libm.Cosh), loop64(libm.Tanh)
	t.cbrt, t.erf = loop64(libm.Cbrt), loop64(libm.Erf)
	t.asinh, t.acosh, t.atanh = loop64(libm.Asinh), loop64(libm.Acosh), loop64(libm.Atanh)
	t.sincos = sincosLoop64
	t.atan2, t.pow = loop64x2(libm.Atan2), loop64x2(libm.Pow)
	t.hypot = loop64x2(libm.Hypot)

	f := &k.f32
	f.exp, f.exp2, f.expm1 = via64(t.exp), via64(t.exp2), via64(t.expm1)
	f.log, f.log2, f.log10, f.log1p = via64(t.log), via64(t.log2), via64(t.log10), via64(t.log1p)
	f.sin, f.cos, f.tan = via64(t.sin), via64(t.cos), via64(t.tan)
	f.asin, f.acos, f.atan = via64(t.asin), via64(t.acos), via64(t.atan)
	f.sinh, f.cosh, f.tanh = via64(t.sinh), via64(t.cosh), via64(t.tanh)
	f.cbrt, f.erf = via64(t.cbrt), via64(t.erf)
	f.asinh, f.acosh, f.atanh = via64(t.asinh), via64(t.acosh), via64(t.atanh)
	f.sincos = sincosVia64(t.sincos)
	f.atan2, f.pow = via64x2(t.atan2), via64x2(t.pow)
	f.hypot = via64x2(t.hypot)
	return k
}

// arithmetic fills the type-generic arithmetic and reduction kernels.
func arithmetic[T Float](t *floatKernels[T]) {
	t.add, t.sub, t.mul, t.div = addGeneric[T], subGeneric[T], mulGeneric[T], divGeneric[T]
	t.min, t.max = minGeneric[T], maxGeneric[T]
	t.neg, t.sqrt, t.recip, t.abs = negGeneric[T], sqrtGeneric[T], recipGeneric[T], absGeneric[T]
	t.scale, t.addScalar = scaleGeneric[T], addScalarGeneric[T]
	t.sum, t.dot = sumGeneric[T], dotGeneric[T]
	t.scaleTangent, t.combineTangents = scaleTangentGeneric[T], combineTangentsGeneric[T]
	t.prefetch = func([]T) {} // pure Go has no way to issue the hint
}

// loop64 lifts a scalar function to a slice kernel.
func loop64(f func(float64) float64) func(dst, x []float64) {
	return func(dst, x []float64) {
		x = x[:len(dst)]
		for i := range dst {
			dst[i] = f(x[i])
		}
	}
}

// loop64x2 lifts a scalar function of two arguments to a slice kernel.
func loop64x2(f func(a, b float64) float64) func(dst, a, b []float64) {
	return func(dst, a, b []float64) {
		a, b = a[:len(dst)], b[:len(dst)]
		for i := range dst {
			dst[i] = f(a[i], b[i])
		}
	}
}

func sincosLoop64(s, c, x []float64) {
	c, x = c[:len(s)], x[:len(s)]
	for i := range s {
		s[i], c[i] = libm.Sincos(x[i])
	}
}
