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

// estrinMinTerms is the number of coefficients from which poly uses Estrin's scheme on
// AVX2.
const estrinMinTerms = 6

// poly evaluates the polynomial c (highest degree first) at x, like horner. x2 is x*x
// if the caller has it, else nil. On AVX2 a long Horner chain is bound by FMA latency
// (four vectors in flight do not hide it), so the high-degree terms are combined by
// Estrin's scheme, whose chain is logarithmic in the degree, and the last lowHorner
// terms by Horner steps, which keeps the rounding error of the sum where Horner has it
// (2 keeps the largest error over vec's references within 0.03 ulp of Horner's; 0
// suits a polynomial whose value is scaled down before it is added, as in exp).
// AVX-512 on Zen 4 is throughput-bound instead (512-bit FMAs issue at half the rate),
// where the extra multiplies of Estrin's scheme cost more than the shorter chain
// saves, so it keeps Horner.
func (l *level) poly(x, x2 VecVirtual, lowHorner int, c ...float64) VecVirtual {
	if l.wide || len(c) < estrinMinTerms {
		return l.horner(x, c...)
	}
	if x2 == nil {
		x2 = l.mul(x, x)
	}
	split := len(c) - lowHorner
	p := l.estrin(x, x2, c[:split]...)
	for _, ci := range c[split:] {
		l.fmadd213(c64(ci), x, p) // p = x*p + ci
	}
	return p
}

// estrin evaluates the polynomial c (highest degree first) at x by Estrin's scheme:
// adjacent terms are paired with x, the pairs paired with x², then with x⁴, and so on.
func (l *level) estrin(x, x2 VecVirtual, c ...float64) VecVirtual {
	terms := make([]Op, len(c)) // terms[k]: the coefficient of x^k, a constant or a register
	for k := range terms {
		terms[k] = c64(c[len(c)-1-k])
	}
	pow := x
	for round := 0; len(terms) > 1; round++ {
		switch {
		case round == 1:
			pow = x2
		case round > 1:
			pow = l.mul(pow, pow)
		}
		var next []Op
		for j := 0; j+1 < len(terms); j += 2 {
			h := l.own(terms[j+1])
			l.fmadd213(terms[j], pow, h) // h = pow*hi + lo
			next = append(next, h)
		}
		if len(terms)%2 == 1 {
			next = append(next, terms[len(terms)-1])
		}
		terms = next
	}
	return l.own(terms[0])
}

// own returns a term of estrin in a register it may overwrite: the registers are its
// own partial sums, used once; constants are loaded.
func (l *level) own(op Op) VecVirtual {
	if r, ok := op.(VecVirtual); ok {
		return r
	}
	return l.ld(op)
}
