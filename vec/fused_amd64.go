//go:build !purego

package vec

import (
	"unsafe"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// The fused dual kernels (vec/_asm/fused.go) compute values, local partials and every
// tangent column of a batch in one pass, with the same IEEE operations as the dual
// kernels composed from float kernels (generic_dual.go), so results agree bit for bit
// with the composed kernels of the same level. Functions without a fused kernel keep
// the composed one. Every fused kernel has a streaming (non-temporal) variant.

// fused are one level's fused dual kernels for one float type; nil fields keep the
// composed kernels.
type fused[T Float] struct {
	sin, cos, exp, log, sqrt, recip unaryAsm[T]
	expm1, log1p, sinh, cosh, tanh  unaryAsm[T]
	atan, asin, acos, erf, cbrt     unaryAsm[T]
	abs, exp2, log2, log10          unaryAsm[T]
	asinh, acosh, atanh             unaryAsm[T]
	tan                             unaryAsm[T] // leaves the lanes beyond trigBound to Go
	sincos                          sincosAsm[T]
	mul, div                        binaryAsm[T]
	divDirect                       binaryAsm[T] // div dividing twice (float64; see fastDivider)
	pow, min, max, atan2, hypot     binaryAsm[T]
	add, sub                        binaryAsm[T] // for Sequence only (see rawFused)
	fma                             ternaryAsm[T]
}

// fusedAVX2 installs the avx2 fused dual kernels (the tables are generated with the
// kernels, in fused_tables_amd64.go).
func fusedAVX2(k *kernels) {
	installFused(k, 32, storeFenceAVX2, fusedF64AVX2(), fusedNTF64AVX2(), fusedF32AVX2(), fusedNTF32AVX2())
}

// fusedAVX512 installs the avx512 fused dual kernels.
func fusedAVX512(k *kernels) {
	installFused(k, 64, storeFenceAVX512, fusedF64AVX512(), fusedNTF64AVX512(), fusedF32AVX512(), fusedNTF32AVX512())
}

// installFused installs a level's fused kernels (and their streaming variants) in its
// tables and for Sequence; align is its vector size and fence its SFENCE.
func installFused(k *kernels, align uintptr, fence func(), f64, nt64 fused[float64], f32, nt32 fused[float32]) {
	useFused(&k.f64, align, fence, f64, nt64)
	useFused(&k.f32, align, fence, f32, nt32)
	k.raw64, k.raw32 = rawFused(f64, nt64, align, fence), rawFused(f32, nt32, align, fence)
}

// rawFused returns the kernels of f and their streaming variants nt for a Sequence
// to call directly: the ones useFused installs, with the same choice of division, but
// not tan, whose lanes left to Go need the input (see fusedTan). align is the
// level's vector size and fence its SFENCE.
func rawFused[T Float](f, nt fused[T], align uintptr, fence func()) *rawKernels[T] {
	r := &rawKernels[T]{sincos: f.sincos, sincosNT: nt.sincos, fma: f.fma, fmaNT: nt.fma, align: align, fence: fence}
	r.fixSincos = fixTrig[T]
	r.tan, r.tanNT, r.fixTan = f.tan, nt.tan, fixTan[T]
	unary := func(f fused[T]) map[rawOp]unaryAsm[T] {
		return map[rawOp]unaryAsm[T]{
			rawSin: f.sin, rawCos: f.cos, rawExp: f.exp, rawLog: f.log, rawSqrt: f.sqrt,
			rawRecip: f.recip, rawExpm1: f.expm1, rawLog1p: f.log1p, rawSinh: f.sinh,
			rawCosh: f.cosh, rawTanh: f.tanh, rawAtan: f.atan, rawAsin: f.asin,
			rawAcos: f.acos, rawErf: f.erf, rawCbrt: f.cbrt, rawAbs: f.abs, rawExp2: f.exp2,
			rawLog2: f.log2, rawLog10: f.log10, rawAsinh: f.asinh, rawAcosh: f.acosh,
			rawAtanh: f.atanh,
		}
	}
	binary := func(f fused[T]) map[rawOp]binaryAsm[T] {
		div := f.div
		if fastDivider && f.divDirect != nil {
			div = f.divDirect
		}
		return map[rawOp]binaryAsm[T]{
			rawMul: f.mul, rawDiv: div, rawPow: f.pow, rawMin: f.min, rawMax: f.max,
			rawAtan2: f.atan2, rawHypot: f.hypot, rawAdd: f.add, rawSub: f.sub,
		}
	}
	for op, asm := range unary(f) {
		r.unary[op].asm = asm
	}
	for op, asm := range unary(nt) {
		r.unaryNT[op] = asm
	}
	r.unary[rawSin].fix = func(dst Dual[T]) { fixTrig(dst, Dual[T]{}) }
	r.unary[rawCos].fix = func(dst Dual[T]) { fixTrig(Dual[T]{}, dst) }
	for op, asm := range binary(f) {
		r.binary[op] = asm
	}
	for op, asm := range binary(nt) {
		r.binaryNT[op] = asm
	}
	return r
}

// noFallback adapts a kernel that never leaves lanes to Go.
func noFallback[T Float](f func(dv, xv []T, dd, xd [][]T, ahead *[4]uintptr)) unaryAsm[T] {
	return func(dv, xv []T, dd, xd [][]T, ahead *[4]uintptr) int {
		f(dv, xv, dd, xd, ahead)
		return 0
	}
}

// streamable reports whether dst asks for non-temporal stores and every column of it
// starts on an align-byte boundary, as the streaming kernels' full-vector stores need.
func streamable[T Float](dst Dual[T], align uintptr) bool {
	if !dst.Stream || len(dst.V) == 0 {
		return false
	}
	if uintptr(unsafe.Pointer(&dst.V[0]))%align != 0 {
		return false
	}
	for _, col := range dst.D {
		if uintptr(unsafe.Pointer(&col[0]))%align != 0 {
			return false
		}
	}
	return true
}

// useFused installs the non-nil kernels of f in a level's table; where nt (the
// streaming variants) has the same kernel, it runs instead for a dst that is
// streamable with the level's vector size align, followed by the level's fence.
func useFused[T Float](t *floatKernels[T], align uintptr, fence func(), f, nt fused[T]) {
	unary := func(dst *func(dst, x Dual[T]), asm, asmNT unaryAsm[T], fix func(dst Dual[T])) {
		if asm == nil {
			return
		}
		*dst = func(dst, x Dual[T]) {
			var fallback int
			if asmNT != nil && streamable(dst, align) {
				fallback = asmNT(dst.V, x.V, dst.D, x.D, dst.Ahead.arm())
				fence()
			} else {
				fallback = asm(dst.V, x.V, dst.D, x.D, dst.Ahead.arm())
			}
			dst.Ahead.disarm()
			if fallback != 0 {
				fix(dst)
			}
		}
	}
	binary := func(dst *func(dst, a, b Dual[T]), asm, asmNT binaryAsm[T]) {
		if asm == nil {
			return
		}
		*dst = func(dst, a, b Dual[T]) {
			if asmNT != nil && streamable(dst, align) {
				asmNT(dst.V, a.V, b.V, dst.D, a.D, b.D, dst.Ahead.arm())
				fence()
			} else {
				asm(dst.V, a.V, b.V, dst.D, a.D, b.D, dst.Ahead.arm())
			}
			dst.Ahead.disarm()
		}
	}
	unary(&t.dualSin, f.sin, nt.sin, func(dst Dual[T]) { fixTrig(dst, Dual[T]{}) })
	unary(&t.dualCos, f.cos, nt.cos, func(dst Dual[T]) { fixTrig(Dual[T]{}, dst) })
	unary(&t.dualExp, f.exp, nt.exp, nil)
	unary(&t.dualLog, f.log, nt.log, nil)
	unary(&t.dualSqrt, f.sqrt, nt.sqrt, nil)
	unary(&t.dualRecip, f.recip, nt.recip, nil)
	unary(&t.dualExpm1, f.expm1, nt.expm1, nil)
	unary(&t.dualLog1p, f.log1p, nt.log1p, nil)
	unary(&t.dualSinh, f.sinh, nt.sinh, nil)
	unary(&t.dualCosh, f.cosh, nt.cosh, nil)
	unary(&t.dualTanh, f.tanh, nt.tanh, nil)
	unary(&t.dualAtan, f.atan, nt.atan, nil)
	unary(&t.dualAsin, f.asin, nt.asin, nil)
	unary(&t.dualAcos, f.acos, nt.acos, nil)
	unary(&t.dualErf, f.erf, nt.erf, nil)
	unary(&t.dualCbrt, f.cbrt, nt.cbrt, nil)
	unary(&t.dualAbs, f.abs, nt.abs, nil)
	unary(&t.dualExp2, f.exp2, nt.exp2, nil)
	unary(&t.dualLog2, f.log2, nt.log2, nil)
	unary(&t.dualLog10, f.log10, nt.log10, nil)
	unary(&t.dualAsinh, f.asinh, nt.asinh, nil)
	unary(&t.dualAcosh, f.acosh, nt.acosh, nil)
	unary(&t.dualAtanh, f.atanh, nt.atanh, nil)
	if f.tan != nil {
		t.dualTan = fusedTan(t, align, fence, f.tan, nt.tan)
	}
	if f.sincos != nil {
		t.dualSincos = func(s, c, x Dual[T]) {
			var fallback int
			if nt.sincos != nil && streamable(s, align) && streamable(c, align) {
				fallback = nt.sincos(s.V, c.V, x.V, s.D, c.D, x.D, s.Ahead.arm())
				fence()
			} else {
				fallback = f.sincos(s.V, c.V, x.V, s.D, c.D, x.D, s.Ahead.arm())
			}
			s.Ahead.disarm()
			if fallback != 0 {
				fixTrig(s, c)
			}
		}
	}
	binary(&t.dualMul, f.mul, nt.mul)
	div, divNT, alt, altNT := f.div, nt.div, f.divDirect, nt.divDirect
	if fastDivider && alt != nil {
		div, divNT, alt, altNT = alt, altNT, div, divNT
	}
	binary(&t.dualDiv, div, divNT)
	binary(&t.dualDivAlt, alt, altNT)
	binary(&t.dualPow, f.pow, nt.pow)
	binary(&t.dualMin, f.min, nt.min)
	binary(&t.dualMax, f.max, nt.max)
	binary(&t.dualAtan2, f.atan2, nt.atan2)
	binary(&t.dualHypot, f.hypot, nt.hypot)
}

// fusedTan returns the dual tan kernel of table t from the fused kernel asm and its
// streaming variant asmNT. The lanes the kernel leaves to Go (|x| > trigBound) are
// found from x after the call; in place (dst.V is x.V) x is gone by then, so a batch
// that has such lanes takes the composed kernel instead, which gives the same bits.
func fusedTan[T Float](t *floatKernels[T], align uintptr, fence func(), asm, asmNT unaryAsm[T]) func(dst, x Dual[T]) {
	composed := dualUnary(t, tanRule[T])
	return func(dst, x Dual[T]) {
		if len(x.V) == 0 {
			return
		}
		if &dst.V[0] == &x.V[0] && anyBeyondTrigBound(x.V) {
			composed(dst, x)
			return
		}
		var fallback int
		if asmNT != nil && streamable(dst, align) {
			fallback = asmNT(dst.V, x.V, dst.D, x.D, dst.Ahead.arm())
			fence()
		} else {
			fallback = asm(dst.V, x.V, dst.D, x.D, dst.Ahead.arm())
		}
		dst.Ahead.disarm()
		if fallback != 0 {
			fixTan(dst, x.V)
		}
	}
}

// anyBeyondTrigBound reports whether some element of x is beyond trigBound (or
// infinite).
func anyBeyondTrigBound[T Float](x []T) bool {
	for _, v := range x {
		if beyondTrigBound(float64(v)) {
			return true
		}
	}
	return false
}

// fixTan computes the lanes the fused tan kernel left to Go, |x| > trigBound, as the
// composed kernel does (the float kernel's fallback, then tanRule): there the value
// column holds x and each tangent column the input tangent.
func fixTan[T Float](dst Dual[T], x []T) {
	for i, v := range x {
		if !beyondTrigBound(float64(v)) {
			continue
		}
		y := T(libm.Tan(float64(v)))
		dst.V[i] = y
		d := tanSlope(y)
		for _, col := range dst.D {
			col[i] = scaleNaNSafe(d, col[i])
		}
	}
}

// fixTrig computes the lanes the fused trig kernels left to Go: there the value column
// holds x and each tangent column the input tangent. s and c are the sin and cos
// outputs; one of them is empty for the one-output kernels.
func fixTrig[T Float](s, c Dual[T]) {
	probe := s.V
	if probe == nil {
		probe = c.V
	}
	for i, x := range probe {
		if !beyondTrigBound(float64(x)) {
			continue
		}
		sv, cv := libm.Sincos(float64(x))
		if s.V != nil {
			s.V[i] = T(sv)
		}
		if c.V != nil {
			c.V[i] = T(cv)
		}
		for k := range max(len(s.D), len(c.D)) {
			var tan T
			if s.D != nil {
				tan = s.D[k][i]
			} else {
				tan = c.D[k][i]
			}
			if s.D != nil {
				s.D[k][i] = scaleNaNSafe(T(cv), tan)
			}
			if c.D != nil {
				c.D[k][i] = scaleNaNSafe(-T(sv), tan)
			}
		}
	}
}
