package main

import "math"

// Hypot, float64, as the generic hypot64: p = max(|x|, |y|) = 2^e m, q = min; ps = m
// (from p's bits) and qs = q 2^-e (as q 2^(1-e) / 2, so that e = 1023 needs no
// subnormal factor), ps^2 + qs^2 as a double-double from two exact FMA products, its
// square root as a double-double, and the scaling back by 2^e rounds once. Lanes with
// an infinite or NaN argument, or p < 2^-1000 (zero included, where the generic level
// first scales up and a subnormal result needs its rounding), are left to the Go
// wrapper.

const hypotTiny = 0x1p-1000

func hypotF64() stream {
	ks := []konst{
		kb("inf", math.Inf(1)), kb("tiny", hypotTiny), kbits("mant", 1<<52-1), kb("one", 1),
		kbits("expMask", 0x7ff<<52), kbits("bias2", 2047<<52), kf("half", 0.5),
	}
	return stream{name: "hypot", inputs: []string{"x", "y"}, flag: true, left: "±Inf or NaN argument, max(|x|, |y|) < 2^-1000", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x, y := c.x, c.y
		t := c.tmp
		c.emit(
			fabs(ar, t[0], x),
			fabs(ar, t[1], y),
			fmax(ar, t[2], t[0], t[1]), // p (NaN if either is)
			fmin(ar, t[3], t[0], t[1]), // q
			facgt(ar, t[4], k.vec("inf"), x),
			facgt(ar, t[5], k.vec("inf"), y),
			and16b(t[4], t[4], t[5]),
			fcmge(ar, t[5], t[2], k.vec("tiny")),
			and16b(t[4], t[4], t[5]),
			orn16b(vFlag, vFlag, t[4]),           // lanes left to the wrapper
			and16b(t[0], t[2], k.vec("expMask")), // 2^e
			and16b(t[2], t[2], k.vec("mant")),
			orr16b(t[2], t[2], k.vec("one")),       // ps = m
			subInt(ar, t[1], k.vec("bias2"), t[0]), // 2^(1-e)
			fmul(ar, t[3], t[3], t[1]),
			c.mulK(t[3], t[3], "half"), // qs = q 2^-e
			fmul(ar, t[4], t[2], t[2]), // ah
			fneg(ar, t[5], t[4]),
			fmla(ar, t[5], t[2], t[2]), // al
			fmul(ar, t[1], t[3], t[3]), // bh
			fneg(ar, t[6], t[1]),
			fmla(ar, t[6], t[3], t[3]), // bl
		)
		fastTwoSum(c, t[2], t[3], t[4], t[1]) // sh + sl = ah + bh
		c.emit(
			fadd(ar, t[3], t[3], t[5]),
			fadd(ar, t[3], t[3], t[6]), // sl + al + bl
		)
		sqrtDDInto(c, t[1], t[4], t[2], t[3], t[5])
		c.emit(
			fadd(ar, t[1], t[1], t[4]),
			fmul(ar, x, t[1], t[0]), // (rh + rl) 2^e, rounds once
		)
	}}
}
