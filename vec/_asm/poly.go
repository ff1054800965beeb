package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float64 lane helpers shared by the transcendental kernels. Each returns a new virtual
// register; b, c may be memory operands (constants), a must be a register.

// vop emits an instruction that may read a constant from memory. On AVX-512 the
// constant is read with an embedded broadcast of one 8-byte lane (bcast form): the
// linker aligns the 64-byte pool entries to 32 bytes only, and a full-width load
// crossing a cache line costs more than the broadcast.
func (l *level) vop(plain, bcast func(...Op), ops ...Op) {
	for _, op := range ops {
		if l.wide && isConst(op) {
			bcast(ops...)
			return
		}
	}
	plain(ops...)
}

// ld loads a float64 constant (or any 64-bit lane pattern) into a register.
func (l *level) ld(m Op) VecVirtual {
	r := l.vec()
	if l.wide && isConst(m) {
		VBROADCASTSD(m, r)
	} else {
		VMOVUPD(m, r)
	}
	return r
}

// copyv duplicates a register (eliminated at rename on current cores).
func (l *level) copyv(a VecVirtual) VecVirtual {
	r := l.vec()
	VMOVAPD(a, r)
	return r
}

// bop returns a op b for a two-source instruction pair (plain, broadcast).
func (l *level) bop(plain, bcast func(...Op), a, b Op) VecVirtual {
	d := l.vec()
	l.vop(plain, bcast, b, a, d)
	return d
}

func (l *level) add(a, b Op) VecVirtual { return l.bop(VADDPD, VADDPD_BCST, a, b) }
func (l *level) sub(a, b Op) VecVirtual { return l.bop(VSUBPD, VSUBPD_BCST, a, b) }
func (l *level) mul(a, b Op) VecVirtual { return l.bop(VMULPD, VMULPD_BCST, a, b) }
func (l *level) div(a, b Op) VecVirtual { return l.bop(VDIVPD, VDIVPD_BCST, a, b) }

// fnmadd231 sets acc = acc - a*m (m may be a constant).
func (l *level) fnmadd231(m Op, a, acc VecVirtual) {
	l.vop(VFNMADD231PD, VFNMADD231PD_BCST, m, a, acc)
}

// fmadd213 sets p = x*p + m (m may be a constant).
func (l *level) fmadd213(m Op, x, p VecVirtual) {
	l.vop(VFMADD213PD, VFMADD213PD_BCST, m, x, p)
}

// fma returns a*b + c with one rounding.
func (l *level) fma(a, b VecVirtual, c Op) VecVirtual {
	d := l.copyv(a)
	l.fmadd213(c, b, d)
	return d
}

// fms returns a*b - c with one rounding.
func (l *level) fms(a, b VecVirtual, c Op) VecVirtual {
	d := l.copyv(a)
	l.vop(VFMSUB213PD, VFMSUB213PD_BCST, c, b, d)
	return d
}

// horner evaluates c[0]*x^(n-1) + ... + c[n-1] (highest degree first) with FMAs.
func (l *level) horner(x VecVirtual, c ...float64) VecVirtual {
	p := l.ld(c64(c[0]))
	for _, ci := range c[1:] {
		l.fmadd213(c64(ci), x, p) // p = x*p + ci
	}
	return p
}
