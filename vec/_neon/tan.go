package main

import "math"

// Tan, float64, as the generic tan64 for |x| < 2^20: the Cody-Waite reduction with
// pi/2 in four parts (three of 33 bits, so k times each is exact) gives x = k pi/2 + r
// with r = rh + rl a double-double, sinDD and cosDD of the generic level give sin r
// and cos r as double-doubles (leading terms in double-double, polynomial tails in
// float64), and tan is their quotient with an FMA remainder step; odd k takes
// -cos/sin. It runs on |x| and flips the sign bit at the end (tan is odd and the
// reduction symmetric). Lanes with |x| >= 2^20, infinities and NaN are left to the Go
// wrapper (Payne-Hanek). The body needs 15 registers, so the stream is wide.

const tanCWLimit = 0x1p20 // internal/libm/reduce.go cwLimit

func tanF64() stream {
	cw, m6 := coef("pio2CW"), coef("minusSixthDD")
	sp, spn := memPoly("s", coef("sinPoly")[1:])
	cp, cpn := memPoly("c", coef("cosPoly"))
	ks := []konst{
		kb("magic", magicRound), kb("one", 1), kb("bound", tanCWLimit), kbits("int1", 1), kbits("sign", 1<<63),
		kf("twoOverPi", 2/math.Pi), kf("p0", cw[0]), kf("p1", cw[1]), kf("p2", cw[2]), kf("p3", cw[3]),
		kf("half", 0.5), kf("m6", m6[0]), kf("m6Lo", m6[1]),
	}
	ks = append(append(ks, sp...), cp...)
	return stream{name: "tan", flag: true, left: "|x| >= 2^20 (Payne-Hanek), ±Inf, NaN", wide: true, consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		T := c.tmp
		one, magic := k.vec("one"), k.vec("magic")
		c.emit(
			facgt(ar, T[0], k.vec("bound"), x),
			orn16b(vFlag, vFlag, T[0]), // lanes left to the wrapper
			fabs(ar, T[0], x),
			c.mulK(T[1], T[0], "twoOverPi"),
			fadd(ar, T[1], T[1], magic), // k in the low bits (rounded to even)
			fsub(ar, T[2], T[1], magic), // k
			c.mulSubK(T[0], T[2], "p0"), // a = |x| - k P0, exact
			c.mulK(T[3], T[2], "p1"),    // exact
			fneg(ar, T[3], T[3]),
		)
		twoSum(c, T[4], T[5], T[0], T[3], T[6])
		c.emit(
			c.mulK(T[3], T[2], "p2"), // exact
			fneg(ar, T[3], T[3]),
		)
		twoSum(c, T[0], T[6], T[4], T[3], T[7])
		c.emit(
			fadd(ar, T[5], T[5], T[6]),
			c.mulSubK(T[5], T[2], "p3"),
		)
		fastTwoSum(c, T[3], T[4], T[0], T[5]) // r = rh + rl
		c.emit(
			fmul(ar, T[0], T[3], T[3]), // zh
			fneg(ar, T[2], T[0]),
			fmla(ar, T[2], T[3], T[3]),
			fadd(ar, T[5], T[3], T[3]),
			fmla(ar, T[2], T[5], T[4]), // zl
			// sin r
			fmul(ar, T[5], T[3], T[0]), // uh = rh zh
			fneg(ar, T[6], T[5]),
			fmla(ar, T[6], T[3], T[0]),
			fmla(ar, T[6], T[3], T[2]), // ul
		)
		mulDDK(c, T[7], T[8], T[5], T[6], T[9], "m6") // -r^3/6 = (T7, T8)
		p := c.hornerMem(T[0], T[9], T[10], T[11], spn)
		c.emit(
			fmul(ar, T[6], T[5], T[0]),
			fmul(ar, T[6], T[6], p), // rest
		)
		fastTwoSum(c, T[5], T[9], T[3], T[7]) // rh + th
		c.emit(
			orr16b(T[10], one, one),
			c.mulSubK(T[10], T[0], "half"), // 1 - zh/2
			fadd(ar, T[8], T[8], T[6]),
			fmla(ar, T[8], T[4], T[10]), // tl + rest + rl cos
			fadd(ar, T[9], T[9], T[8]),
		)
		fastTwoSum(c, T[6], T[7], T[5], T[9]) // sin r = (T6, T7)
		// cos r
		c.emit(
			c.mulK(T[3], T[0], "half"),
			fneg(ar, T[3], T[3]),
		)
		fastTwoSum(c, T[4], T[5], one, T[3])
		p = c.hornerMem(T[0], T[8], T[9], T[10], cpn)
		c.emit(
			fmul(ar, T[3], T[0], T[0]),
			fmul(ar, T[3], T[3], p),
			c.mulSubK(T[3], T[2], "half"),
			fadd(ar, T[5], T[5], T[3]),
		)
		fastTwoSum(c, T[8], T[9], T[4], T[5]) // cos r = (T8, T9)
		c.emit(
			cmtst(ar, T[10], T[1], k.vec("int1")), // k odd: -cos/sin
			fneg(ar, T[11], T[8]),
			orr16b(T[0], T[6], T[6]),
			bit(T[0], T[11], T[10]), // nh
			fneg(ar, T[11], T[9]),
			orr16b(T[2], T[7], T[7]),
			bit(T[2], T[11], T[10]), // nl
			orr16b(T[3], T[8], T[8]),
			bit(T[3], T[6], T[10]), // dh
			orr16b(T[4], T[9], T[9]),
			bit(T[4], T[7], T[10]),     // dl
			fdiv(ar, T[5], T[0], T[3]), // t
			orr16b(T[6], T[0], T[0]),
			fmls(ar, T[6], T[5], T[3]),
			fadd(ar, T[6], T[6], T[2]),
			fmls(ar, T[6], T[5], T[4]), // the remainder
			fdiv(ar, T[6], T[6], T[3]),
			fadd(ar, T[5], T[5], T[6]),
			and16b(T[7], x, k.vec("sign")),
			eor16b(x, T[5], T[7]), // tan(-x) = -tan x
		)
	}}
}
