package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Fused float32 dual kernels, for every function that has a fused float64 kernel
// (fused.go and fused_more.go cover float64, and sqrt, recip, mul and div of both
// types). Each value comes from the body of the float32 float kernel that the
// composed rule calls (vec/generic_dual.go), and each local derivative from the same
// float32 operations, in the same order, as the rule, special cases and NaN-safe zero
// tangents (maskedMul) included, so the fused kernel agrees bit for bit with the
// composed kernel of its level. Where the rule computes in float64 (the slope of
// asinh, and parts of hypot's), the fused kernel widens each half of a float32
// vector, runs the same operations there and rounds back (widened32, inF64Halves),
// which is lane for lane what the rule does. Sin, cos, sincos and tan leave the lanes beyond
// trigBound to Go as their float kernels do. Like the float64 kernels, each has a
// streaming variant (emitFused).

// genFused32 emits the fused float32 dual kernels of level l.
func genFused32(l *level) {
	unaryK := func(op string, body func(x VecVirtual) (v, d VecVirtual)) {
		emitFusedUnary(l, f32, op, body)
	}
	recip := func(v VecVirtual) VecVirtual { return recipOf(l, f32, v) }
	narrow := func(x VecVirtual, body func(xw VecVirtual) VecVirtual) VecVirtual {
		return widened32(l, x, func(xw VecVirtual) []VecVirtual { return []VecVirtual{body(xw)} })[0]
	}

	genTrigFused32(l)
	unaryK("dualExp", func(x VecVirtual) (v, d VecVirtual) {
		v = exp32LanesBody(l, x)
		return v, v
	})
	unaryK("dualLog", func(x VecVirtual) (v, d VecVirtual) {
		return log32LanesBody(l, x, baseE), recip(x)
	})
	unaryK("dualExp2", func(x VecVirtual) (v, d VecVirtual) {
		v = exp2LanesBody(l, x)
		return v, l.mul32(v, c32(float32(math.Ln2))) // the scale kernel: v * float32(ln 2)
	})
	for _, k := range []struct {
		op   string
		base log32Base
		ln   float64
	}{{"dualLog2", base2, math.Ln2}, {"dualLog10", base10, math.Ln10}} {
		unaryK(k.op, func(x VecVirtual) (v, d VecVirtual) {
			// 1/(x * float32(ln base))
			return log32LanesBody(l, x, k.base), recip(l.mul32(x, c32(float32(k.ln))))
		})
	}
	genTanFused32(l)

	one := c32(1)
	unaryK("dualExpm1", func(x VecVirtual) (v, d VecVirtual) {
		return expm1LanesBody(l, x), exp32LanesBody(l, x)
	})
	unaryK("dualLog1p", func(x VecVirtual) (v, d VecVirtual) {
		return log1p32LanesBody(l, x), recip(l.add32(x, one))
	})
	// sinh and cosh share their reduction and division (sinhCoshShared).
	unaryK("dualSinh", func(x VecVirtual) (v, d VecVirtual) {
		p := sinhCoshShared(l, x)
		return p.sinh(l, x), p.cosh(l)
	})
	unaryK("dualCosh", func(x VecVirtual) (v, d VecVirtual) {
		p := sinhCoshShared(l, x)
		return p.cosh(l), p.sinh(l, x)
	})
	unaryK("dualTanh", func(x VecVirtual) (v, d VecVirtual) {
		c := sinhCosh32Body(l, x, true)
		return tanh32Body(l, x), recip(l.mul32(c, c)) // 1/cosh²
	})
	unaryK("dualAtan", func(x VecVirtual) (v, d VecVirtual) {
		return atan32LanesBody(l, x), recip(l.add32(l.mul32(x, x), one)) // 1/(1 + x²), x² rounded
	})
	for _, acos := range []bool{false, true} {
		op := "dualAsin"
		if acos {
			op = "dualAcos"
		}
		unaryK(op, func(x VecVirtual) (v, d VecVirtual) {
			// 1/sqrt((1-x)(1+x)), and -1/sqrt(...) for acos; VSQRTPS rounds as the
			// (correctly rounded) sqrt kernel.
			w := l.mul32(op3(l, VSUBPS, x, f32.ldConst(l, one)), l.add32(x, one))
			VSQRTPS(w, w)
			if acos {
				d = op3(l, VDIVPS, w, f32.ldConst(l, c32(-1)))
			} else {
				d = recip(w)
			}
			return asinAcos32LanesBody(l, x, acos), d
		})
	}
	unaryK("dualErf", func(x VecVirtual) (v, d VecVirtual) {
		e := exp32LanesBody(l, f32.neg(l, l.mul32(x, x)))
		return erf32LanesBody(l, x), l.mul32(e, c32(float32(2/math.SqrtPi)))
	})
	unaryK("dualCbrt", func(x VecVirtual) (v, d VecVirtual) {
		v = cbrt32LanesBody(l, x)
		return v, recip(l.mul32(l.mul32(v, c32(3)), v)) // 1/((3*v)*v)
	})
	unaryK("dualAbs", func(x VecVirtual) (v, d VecVirtual) {
		// sign x: +1, -1, 0 at ±0, and x itself (NaN) where no comparison holds.
		d = l.blendPS(l.cmpPS(cmpEQ, x, c32(0)), x, c32(0))
		d = l.blendPS(l.cmpPS(cmpGT, x, c32(0)), d, one)
		d = l.blendPS(l.cmpPS(cmpLT, x, c32(0)), d, c32(-1))
		return f32.abs(l, x), d
	})
	unaryK("dualAsinh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/|x| above 2^26; else 1/sqrt(x² + 1) with x² + 1 in float32 and the root and
		// the quotient in float64, rounded once to float32, as asinhRule.
		ax := f32.abs(l, x)
		w := l.add32(l.mul32(x, x), one)
		slope := narrow(w, func(ww VecVirtual) VecVirtual {
			VSQRTPD(ww, ww)
			return recipOf(l, f64, ww)
		})
		return asinh32LanesBody(l, x), l.blendPS(l.cmpPS(cmpGT, ax, c32(0x1p26)), slope, recip(ax))
	})
	unaryK("dualAcosh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/(sqrt(x-1) sqrt(x+1)); the float32 root of a float32 is the float64 root
		// rounded once, as acoshRule computes it.
		below, above := l.sub32(x, one), l.add32(x, one)
		VSQRTPS(below, below)
		VSQRTPS(above, above)
		return acosh32LanesBody(l, x), recip(l.mul32(below, above))
	})
	unaryK("dualAtanh", func(x VecVirtual) (v, d VecVirtual) {
		// 1/((1-x)(1+x)), and the NaN value itself where |x| > 1.
		v = atanh32LanesBody(l, x)
		d = recip(l.mul32(op3(l, VSUBPS, x, f32.ldConst(l, one)), l.add32(x, one)))
		return v, l.blendPS(l.cmpPS(cmpGT, f32.abs(l, x), one), d, v)
	})

	binaryK := func(op string, body func(a, b VecVirtual) (v, da, db VecVirtual)) {
		emitFused(l, fusedKernel{op: op, t: f32, vouts: []string{"dv"}, vins: []string{"av", "bv"},
			touts: []string{"dd"}, tins: []string{"ad", "bd"},
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
				v, da, db := body(in[0], in[1])
				return []VecVirtual{v}, combined(l, f32, da, db)
			}}, nil)
	}
	for _, isMin := range []bool{true, false} {
		op := "dualMax"
		if isMin {
			op = "dualMin"
		}
		binaryK(op, func(a, b VecVirtual) (v, da, db VecVirtual) {
			v = minMaxOf(l, f32, a, b, isMin)
			da, db = selectedPartialsOf(l, f32, a, b, v)
			return v, da, db
		})
	}
	binaryK("dualAtan2", func(y, x VecVirtual) (v, dy, dx VecVirtual) {
		v = atan2_32LanesBody(l, y, x)
		dy, dx = atan2Partials32(l, y, x)
		return v, dy, dx
	})
	binaryK("dualPow", func(x, y VecVirtual) (v, dx, dy VecVirtual) {
		p := pow32LanesBody(l, x, y)
		logx := log32LanesBody(l, x, baseE) // the log kernel's, as powRule's t.log
		return p, powSlopeX32(l, x, y, p), powSlopeY32(l, x, y, p, logx)
	})
	binaryK("dualHypot", func(x, y VecVirtual) (v, dx, dy VecVirtual) {
		h := hypot32LanesBody(l, x, y)
		dx, dy = hypotPartials32(l, x, y, h)
		return h, dx, dy
	})
}

// powSlopeX32 is powSlopeX (fused_more.go) in float32 lanes: powRule's x partial of
// p = x**y is 0 where y = 0; y*p/x where p is subnormal and x finite with |x| >= 1;
// y*(p/x) where p is normal and finite, x nonzero and p/x finite, and y*p/x where
// p/x overflows; elsewhere y*x**(y-1), the one case that needs a second pow. All but
// y*(p/x) are behind a branch.
func powSlopeX32(l *level, x, y, p VecVirtual) VecVirtual {
	inf := c32(float32(math.Inf(1)))
	div := func(a, b VecVirtual) VecVirtual { return l.bop(VDIVPS, VDIVPS_BCST, a, b) }
	a := abs32(l, p)
	q := div(p, x)
	ordinary := l.maskAnd(l.cmpPS(cmpNEQ, x, c32(0)),
		l.maskAnd(l.cmpPS(cmpGE, a, c32(0x1p-126)), l.cmpPS(cmpLT, a, inf)))
	dx := l.branchAll32(l.maskAnd(ordinary, l.cmpPS(cmpLT, abs32(l, q), inf)), func() VecVirtual {
		return l.mul32(y, q)
	}, func() VecVirtual {
		res := l.mul32(y, pow32LanesBody(l, x, l.add32(y, c32(-1))))
		res = l.blendPS(ordinary, res, l.mul32(y, q))
		over := l.maskAnd(ordinary, l.cmpPS(cmpEQ, abs32(l, q), inf))
		under := l.maskAnd(l.maskAnd(l.cmpPS(cmpNEQ, a, c32(0)), l.cmpPS(cmpLT, a, c32(0x1p-126))),
			l.maskAnd(l.cmpPS(cmpGE, abs32(l, x), c32(1)), l.cmpPS(cmpNEQ, abs32(l, x), inf)))
		return l.blendPS(l.maskOr(under, over), res, div(l.mul32(y, p), x))
	})
	return l.blendPS(l.cmpPS(cmpEQ, y, c32(0)), dx, c32(0))
}

// powSlopeY32 returns powRule's y partial of p = x**y from logx = log(x) (the float32
// log kernel's): logx*p, and 0 where x = 0 and y >= 0 or where x > 0 and p = 0.
func powSlopeY32(l *level, x, y, p, logx VecVirtual) VecVirtual {
	dy := l.mul32(logx, p)
	zeroBase := l.maskAnd(l.cmpPS(cmpEQ, x, c32(0)), l.cmpPS(cmpGE, y, c32(0)))
	vanished := l.maskAnd(l.cmpPS(cmpGT, x, c32(0)), l.cmpPS(cmpEQ, p, c32(0)))
	return l.blendPS(l.maskOr(zeroBase, vanished), dy, c32(0))
}

// hypotPartials32 is hypotPartials (fused_more.go) in float32 lanes: x/h and y/h
// where h is finite and at least 2^-100 (NaN stays NaN); else, in the order of
// hypotRule's switch: both infinite, their signs over sqrt(2); x infinite, its sign
// and 0; y infinite, 0 and its sign; h = 0, both 0; h overflowed or tiny, the ratios
// of float64 copies scaled by 2^∓54 (hypotSlopeScaled), rounded to float32.
func hypotPartials32(l *level, x, y, h VecVirtual) (dx, dy VecVirtual) {
	inf := c32(float32(math.Inf(1)))
	div := func(a, b VecVirtual) VecVirtual { return l.bop(VDIVPS, VDIVPS_BCST, a, b) }
	ordinary := l.maskAnd(l.cmpPS(cmpGE, h, c32(0x1p-100)), l.cmpPS(cmpLT, h, inf))
	return l.branchAllPair(ordinary, true, func() (VecVirtual, VecVirtual) {
		return div(x, h), div(y, h)
	}, func() (VecVirtual, VecVirtual) {
		// The scaled ratios in float64 halves, one output at a time (this path is
		// for special vectors only).
		ratio := func(which int) VecVirtual {
			return inF64Halves(l, []VecVirtual{x, y, h}, func(in []VecVirtual) VecVirtual {
				sx, sy := hypotSlopeScaled(l, in[0], in[1], l.cmpPD(cmpEQ, in[2], c64(math.Inf(1))))
				return []VecVirtual{sx, sy}[which]
			})
		}
		sx, sy := ratio(0), ratio(1)
		rescale := l.maskOr(l.cmpPS(cmpEQ, h, inf), l.cmpPS(cmpLT, h, c32(0x1p-100)))
		dx := l.blendPS(rescale, div(x, h), sx)
		dy := l.blendPS(rescale, div(y, h), sy)
		origin := l.cmpPS(cmpEQ, h, c32(0))
		dx, dy = l.blendPS(origin, dx, c32(0)), l.blendPS(origin, dy, c32(0))
		xInf, yInf := l.cmpPS(cmpEQ, abs32(l, x), inf), l.cmpPS(cmpEQ, abs32(l, y), inf)
		dx, dy = l.blendPS(yInf, dx, c32(0)), l.blendPS(yInf, dy, orSign32(l, c32(1), y))
		dx, dy = l.blendPS(xInf, dx, orSign32(l, c32(1), x)), l.blendPS(xInf, dy, c32(0))
		both := l.maskAnd(xInf, yInf)
		dx = l.blendPS(both, dx, orSign32(l, c32(float32(math.Sqrt2/2)), x))
		dy = l.blendPS(both, dy, orSign32(l, c32(float32(math.Sqrt2/2)), y))
		return dx, dy
	})
}

// orSign32 returns the positive constant c with the sign of each float32 lane of x.
func orSign32(l *level, c Mem, x VecVirtual) VecVirtual {
	sg := l.vec()
	l.vop(VANDPS, VANDPS_BCST, cbits32(1<<31), x, sg)
	l.vop(VORPS, VORPS_BCST, c, sg, sg)
	return sg
}

// genTanFused32 emits the fused float32 tan: the lanes tan32Body leaves to Go (beyond
// trigBound, and infinities) get the local derivative 1 and are reported through the
// fallback result; the Go fix-up (fusedTan, fixTan) recomputes their values from x and
// scales the input tangents that their columns then hold.
func genTanFused32(l *level) {
	var flag Register
	emitFused(l, fusedKernel{op: "dualTan", t: f32, vouts: []string{"dv"}, vins: []string{"xv"},
		touts: []string{"dd"}, tins: []string{"xd"}, fallback: true,
		body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
			x := in[0]
			v := tan32Body(l, &constRegs{l: l}, x, flag)
			big := l.cmpPS(cmpGT, abs32(l, x), c32(trigBound))
			d := l.add32(l.mul32(v, v), c32(1)) // 1 + tan², the square rounded (tanSlope)
			return []VecVirtual{v}, scaled(l, f32, l.blendPS(big, d, c32(1)))
		}}, &flag)
}

// selectedPartialsOf returns the partials of v = min(a, b) or max(a, b) of t's lanes
// as selectPartials: (1, 0) where v is a only, (0, 1) where v is b only, (0.5, 0.5) at
// a tie, and (v, v), NaN, where v is neither.
func selectedPartialsOf(l *level, t *ftype, a, b, v VecVirtual) (da, db VecVirtual) {
	isA, isB := t.compare(l, cmpEQ, a, v), t.compare(l, cmpEQ, b, v)
	both := l.maskAnd(isA, isB)
	pick := func(m mask, v VecVirtual, c float64) VecVirtual { return t.blend(l, m, v, t.constOf(c)) }
	da = pick(both, pick(isA, pick(isB, v, 0), 1), 0.5)
	db = pick(both, pick(isB, pick(isA, v, 0), 1), 0.5)
	return da, db
}

// atan2Partials32 returns atan2Rule's partials of atan2(y, x) in float32 lanes: with
// h = max(|y|, |x|) (NaN if either is), a = y/h and b = x/h, inv = 1/(h*(a² + b²)),
// dy = b*inv and dx = -a*inv; both 0 where h = 0 or an argument is infinite.
func atan2Partials32(l *level, y, x VecVirtual) (dy, dx VecVirtual) {
	ay, ax := f32.abs(l, y), f32.abs(l, x)
	h := l.vec()
	VMAXPS(ax, ay, h)
	h = l.blendPS(l.cmpPS(cmpUNORD, ax, ay), h, l.add32(ay, ax)) // Go's max: NaN wins
	inf := c32(float32(math.Inf(1)))
	zero := l.maskOr(l.cmpPS(cmpEQ, h, c32(0)), l.maskOr(l.cmpPS(cmpEQ, ay, inf), l.cmpPS(cmpEQ, ax, inf)))
	a, b := l.bop(VDIVPS, VDIVPS_BCST, y, h), l.bop(VDIVPS, VDIVPS_BCST, x, h)
	// sc is 2^64 where h < 2^-100, else 1 (see atan2Rule).
	sc := l.blendPS(l.cmpPS(cmpLT, h, c32(0x1p-100)), l.ld32(c32(1)), c32(0x1p64))
	inv := recipOf(l, f32, l.mul32(l.mul32(h, sc), l.add32(l.mul32(a, a), l.mul32(b, b))))
	dy = l.blendPS(zero, l.mul32(l.mul32(b, inv), sc), c32(0))
	dx = l.blendPS(zero, l.mul32(l.mul32(f32.neg(l, a), inv), sc), c32(0))
	return dy, dx
}

// genTrigFused32 emits the fused float32 sin, cos and sincos. The composed rules take
// both values from the sincos kernel (trig32BothBody), whose far path leaves the lanes
// beyond trigBound (and infinities) to Go holding x; there the fused kernels keep x as
// the value and 1 as the local derivative, so each tangent column holds the input
// tangent for the Go fix-up fixTrig, and report those lanes through the fallback
// result, as the float64 kernels of fused.go.
func genTrigFused32(l *level) {
	var flag Register
	trig := func(x VecVirtual) (sin, cos VecVirtual, big mask) {
		// Constants stay in memory, as in the float64 fused trig kernels: the tangent
		// loop needs the registers.
		sin, cos = trig32BothBody(l, &constRegs{l: l}, x, flag)
		big = l.cmpPS(cmpGT, abs32(l, x), c32(trigBound))
		return sin, cos, big
	}
	one := c32(1)
	trigK := func(op string, outs []string, body func(x VecVirtual) ([]VecVirtual, tangentFunc)) {
		var touts []string
		for _, o := range outs {
			touts = append(touts, o[:1]+"d")
		}
		emitFused(l, fusedKernel{op: op, t: f32, vouts: outs, vins: []string{"xv"}, touts: touts,
			tins: []string{"xd"}, fallback: true,
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) { return body(in[0]) }}, &flag)
	}
	trigK("dualSin", []string{"dv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		s, c, big := trig(x)
		return []VecVirtual{s}, scaled(l, f32, l.blendPS(big, c, one))
	})
	trigK("dualCos", []string{"dv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		s, c, big := trig(x)
		return []VecVirtual{c}, scaled(l, f32, l.blendPS(big, f32.neg(l, s), one))
	})
	trigK("dualSincos", []string{"sv", "cv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		s, c, big := trig(x)
		ds := l.blendPS(big, c, one)
		dc := l.blendPS(big, f32.neg(l, s), one)
		return []VecVirtual{s, c}, func(t []VecVirtual) []VecVirtual {
			return []VecVirtual{maskedMul(l, f32, ds, t[0]), maskedMul(l, f32, dc, t[0])}
		}
	})
}
