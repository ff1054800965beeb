package main

// Sin and cos, float32, in float32 lanes (4 per vector), the algorithm of the amd64
// levels (vec/_asm/sin32.go) for |x| <= 256: with a = |x|, q = round(a 2/pi) and
// r = a - q pi/2 as a float32 pair hi + lo (Cody-Waite with pi/2 = P1 + P2 + P3 + P4,
// P1 of 12 and P2 of 16 significant bits, so q P1 and q P2 are exact for q < 2^8):
//
//	sin r = hi + (hi z S(z) + (lo - (z/2) lo)),            z = hi^2, S of degree 3
//	cos r = w + (z^2 C(z) + (((1 - w) - z/2) - hi lo)),    w = 1 - z/2, C of degree 2
//
// each rounding once at full weight. Both are computed and the quadrant picks one
// (odd q: the other function), bit 1 of q (xor the sign of x, for sin) gives the
// sign; cos uses q + 1 for that (cos x = sin(x + pi/2)); sincos keeps both. Lanes
// with |x| > 256 (±Inf included) are written as x itself and flagged: the Go wrapper
// recomputes them with the float64-lane kernel. The body needs 8 temporaries (the
// extra one included).

const sin32Bound = 256

// sin32S and cos32C are S and C, lowest degree first (the amd64 generator's lists
// reversed): fitted with mpmath's chebyfit on z in [0, (1.02 pi/4)^2], rounded to
// float32.
var (
	sin32S = []float32{-0.1666666716337204, 0.008333331905305386, -0.00019839989545289427, 2.7237576887273462e-06}
	cos32C = []float32{0.0416666641831398, -0.0013888254761695862, 2.4537750505260192e-05}
)

// Cody-Waite parts of pi/2 for float32 lanes.
const (
	pio2x32P1 = 1.57080078125
	pio2x32P2 = -4.454399459064007e-06
	pio2x32P3 = -5.564431554416771e-11
	pio2x32P4 = -1.2177051942436535e-18
)

func sin32Lanes() stream    { return trig32Lanes("sinLanes", false, false) }
func cos32Lanes() stream    { return trig32Lanes("cosLanes", true, false) }
func sincos32Lanes() stream { return trig32Lanes("sincosLanes", false, true) }

// trig32Lanes returns sin, cos (cos set) or sincos (both set: sin in c.x, cos in
// c.out2; the far lanes get x in both).
func trig32Lanes(name string, cos, both bool) stream {
	magic := float32(magicRound32)
	if cos {
		magic++ // the quadrant bits of t are those of q + 1
	}
	ks := []konst{
		kb32("magic", magic), kb32("one", 1), kb32("bound", sin32Bound), kbits32("int1", 1), kbits32("sign", 1<<31),
		kf32("twoOverPi", 2/3.14159265358979323846), kf32("p1", pio2x32P1), kf32("p2", pio2x32P2), kf32("p3", pio2x32P3),
		kf32("p4", pio2x32P4), kf32("half", 0.5),
	}
	var sn, cn []string
	for i, v := range sin32S {
		n := "s" + string(rune('0'+i))
		ks, sn = append(ks, kf32(n, v)), append(sn, n)
	}
	for i, v := range cos32C {
		n := "c" + string(rune('0'+i))
		ks, cn = append(ks, kf32(n, v)), append(cn, n)
	}
	return stream{name: name, lanes32: true, flag: true, extra: true, two: both, left: "|x| > 256, ±Inf (to the float64-lane kernel)",
		consts: ks, body: func(c *chain) {
			ar, k := c.ar, c.k
			x := c.x
			T := c.tmp
			E := c.extra
			one := k.vec("one")
			c.emit(
				fabs(ar, T[0], x),
				orr16b(T[1], k.vec("magic"), k.vec("magic")),
				c.mulAddK(T[1], T[0], "twoOverPi"),   // t: q in the low bits
				fsub(ar, T[2], T[1], k.vec("magic")), // q
				c.mulSubK(T[0], T[2], "p1"),          // a - q P1, exact
				c.mulK(T[3], T[2], "p2"),             // exact
				fsub(ar, T[4], T[0], T[3]),           // hi
				fsub(ar, T[5], T[0], T[4]),
				fsub(ar, T[5], T[5], T[3]),
				c.mulSubK(T[5], T[2], "p3"),
				c.mulSubK(T[5], T[2], "p4"), // lo
				fmul(ar, T[0], T[4], T[4]),  // z
				c.mulK(T[2], T[0], "half"),  // z/2
				fsub(ar, T[3], one, T[2]),   // w
				fsub(ar, T[6], one, T[3]),   // 1 - w, exact
				fsub(ar, T[6], T[6], T[2]),
				fmls(ar, T[6], T[4], T[5]), // cos: ((1 - w) - z/2) - hi lo
				orr16b(E, T[5], T[5]),
				fmls(ar, E, T[2], T[5]), // sin: lo - (z/2) lo
			)
			p := c.horner(T[0], T[2], T[5], sn)
			g := T[2]
			if p == T[2] {
				g = T[5]
			}
			c.emit(
				fmul(ar, g, T[4], T[0]), // hi z
				fmla(ar, E, g, p),
				fadd(ar, T[4], T[4], E), // sin r
			)
			p = c.horner(T[0], T[2], T[5], cn)
			c.emit(
				fmul(ar, E, T[0], T[0]), // z^2
				fmla(ar, T[6], E, p),
				fadd(ar, T[3], T[3], T[6]),        // cos r
				cmtst(ar, E, T[1], k.vec("int1")), // odd quadrant
			)
			if both {
				c.emit(
					orr16b(T[0], E, E),
					bsl(T[0], T[3], T[4]), // sin x: odd ? cos r : sin r
					bsl(E, T[4], T[3]),    // cos x: odd ? sin r : cos r
					shl(ar, T[2], T[1], 30),
					eor16b(T[2], T[2], x),
					and16b(T[2], T[2], k.vec("sign")), // bit 1 of q xor the sign of x
					eor16b(T[0], T[0], T[2]),
					addInt(ar, T[2], T[1], k.vec("int1")),
					shl(ar, T[2], T[2], 30),
					and16b(T[2], T[2], k.vec("sign")), // bit 1 of q + 1
					eor16b(E, E, T[2]),
					facgt(ar, T[2], x, k.vec("bound")),
					orr16b(vFlag, vFlag, T[2]),
					bit(T[0], x, T[2]), // far lanes: x itself in both
					bit(E, x, T[2]),
					orr16b(x, T[0], T[0]),
				)
				c.out2 = E
				return
			}
			c.emit(
				bit(T[4], T[3], E),   // the other function
				shl(ar, E, T[1], 30), // bit 1 of the quadrant to the sign
			)
			if !cos {
				c.emit(eor16b(E, E, x))
			}
			c.emit(
				and16b(E, E, k.vec("sign")),
				eor16b(T[4], T[4], E),
				facgt(ar, E, x, k.vec("bound")),
				orr16b(vFlag, vFlag, E),
				bit(T[4], x, E), // far lanes: x itself
				orr16b(x, T[4], T[4]),
			)
		}}
}
