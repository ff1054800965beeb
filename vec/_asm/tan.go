package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float64 tan: the sin/cos reduction of trig.go (reduce64: |x| = q*pi/2 + hi + lo with
// ~100 bits), sin and cos of hi + lo as double-doubles from the same fdlibm kernels
// (sin = hi - u and cos = w + (e + z*r - hi*lo), each without its final rounding, then
// normalised), and
// tan = sin/cos for even q, -cos/sin for odd q, divided in double-double: one division
// gives 1/den, the quotient t = num*(1/den) is corrected by its exact remainder, and
// only the final addition rounds at full weight. The sign of x and the negation of odd
// quadrants are applied together at the end. Lanes with |x| > trigBound are written
// as x and reported through the return value, as for sin and cos, and the Go wrapper
// recomputes them with the generic Payne-Hanek code.

// tanBody computes tan of every float64 lane of x; big selects the lanes left to Go.
func tanBody(l *level, x VecVirtual) (res VecVirtual, big mask) {
	cr := &constRegs{l: l}
	v := reduce64(l, cr, x, magicRound)
	hi, lo := v.hi, v.lo
	z := l.mul(hi, hi)
	// sin(hi+lo) = hi - u, u = (z*(lo/2 - w*r) - lo) - w*S1, w = z*hi.
	w := l.mul(z, hi)
	t := l.mul(lo, c64(0.5))
	VFNMADD231PD(l.poly(z, nil, 2, sinS[6], sinS[5], sinS[4], sinS[3], sinS[2]), w, t) // lo/2 - w*r
	u := l.fms(z, t, lo)
	l.fnmadd231(c64(sinS[1]), w, u)
	sin := l.fastTwoSum(hi, l.neg(u)) // normalised: the division below needs |lo| <= ulp(hi)
	// cos(hi+lo) = c + (e + (z*r - hi*lo)), c = 1 - z/2, e = (1 - c) - z/2.
	r := l.mul(z, l.poly(z, nil, 2, cosC[6], cosC[5], cosC[4], cosC[3], cosC[2], cosC[1]))
	hz := l.mul(z, c64(0.5))
	c := l.sub(l.ld(c64(1)), hz)
	e := l.sub(l.sub(l.ld(c64(1)), c), hz)
	cos := l.fastTwoSum(c, l.add(e, l.fms(z, r, l.mul(hi, lo))))

	odd := oddLanes64(l, cr, v.qs)
	num := dd{l.blendPD(odd, sin.hi, cos.hi), l.blendPD(odd, sin.lo, cos.lo)}
	den := dd{l.blendPD(odd, cos.hi, sin.hi), l.blendPD(odd, cos.lo, sin.lo)}
	rcp := l.div(l.ld(c64(1)), den.hi)
	q := l.mul(num.hi, rcp) // two roundings: the remainder corrects them
	rem := l.copyv(q)
	VFNMADD213PD(num.hi, den.hi, rem) // num.hi - q*den.hi, exact
	rem = l.add(rem, num.lo)
	l.fnmadd231(q, den.lo, rem) // - q*den.lo
	res = l.fma(rem, rcp, q)
	// Negate odd quadrants, xor the sign of x: bit 0 of qs to the sign bit.
	sg := l.vec()
	VPSLLQ(U8(63), v.qs, sg)
	VXORPD(x, sg, sg)
	l.vop(VANDPD, VANDPD_BCST, cbits(1<<63), sg, sg)
	VXORPD(sg, res, res)
	big = l.cmpPD(cmpGT, v.a, c64(trigBound))
	return l.blendPD(big, res, x), big
}

// genTan64 emits the float64 tan kernel; it returns a nonzero value if some lane was
// beyond trigBound (or infinite) and was left to the caller.
func genTan64(l *level) {
	var flag Register
	emitStream(l, stream{
		name: fname("tan", f64.name, l), sig: "func(dst, x []float64) (fallback int)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 8, unroll: 1,
		setup: func() {
			flag = GP64()
			XORQ(flag, flag)
		},
		body: func(in []VecVirtual) []VecVirtual {
			res, big := tanBody(l, in[0])
			ORQ(l.maskBits(big), flag)
			return []VecVirtual{res}
		},
		finish: func() { Store(flag, ReturnIndex(0)) },
	})
}
