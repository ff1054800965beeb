package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 lane helpers: the same shapes as the float64 ones in poly.go, for kernels
// that compute in 16 (AVX-512) or 8 (AVX2) float32 lanes instead of widening to
// float64. Constants come from c32/cbits32 and are read with a 4-byte embedded
// broadcast on AVX-512.

// ld32 loads a float32 constant (or any 32-bit lane pattern) into a register.
func (l *level) ld32(m Op) VecVirtual {
	r := l.vec()
	if l.wide && isConst(m) {
		VBROADCASTSS(m, r)
	} else {
		VMOVUPS(m, r)
	}
	return r
}

// copy32 duplicates a register of float32 lanes.
func (l *level) copy32(a VecVirtual) VecVirtual {
	r := l.vec()
	VMOVAPS(a, r)
	return r
}

func (l *level) add32(a, b Op) VecVirtual { return l.bop(VADDPS, VADDPS_BCST, a, b) }
func (l *level) sub32(a, b Op) VecVirtual { return l.bop(VSUBPS, VSUBPS_BCST, a, b) }
func (l *level) mul32(a, b Op) VecVirtual { return l.bop(VMULPS, VMULPS_BCST, a, b) }

// fnmadd231x32 sets acc = acc - a*m (m may be a constant).
func (l *level) fnmadd231x32(m Op, a, acc VecVirtual) {
	l.vop(VFNMADD231PS, VFNMADD231PS_BCST, m, a, acc)
}

// fmadd213x32 sets p = x*p + m (m may be a constant).
func (l *level) fmadd213x32(m Op, x, p VecVirtual) {
	l.vop(VFMADD213PS, VFMADD213PS_BCST, m, x, p)
}

// horner32 evaluates c[0]*x^(n-1) + ... + c[n-1] (highest degree first) in float32.
func (l *level) horner32(x VecVirtual, c ...float32) VecVirtual {
	p := l.ld32(c32(c[0]))
	for _, ci := range c[1:] {
		l.fmadd213x32(c32(ci), x, p)
	}
	return p
}

// clamp32 returns x limited to [lo, hi]; a NaN lane stays NaN (x is the second source
// of the max, which is returned when either source is NaN).
func (l *level) clamp32(x VecVirtual, lo, hi float32) VecVirtual {
	xc := l.vec()
	VMAXPS(x, l.ld32(c32(lo)), xc)
	VMINPS(xc, l.ld32(c32(hi)), xc)
	return xc
}

// cmpPS compares float32 lanes: a pred b.
func (l *level) cmpPS(pred int, a, b Op) mask {
	if l.wide {
		k := K()
		l.vop(VCMPPS, VCMPPS_BCST, U8(pred), b, a, k)
		return mask{k: k}
	}
	m := YMM()
	VCMPPS(U8(pred), b, a, m)
	return mask{v: m}
}

// blendPS returns m ? ifTrue : ifFalse for float32 lanes.
func (l *level) blendPS(m mask, ifFalse, ifTrue Op) VecVirtual {
	if !l.wide {
		d := l.vec()
		VBLENDVPS(m.v, ifTrue, ifFalse, d)
		return d
	}
	d := l.startAs(ifFalse) // see blendPD
	if isConst(ifTrue) {
		VBLENDMPS_BCST(ifTrue, d, m.k, d)
	} else {
		VBLENDMPS(ifTrue, d, m.k, d)
	}
	return d
}

// maskBits moves one bit per lane of m into the low bits of a general register.
func (l *level) maskBits(m mask) Register {
	bits := GP64()
	if l.wide {
		KMOVW(m.k, bits.As32())
	} else {
		VMOVMSKPS(m.v, bits.As32())
	}
	return bits
}
