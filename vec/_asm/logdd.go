package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Log as a double-double, for log1p and the float64 log2 and log10 (whose last
// multiplication would otherwise add a rounding): x = 2^e * m with m in
// [sqrt(2)/2, sqrt(2)) (mantExp), f = m - 1 (exact), s = f/(2+f) and
// log(m) = f - f^2/2 + s*(f^2/2 + R(s^2)) with R the fit logPoly of internal/libm/coeffs.go.
// f^2 is split exactly by an FMA, so log(m) comes out as hi + lo to about 2^-70
// relative; e*ln2 is exact in its high part (ln2Hi of log.go has 32 trailing zero
// bits), and only the final addition rounds at full weight. Measured errors stay
// below 0.55 ULP, like the generic level, which uses the same formulas (but for the
// last steps of log2 and log10; see logBaseOf).
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
// powers of two give exact integers) or e*log10(2). On AVX2, where splitting a
// subnormal and patching the special lanes take a dozen instructions, vectors of
// normal positive finite lanes only (the usual case) take a shorter path without them.
func logBaseBody(l *level, x VecVirtual, base int) VecVirtual {
	if l.wide {
		m, e := mantExp(l, x)
		return logSpecials(l, x, logBaseOf(l, m, e, base))
	}
	normal := l.maskAnd(l.cmpPD(cmpGE, x, c64(0x1p-1022)), l.cmpPD(cmpLT, x, c64(math.Inf(1))))
	return l.branchAll(normal, func() VecVirtual {
		m, e := mantExpNormal(l, x)
		return logBaseOf(l, m, e, base)
	}, func() VecVirtual {
		m, e := mantExpAny(l, x)
		return logSpecials(l, x, logBaseOf(l, m, e, base))
	})
}

// mantExpAny is mantExp (log.go) for any positive x, with the split of mantExpNormal
// on AVX2 after scaling subnormals by 2^52, so that a normal lane gets the same m and
// e as from mantExpNormal, whatever its neighbours.
func mantExpAny(l *level, x VecVirtual) (m, e VecVirtual) {
	if l.wide {
		return mantExp(l, x)
	}
	tiny := l.cmpPD(cmpLT, x, c64(0x1p-1022))
	m, e = mantExpNormal(l, l.blendPD(tiny, x, l.mul(x, c64(0x1p52))))
	return m, l.blendPD(tiny, e, l.sub(e, c64(52)))
}

// logBaseOf returns log2 or log10 of m * 2^e, m in [sqrt(2)/2, sqrt(2)).
func logBaseOf(l *level, m, e VecVirtual, base int) VecVirtual {
	lm := logMantDD(l, m)
	if base == 2 {
		// As for log10 below, the product's low part joins the sum without first being
		// renormalized against its high part (internal/libm's Log2 renormalizes): the
		// final additions round it once anyway, and without those three operations the
		// kernel ran 20% faster on Zen 5 (avx512 0.95 to 0.75 ns/element, avx2 1.78 to
		// 1.43; bench/results/2026-11-27-s14-log2.txt) with the same largest error
		// (0.600 ulp on vec's reference points, TestULPTable, as before).
		inv := fitCoeffs("invLn2DD")
		p := l.twoProd(lm.hi, c64(inv[0]))
		plo := l.fma(lm.lo, l.ld(c64(inv[0])), l.fma(lm.hi, l.ld(c64(inv[1])), p.lo))
		s := l.fastTwoSum(e, p.hi) // |e| >= 1 > |log2 m|, or e = 0
		return l.add(s.hi, l.add(s.lo, plo))
	}
	// e*log10(2) = e*lgHi + e*lgLo with e*lgHi exact, and |e*lgHi| > |log10 m| when e
	// is not 0: one fast two-sum adds the product's high part to it.
	inv, lg2 := fitCoeffs("invLn10DD"), fitCoeffs("log10Of2DD")
	lgHi := math.Float64frombits(math.Float64bits(lg2[0]) &^ (1<<32 - 1)) // 21 bits
	lgLo := (lg2[0] - lgHi) + lg2[1]
	p := l.twoProd(lm.hi, c64(inv[0]))
	plo := l.fma(lm.lo, l.ld(c64(inv[0])), l.fma(lm.hi, l.ld(c64(inv[1])), p.lo))
	s := l.fastTwoSum(l.mul(e, c64(lgHi)), p.hi)
	return l.add(s.hi, l.add(s.lo, l.fma(e, l.ld(c64(lgLo)), plo)))
}

// mantExpNormal is mantExp (log.go) for positive, normal, finite x on AVX2, from the
// exponent field E of x*sqrt(2): e = E - 1023 and m = x / 2^e, by subtracting e from
// the exponent field of x. (x*sqrt(2) rounds, so m may leave the interval by an ulp.)
func mantExpNormal(l *level, x VecVirtual) (m, e VecVirtual) {
	eb := l.vec()
	VANDPD(cbits(0x7ff<<52), l.mul(x, c64(math.Sqrt2)), eb)
	m = l.vec()
	VPSUBQ(cbits(0x3ff<<52), eb, m) // e << 52
	VPSUBQ(m, x, m)
	// e as a float64: E | 2^52 bits, minus 2^52 + 1023.
	VPSRLQ(U8(52), eb, eb)
	VPOR(cbits(math.Float64bits(0x1p52)), eb, eb)
	return m, l.sub(eb, c64(0x1p52+1023))
}
