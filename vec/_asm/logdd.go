package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Log as a double-double, for log1p and the float64 log2 and log10 (whose last
// multiplication would otherwise add a rounding): x = 2^e * m with m in
// [sqrt(2)/2, sqrt(2)) (mantExp), f = m - 1 (exact), s = f/(2+f) and
// log(m) = f - f^2/2 + s*(f^2/2 + R(s^2)) with R the fit logPoly of vec/coeffs.go.
// f^2 is split exactly by an FMA, so log(m) comes out as hi + lo to about 2^-70
// relative; e*ln2 is exact in its high part (ln2Hi of log.go has 32 trailing zero
// bits), and only the final addition rounds at full weight. Measured errors stay
// below 0.55 ULP, like the generic level, which uses the same formulas.
//
// Log1p: 1 + x = u + c exactly (twoSum), log(1 + x) = log(u) + c/u to well below an
// ULP; for |x| < 2^-53, u = 1 and the result is c/1 = x. log1p has the sign of x,
// which is ORed in so that log1p(-0) = -0.

// logMantDD returns log(m) for m in [sqrt(2)/2, sqrt(2)) as a double-double.
func logMantDD(l *level, m VecVirtual) dd {
	f := l.sub(m, c64(1))
	s := l.div(f, l.add(f, c64(2)))
	z := l.mul(s, s)
	r := l.mul(z, l.poly(z, nil, 2, fitPoly("logPoly")...))
	ff := l.twoProd(f, f)
	hfsq := l.mul(ff.hi, c64(0.5))
	hi := l.sub(f, hfsq)
	lo := l.sub(l.sub(l.sub(f, hi), hfsq), l.mul(ff.lo, c64(0.5)))
	return dd{hi, l.fma(s, l.add(hfsq, r), lo)}
}

// addLn2 returns e*ln2 + (a.hi + a.lo) rounded once.
func addLn2(l *level, e VecVirtual, a dd) VecVirtual {
	eh := l.mul(e, c64(logLn2Hi)) // exact: |e| < 2^11 and ln2Hi has 21 significant bits
	s := l.twoSum(eh, a.hi)
	lo := l.fma(e, l.ld(c64(logLn2Lo)), a.lo)
	return l.add(s.hi, l.add(s.lo, lo))
}

// log1pFixup is logFixup (log.go) with u = +1 left alone: log1p(x) for 1 + x = 1 is x.
const log1pFixup = 0x03530421

// log1pBody computes log(1 + x) of every float64 lane of x.
func log1pBody(l *level, x VecVirtual) VecVirtual {
	u := l.twoSum(l.ld(c64(1)), x)
	m, e := mantExp(l, u.hi)
	lm := logMantDD(l, m)
	lm.lo = l.add(lm.lo, l.div(u.lo, u.hi))
	res := addLn2(l, e, lm)
	if l.wide {
		VFIXUPIMMPD_BCST(U8(0), cbits(log1pFixup), u.hi, res)
	} else {
		res = logSpecials(l, u.hi, res)
	}
	return orSign(l, res, x)
}

// logBaseBody computes log2 (base 2) or log10 (base 10) of every float64 lane of x:
// the double-double log(m) times 1/ln(base) as a double-double, plus e (log2: exact, so
// powers of two give exact integers) or e*log10(2).
func logBaseBody(l *level, x VecVirtual, base int) VecVirtual {
	m, e := mantExp(l, x)
	lm := logMantDD(l, m)
	var res VecVirtual
	if base == 2 {
		inv := fitCoeffs("invLn2DD")
		p := l.mulDDc(lm, inv[0], inv[1])
		s := l.twoSum(e, p.hi)
		res = l.add(s.hi, l.add(s.lo, p.lo))
	} else {
		inv, lg2 := fitCoeffs("invLn10DD"), fitCoeffs("log10Of2DD")
		p := l.mulDDc(lm, inv[0], inv[1])
		eh := l.twoProd(e, c64(lg2[0]))
		s := l.twoSum(eh.hi, p.hi)
		lo := l.fma(e, l.ld(c64(lg2[1])), eh.lo)
		res = l.add(s.hi, l.add(s.lo, l.add(lo, p.lo)))
	}
	return logSpecials(l, x, res)
}
