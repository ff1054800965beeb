package main

import "math"

// Sin, cos and sincos, float64, as the avx2 level: for a = |x| <= trigBound,
// q = round(a 2/pi) and r = a - q pi/2 as a double-double hi + lo (pi/2 = P1 + Q2 +
// Q3: a - q P1 is exact with an FMA, q Q2 is exact because Q2 has 32 significant bits
// and q < 2^20, and a two-difference subtracts it exactly). sin and cos of hi + lo
// use fdlibm's kernels (degree 13 odd and degree 14 even polynomials with lo folded
// in); the quadrant q mod 4 then swaps and negates them, and sin takes the sign of x.
// Lanes with |x| > trigBound (±Inf included) are written as x itself and flagged: the
// Go wrapper recomputes them with the generic Payne-Hanek code. NaN stays NaN.

const (
	trigBound = 0x1p20                 // keep in sync with vec/impl_arm64.go
	pio2P1    = 1.5707963267948966     // 0x3ff921fb54442d18
	pio2Q2    = 6.12323399409214e-17   // 0x3c91a62633000000: pi/2 - P1 to 32 bits
	pio2Q3    = 1.6446256936324258e-26 // 0x3a945c06e0e68948: the rest
)

// fdlibm __kernel_sin and __kernel_cos coefficients (sin: S1..S6, cos: C1..C6),
// published constants of k_sin.c and k_cos.c.
var (
	sinS = [7]float64{0, -1.66666666666666324348e-01, 8.33333333332248946124e-03,
		-1.98412698298579493134e-04, 2.75573137070700676789e-06,
		-2.50507602534068634195e-08, 1.58969099521155010221e-10}
	cosC = [7]float64{0, 4.16666666666666019037e-02, -1.38888888888741095749e-03,
		2.48015872894767294178e-05, -2.75573143513906633035e-07,
		2.08757232129817482790e-09, -1.13596475577881948265e-11}
)

// tanF32 is tan for float32: sin/cos in float64 (both within 1 float64 ULP, so the
// quotient is within 3, far below float32 rounding). Tan has results beyond
// trigBound, so its Go wrapper finds the flagged lanes from x.
func tanF32() stream { return trigF64("tan", true, true, true) }

// trigF64 returns the sin, cos, sincos or (with tan set) tan kernel.
func trigF64(name string, wantSin, wantCos, tan bool) stream {
	ks := []konst{
		kb("magic", magicRound), kb("one", 1), kb("bound", trigBound), kbits("int1", 1), kbits("sign", 1<<63),
		kf("twoOverPi", 2/math.Pi), kf("p1", pio2P1), kf("q2", pio2Q2), kf("q3", pio2Q3), kf("half", 0.5),
	}
	var sn, cn []string
	for i := 1; i <= 6; i++ {
		s, c := "s"+string(rune('0'+i)), "c"+string(rune('0'+i))
		ks = append(ks, kf(s, sinS[i]), kf(c, cosC[i]))
		sn, cn = append(sn, s), append(cn, c)
	}
	return stream{name: name, consts: ks, two: wantSin && wantCos && !tan, flag: true, left: "|x| > 2^20 (Payne-Hanek), ±Inf", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		a, qt, q, w, hi, u, lo := t[0], t[1], t[2], t[3], t[4], t[5], t[6]
		c.emit(
			fabs(ar, a, x),
			orr16b(qt, k.vec("magic"), k.vec("magic")),
			c.mulAddK(qt, a, "twoOverPi"), // q in the low bits
			fsub(ar, q, qt, k.vec("magic")),
			c.mulSubK(a, q, "p1"), // a - q P1, exact
			c.mulK(w, q, "q2"),    // exact
			// two-difference: hi + lo = a - w exactly
			fsub(ar, hi, a, w),
			fsub(ar, u, a, hi), // ~w
			fadd(ar, lo, hi, u),
			fsub(ar, lo, a, lo),
			fsub(ar, u, u, w),
			fadd(ar, lo, lo, u),
			c.mulSubK(lo, q, "q3"),
		)
		// a, q, w, u are free; z replaces a.
		z := a
		c.emit(fmul(ar, z, hi, hi))
		// sin(hi+lo) = hi - ((z (lo/2 - v r) - lo) - v S1), v = z hi.
		v := q
		c.emit(fmul(ar, v, z, hi))
		r := c.horner(z, w, u, sn[1:])
		tt := w
		if r == w {
			tt = u
		}
		c.emit(
			c.mulK(tt, lo, "half"),
			fmls(ar, tt, v, r),    // lo/2 - v r
			fneg(ar, r, lo),       //
			fmla(ar, r, z, tt),    // z (lo/2 - v r) - lo
			c.mulSubK(r, v, "s1"), // ... - v S1
			fsub(ar, v, hi, r),    // sin
		)
		s := v
		// cos(hi+lo) = wv + (((1 - wv) - z/2) + (z rc - hi lo)), wv = 1 - z/2.
		rc := c.horner(z, w, u, cn)
		e := w
		if rc == w {
			e = u
		}
		c.emit(
			fmul(ar, rc, z, rc), // r = z (C1 + C2 z + ...)
			fmul(ar, rc, z, rc),
			fmls(ar, rc, hi, lo), // z r - hi lo
			c.mulK(hi, z, "half"),
			fsub(ar, lo, k.vec("one"), hi), // wv
			fsub(ar, e, k.vec("one"), lo),
			fsub(ar, e, e, hi),
			fadd(ar, e, e, rc),
			fadd(ar, lo, lo, e), // cos
		)
		co := lo
		// Free: z(a), hi, rc, e. Odd quadrants swap sin and cos.
		odd, sg, big := z, hi, rc
		c.emit(
			cmtst(ar, odd, qt, k.vec("int1")),
			facgt(ar, big, x, k.vec("bound")),
			orr16b(vFlag, vFlag, big),
		)
		var outs []vreg
		if wantSin {
			out := e
			c.emit(
				orr16b(out, odd, odd),
				bsl(out, co, s), // odd ? cos : sin
				shl(ar, sg, qt, 62),
				eor16b(sg, sg, x),
				and16b(sg, sg, k.vec("sign")), // bit 1 of q xor the sign of x
				eor16b(out, out, sg),
				bit(out, x, big),
			)
			outs = append(outs, out)
		}
		if wantCos {
			if wantSin {
				c.emit(orr16b(x, outs[0], outs[0])) // frees e; x is not needed below
			}
			c.emit(
				bsl(odd, s, co), // odd ? sin : cos
				addInt(ar, sg, qt, k.vec("int1")),
				shl(ar, sg, sg, 62),
				and16b(sg, sg, k.vec("sign")), // bit 1 of q+1
				eor16b(odd, odd, sg),
			)
			if wantSin {
				// x now holds sin, which is x itself in the big lanes.
				c.emit(bit(odd, x, big))
				if tan {
					c.emit(fdiv(ar, sg, x, odd), bit(sg, x, big), orr16b(x, sg, sg))
					return
				}
				c.out2 = odd
				return
			}
			c.emit(bit(odd, x, big))
			outs = append(outs, odd)
		}
		c.emit(orr16b(x, outs[0], outs[0]))
	}}
}
