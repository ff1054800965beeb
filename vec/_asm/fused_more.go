package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Fused float64 dual kernels for the functions fused.go leaves out: pow, min, max,
// abs, atan2, hypot, tan, exp2, log2, log10, asinh, acosh and atanh. Each computes the
// value with the body of its float kernel and the local partials with the same IEEE
// operations, in the same order, as its rule in vec/generic_dual.go (powRule,
// selectPartials, absRule, atan2Rule, hypotRule, tanRule, ...), special cases and
// NaN-safe zero tangents included, so that it agrees bit for bit with the composed
// kernel of its level. Where a rule branches on a lane's class, every lane computes
// every candidate and the blends apply the cases in reverse order of the rule's
// switch, so the first matching case wins; candidates that only special lanes need
// sit behind a whole-vector branch (branch.go) that ordinary vectors skip.

// genFusedMore emits the kernels of this file for level l.
func genFusedMore(l *level) {
	unaryK := func(op string, body func(x VecVirtual) (v, d VecVirtual)) {
		emitFusedUnary(l, f64, op, body)
	}
	binaryK := func(op string, body func(a, b VecVirtual) (v, da, db VecVirtual)) {
		emitFused(l, fusedKernel{op: op, t: f64, vouts: []string{"dv"}, vins: []string{"av", "bv"},
			touts: []string{"dd"}, tins: []string{"ad", "bd"},
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
				v, da, db := body(in[0], in[1])
				return []VecVirtual{v}, combined(l, f64, da, db)
			}}, nil)
	}
	recip := func(v VecVirtual) VecVirtual { return recipOf(l, f64, v) }

	binaryK("dualPow", func(x, y VecVirtual) (v, dx, dy VecVirtual) {
		p := powBody(l, x, y)
		return p, powSlopeX(l, x, y, p), powSlopeY(l, x, y, p)
	})
	for _, isMin := range []bool{true, false} {
		op := "dualMax"
		if isMin {
			op = "dualMin"
		}
		binaryK(op, func(a, b VecVirtual) (v, da, db VecVirtual) {
			v = minMaxOf(l, f64, a, b, isMin)
			da, db = selectedPartialsOf(l, f64, a, b, v)
			return v, da, db
		})
	}
	unaryK("dualAbs", func(x VecVirtual) (v, d VecVirtual) {
		// sign x: +1, -1, 0 at ±0, and x itself (NaN) where no comparison holds.
		d = l.pickC(l.cmpPD(cmpEQ, x, c64(0)), x, 0)
		d = l.pickC(l.cmpPD(cmpGT, x, c64(0)), d, 1)
		d = l.pickC(l.cmpPD(cmpLT, x, c64(0)), d, -1)
		return f64.abs(l, x), d
	})
	binaryK("dualAtan2", func(y, x VecVirtual) (v, dy, dx VecVirtual) {
		v = atan2Body(l, y, x)
		dy, dx = atan2Partials(l, y, x)
		return v, dy, dx
	})
	binaryK("dualHypot", func(x, y VecVirtual) (v, dx, dy VecVirtual) {
		h := hypotBody(l, x, y)
		dx, dy = hypotPartials(l, x, y, h)
		return h, dx, dy
	})

	// Tan leaves the lanes beyond trigBound (and infinities) to Go as the float
	// kernel does: the value is x itself and the local derivative 1, so each tangent
	// column holds the input tangent for the Go fix-up (vec/fused_amd64.go) to scale.
	var flag Register
	emitFused(l, fusedKernel{op: "dualTan", t: f64, vouts: []string{"dv"}, vins: []string{"xv"},
		touts: []string{"dd"}, tins: []string{"xd"}, fallback: true,
		body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
			v, big := tanBody(l, in[0])
			ORQ(l.maskBits(big), flag)
			d := l.add(l.mul(v, v), c64(1)) // 1 + tan²
			return []VecVirtual{v}, scaled(l, f64, l.pickC(big, d, 1))
		}}, &flag)

	unaryK("dualExp2", func(x VecVirtual) (v, d VecVirtual) {
		v = exp2Body(l, x)
		return v, l.mul(v, c64(math.Ln2))
	})
	unaryK("dualLog2", func(x VecVirtual) (v, d VecVirtual) {
		return logBaseBody(l, x, 2), recip(l.mul(x, c64(math.Ln2)))
	})
	unaryK("dualLog10", func(x VecVirtual) (v, d VecVirtual) {
		return logBaseBody(l, x, 10), recip(l.mul(x, c64(math.Ln10)))
	})
	unaryK("dualAsinh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/|x| above 2^26, else 1/sqrt(x² + 1): one division of the chosen root.
		ax := f64.abs(l, x)
		root := l.add(l.mul(x, x), c64(1))
		VSQRTPD(root, root)
		return asinhBody(l, x), recip(l.blendPD(l.cmpPD(cmpGT, ax, c64(0x1p26)), root, ax))
	})
	unaryK("dualAcosh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/(sqrt(x-1) sqrt(x+1))
		below, above := l.sub(x, c64(1)), l.add(x, c64(1))
		VSQRTPD(below, below)
		VSQRTPD(above, above)
		return acoshBody(l, x), recip(l.mul(below, above))
	})
	unaryK("dualAtanh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/((1-x)(1+x)), and the NaN value itself where |x| > 1.
		v = atanhBody(l, x)
		d = recip(l.mul(op3(l, VSUBPD, x, l.ld(c64(1))), l.add(x, c64(1))))
		return v, l.blendPD(l.cmpPD(cmpGT, f64.abs(l, x), c64(1)), d, v)
	})
}

// powSlopeX returns powRule's x partial of p = x**y: 0 where y = 0; y*p/x where p is
// subnormal and x finite with |x| >= 1 (keeping the bits x**(y-1), smaller
// still, would lose to underflow); y*(p/x) where p is normal and finite, x nonzero and p/x finite, and
// y*p/x where p/x overflows; elsewhere y*x**(y-1), the one case that needs a second
// pow. All but y*(p/x) are behind a branch.
func powSlopeX(l *level, x, y, p VecVirtual) VecVirtual {
	inf := c64(math.Inf(1))
	a := f64.abs(l, p)
	q := l.div(p, x)
	ordinary := l.maskAnd(l.cmpPD(cmpNEQ, x, c64(0)),
		l.maskAnd(l.cmpPD(cmpGE, a, c64(0x1p-1022)), l.cmpPD(cmpLT, a, inf)))
	dx := l.branchAll(l.maskAnd(ordinary, l.cmpPD(cmpLT, f64.abs(l, q), inf)), func() VecVirtual {
		return l.mul(y, q)
	}, func() VecVirtual {
		res := l.mul(y, powBody(l, x, l.add(y, c64(-1))))
		res = l.blendPD(ordinary, res, l.mul(y, q))
		over := l.maskAnd(ordinary, l.cmpPD(cmpEQ, f64.abs(l, q), inf))
		under := l.maskAnd(l.maskAnd(l.cmpPD(cmpNEQ, a, c64(0)), l.cmpPD(cmpLT, a, c64(0x1p-1022))),
			l.maskAnd(l.cmpPD(cmpGE, f64.abs(l, x), c64(1)), l.cmpPD(cmpNEQ, f64.abs(l, x), inf)))
		return l.blendPD(l.maskOr(under, over), res, l.div(l.mul(y, p), x))
	})
	return l.pickC(l.cmpPD(cmpEQ, y, c64(0)), dx, 0)
}

// powSlopeY returns powRule's y partial of p = x**y: log(x)*p, and 0 where x = 0 and
// y >= 0 or where x > 0 and p = 0 (the limit rather than 0·Inf).
func powSlopeY(l *level, x, y, p VecVirtual) VecVirtual {
	dy := l.mul(logBody(l, x), p)
	zeroBase := l.maskAnd(l.cmpPD(cmpEQ, x, c64(0)), l.cmpPD(cmpGE, y, c64(0)))
	vanished := l.maskAnd(l.cmpPD(cmpGT, x, c64(0)), l.cmpPD(cmpEQ, p, c64(0)))
	return l.pickC(l.maskOr(zeroBase, vanished), dy, 0)
}

// atan2Partials returns atan2Rule's partials of atan2(y, x): with h = max(|y|, |x|)
// (NaN if either is), a = y/h and b = x/h, inv = 1/(h*(a² + b²)), dy = b*inv and
// dx = -a*inv (h and the partials scaled by 2^600 where h < 2^-1000, so that inv
// does not overflow); both 0 where h = 0 or an argument is infinite.
func atan2Partials(l *level, y, x VecVirtual) (dy, dx VecVirtual) {
	ay, ax := f64.abs(l, y), f64.abs(l, x)
	h := l.vec()
	VMAXPD(ax, ay, h)
	h = l.blendPD(l.cmpPD(cmpUNORD, ax, ay), h, l.add(ay, ax)) // Go's max: NaN wins
	inf := c64(math.Inf(1))
	zero := l.maskOr(l.cmpPD(cmpEQ, h, c64(0)), l.maskOr(l.cmpPD(cmpEQ, ay, inf), l.cmpPD(cmpEQ, ax, inf)))
	a, b := l.div(y, h), l.div(x, h)
	// sc is 2^600 where h < 2^-1000, else 1 (see atan2Rule).
	sc := l.blendPD(l.cmpPD(cmpLT, h, c64(0x1p-1000)), l.ld(c64(1)), c64(0x1p600))
	inv := recipOf(l, f64, l.mul(l.mul(h, sc), l.add(l.mul(a, a), l.mul(b, b))))
	dy = l.pickC(zero, l.mul(l.mul(b, inv), sc), 0)
	dx = l.pickC(zero, l.mul(l.mul(f64.neg(l, a), inv), sc), 0)
	return dy, dx
}

// hypotPartials returns hypotRule's partials of h = hypot(x, y): x/h and y/h where h is
// finite and at least 2^-100 (NaN stays NaN); else, in the order of the rule's switch
// (the first case wins): both infinite, their signs over sqrt(2); x infinite, its sign
// and 0; y infinite, 0 and its sign; h = 0, both 0; h overflowed or tiny, the ratios of
// copies scaled by 2^∓54 (hypotSlopeScaled).
func hypotPartials(l *level, x, y, h VecVirtual) (dx, dy VecVirtual) {
	inf := c64(math.Inf(1))
	ordinary := l.maskAnd(l.cmpPD(cmpGE, h, c64(0x1p-100)), l.cmpPD(cmpLT, h, inf))
	return l.branchAllPair(ordinary, false, func() (VecVirtual, VecVirtual) {
		return l.div(x, h), l.div(y, h)
	}, func() (VecVirtual, VecVirtual) {
		over := l.cmpPD(cmpEQ, h, inf)
		sx, sy := hypotSlopeScaled(l, x, y, over)
		rescale := l.maskOr(over, l.cmpPD(cmpLT, h, c64(0x1p-100)))
		dx := l.blendPD(rescale, l.div(x, h), sx)
		dy := l.blendPD(rescale, l.div(y, h), sy)
		origin := l.cmpPD(cmpEQ, h, c64(0))
		dx, dy = l.pickC(origin, dx, 0), l.pickC(origin, dy, 0)
		xInf, yInf := l.cmpPD(cmpEQ, f64.abs(l, x), inf), l.cmpPD(cmpEQ, f64.abs(l, y), inf)
		dx, dy = l.pickC(yInf, dx, 0), l.blendPD(yInf, dy, orSign(l, l.ld(c64(1)), y))
		dx, dy = l.blendPD(xInf, dx, orSign(l, l.ld(c64(1)), x)), l.pickC(xInf, dy, 0)
		both := l.maskAnd(xInf, yInf)
		dx = l.blendPD(both, dx, orSign(l, l.ld(c64(math.Sqrt2/2)), x))
		dy = l.blendPD(both, dy, orSign(l, l.ld(c64(math.Sqrt2/2)), y))
		return dx, dy
	})
}

// hypotSlopeScaled returns xs/hs and ys/hs for xs, ys = x, y scaled by 2^-54 (lanes
// of down) or 2^54 and hs = hypot(xs, ys), with the operations of the generic hypot64,
// for finite x, y, not both zero, as the Go function of the same name.
func hypotSlopeScaled(l *level, x, y VecVirtual, down mask) (sx, sy VecVirtual) {
	s := l.pickC(down, l.ld(c64(0x1p54)), 0x1p-54)
	xs, ys := l.mul(x, s), l.mul(y, s)
	hs := hypotFinite(l, xs, ys)
	return l.div(xs, hs), l.div(ys, hs)
}

// hypotFinite computes hypot(x, y) with the operations of the generic hypot64 for
// finite x and y, not both zero, whose result is normal: with p = max(|x|, |y|)
// (scaled by 2^60 below 2^-1000) = 2^e m, the squares of p and q = min(|x|, |y|)
// scaled by 2^-e as double-doubles, summed as (sl + al) + bl, the double-double root,
// and the scaling back, each scaling one rounded multiplication. (hypotBody sums
// sl + (al + bl) and scales in two steps on AVX2, which may differ in the last bit.)
func hypotFinite(l *level, x, y VecVirtual) VecVirtual {
	_, _, p, q, e, bias := hypotSplit(l, x, y)
	ne := l.neg(e)
	ps, qs := mulPow2(l, p, ne), mulPow2(l, q, ne)
	a := l.twoProd(ps, ps)
	b := l.twoProd(qs, qs)
	s := l.fastTwoSum(a.hi, b.hi)
	r := sqrtDD(l, s.hi, l.add(l.add(s.lo, a.lo), b.lo))
	return mulPow2(l, l.add(r.hi, r.lo), l.add(e, bias))
}

// mulPow2 returns v * 2^n, rounded once, for integer-valued lanes n in [-1022, 1023]:
// VSCALEFPD on AVX-512; on AVX2 one multiplication by 2^n built in the exponent field.
func mulPow2(l *level, v, n VecVirtual) VecVirtual {
	if l.wide {
		d := l.vec()
		VSCALEFPD(n, v, d)
		return d
	}
	pw := l.add(n, c64(magicRound)) // low 32 bits: n as an int32
	VPADDD(cbits(1023), pw, pw)
	VPSLLQ(U8(52), pw, pw)
	return l.mul(v, pw)
}

// pairLabels numbers the labels of branchAllPair.
var pairLabels int

// branchAllPair is branchAllLanes (branch.go) for computations with two results.
func (l *level) branchAllPair(m mask, lanes32 bool, fast, general func() (VecVirtual, VecVirtual)) (VecVirtual, VecVirtual) {
	r1, r2 := l.vec(), l.vec()
	slow := l.jumpUnlessAll(m, lanes32)
	a, b := fast()
	VMOVAPD(a, r1)
	VMOVAPD(b, r2)
	pairLabels++
	done := fmt.Sprintf("pairdone%d", pairLabels)
	JMP(LabelRef(done))
	Label(slow)
	a, b = general()
	VMOVAPD(a, r1)
	VMOVAPD(b, r2)
	Label(done)
	return r1, r2
}
