package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Log: x = 2^e * m with m in [sqrt(2)/2, sqrt(2)), f = m - 1, s = f/(2+f), and
// log(m) = f - f^2/2 + s*(f^2/2 + R(s^2)) with the classic fdlibm minimax polynomial R
// (coefficients Lg1..Lg7, |error| < 2^-58.45 on the interval), then
// log(x) = e*ln2hi - ((f^2/2 - (s*(f^2/2+R) + e*ln2lo)) - f) where e*ln2hi is exact
// (ln2hi has 32 trailing zero bits). The exponent and mantissa come from VGETEXPPD and
// VGETMANTPD on AVX-512 (subnormals included) and from the bit pattern on AVX2 (a
// subnormal is first scaled by 2^52). Special lanes are patched at the end:
// log(+Inf) = +Inf, log(±0) = -Inf, log(x<0) = NaN, log(NaN) = NaN.

const (
	logLn2Hi = 6.93147180369123816490e-01 // 0x3fe62e42fee00000
	logLn2Lo = 1.90821492927058770002e-10 // 0x3dea39ef35793c76
)

// fdlibm's log polynomial: R(z) = Lg1*z + Lg2*z^2 + ... + Lg7*z^7, z = s^2.
var logLg = [8]float64{0,
	6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
	2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
	1.479819860511658591e-01,
}

// Comparison predicate "not greater or equal" (true for NaN), quiet.
const cmpNGEUQ = 0x19

// logBody computes log of every float64 lane of x.
func logBody(l *level, x VecVirtual) VecVirtual {
	m, e := mantExp(l, x)
	f := l.sub(m, c64(1))
	s := l.div(f, l.add(f, c64(2)))
	z := l.mul(s, s)
	w := l.mul(z, z)
	t1 := l.mul(w, l.poly(w, nil, 2, logLg[6], logLg[4], logLg[2]))
	t2 := l.mul(z, l.poly(w, nil, 2, logLg[7], logLg[5], logLg[3], logLg[1]))
	r := l.add(t2, t1)
	hfsq := l.mul(l.mul(f, f), c64(0.5))
	a := l.fma(s, l.add(hfsq, r), l.mul(e, c64(logLn2Lo))) // s*(hfsq+R) + e*ln2lo
	b := l.sub(l.sub(hfsq, a), f)
	res := l.fms(e, l.ld(c64(logLn2Hi)), b) // e*ln2hi - b
	return logSpecials(l, x, res)
}

// mantExp splits positive x into m in [sqrt(2)/2, sqrt(2)) and e with x = m * 2^e (e as
// a float64). Subnormal x is scaled by 2^52 first on AVX2; AVX-512's VGETEXPPD and
// VGETMANTPD handle it natively.
func mantExp(l *level, x VecVirtual) (m, e VecVirtual) {
	if l.wide {
		m, e = l.vec(), l.vec()
		VGETMANTPD(U8(0), x, m) // m in [1, 2), sign of x (patched below)
		VGETEXPPD(x, e)
		big := l.cmpPD(cmpGT, m, c64(math.Sqrt2))
		VMULPD_BCST(c64(0.5), m, big.k, m)
		VADDPD_BCST(c64(1), e, big.k, e)
	} else {
		tiny := l.cmpPD(cmpLT, x, c64(0x1p-1022))
		xs := l.blendPD(tiny, x, l.mul(x, c64(0x1p52)))
		bias := l.blendPD(tiny, l.ld(c64(-1023)), l.ld(c64(-1023-52)))
		// Biased exponent field as a double: (bits>>52) | 2^52 bits, minus 2^52.
		eb := l.vec()
		VPSRLQ(U8(52), xs, eb)
		VPOR(cbits(math.Float64bits(0x1p52)), eb, eb)
		e = l.add(l.sub(eb, c64(0x1p52)), bias)
		m = l.vec()
		VANDPD(cbits(1<<52-1), xs, m)
		VORPD(c64(1), m, m)
		big := l.cmpPD(cmpGT, m, c64(math.Sqrt2))
		m = l.blendPD(big, m, l.mul(m, c64(0.5)))
		e = l.blendPD(big, e, l.add(e, c64(1)))
	}
	return m, e
}

// logFixup is the VFIXUPIMMPD table for log: by class of x, QNaN -> x, SNaN -> QNaN(x),
// ±0 -> -Inf, +1 -> +0, -Inf -> NaN, +Inf -> +Inf, negative -> NaN, positive -> keep.
const logFixup = 0x03538421

// logSpecials patches the special lanes of a log result.
func logSpecials(l *level, x, res VecVirtual) VecVirtual {
	if l.wide {
		VFIXUPIMMPD_BCST(U8(0), cbits(logFixup), x, res)
		return res
	}
	res = l.blendPD(l.cmpPD(cmpEQ, x, c64(math.Inf(1))), res, l.ld(c64(math.Inf(1))))
	res = l.blendPD(l.cmpPD(cmpEQ, x, c64(0)), res, l.ld(c64(math.Inf(-1))))
	return l.blendPD(l.cmpPD(cmpNGEUQ, x, c64(0)), res, l.ld(c64(math.NaN())))
}

// genLog emits log for float64 and float32 (float32 lanes, log32.go), and log2 and
// log10 for float32.
func genLog(l *level) {
	emitStream(l, stream{
		name: fname("log", f64.name, l), sig: "func(dst, x []float64)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 8, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{logBody(l, in[0])} },
	})
	for _, base := range []log32Base{baseE, base2, base10} {
		name := "log"
		if base != baseE {
			name = fmt.Sprintf("log%d", base)
		}
		emitStream(l, stream{
			name: fname(name, f32.name, l), sig: "func(dst, x []float32)",
			ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{log32LanesBody(l, in[0], base)} },
		})
	}
}
