package main

import "fmt"

// Erf, float64, as the generic erf64: x + x F(x^2) for |x| <= 1/2, ±1 from |x| >= 6
// on, and in between the generic level's ten pieces (erfBreaks, erfPieces): erf on
// [1/2, 1] and erfc on [1, 6], each a polynomial in t = |x| - mid with its constant
// term in double-double. A lane's piece is the number of breaks below |x| (integer
// counts of nine compares), and its coefficients are gathered per lane: each row of
// the table (mid, low part, erfc mask, c0, then c20 down to c1, zero-padded to degree
// 20, which leaves Horner's results unchanged) is read with lane loads from two
// addresses moved to general-purpose registers. All three results are computed and
// selected, so no lane is left to the Go wrapper (NaN gives NaN, ±Inf gives ±1).

const (
	erfSmall  = 0.5
	erfBig    = 6
	erfDegree = 20 // the highest degree among the pieces
	erfRowLen = 4 + erfDegree
)

// erfRows returns the gathered table, one row per piece.
func erfRows() []konst {
	breaks, pieces, low := coef("erfBreaks"), coefRows("erfPieces"), coef("erfPiecesLow")
	var ks []konst
	for i, c := range pieces {
		if len(c)-1 > erfDegree {
			panic(fmt.Sprintf("erf piece %d has degree %d > %d", i, len(c)-1, erfDegree))
		}
		row := make([]uint64, erfRowLen)
		row[0] = kf("", (breaks[i]+breaks[i+1])/2).bits
		row[1] = kf("", low[i]).bits
		if breaks[i] >= 1 {
			row[2] = 1<<64 - 1 // erfc piece
		}
		row[3] = kf("", c[0]).bits
		for d := 1; d < len(c); d++ {
			row[4+erfDegree-d] = kf("", c[d]).bits
		}
		for j, b := range row {
			ks = append(ks, konst{name: fmt.Sprintf("row%d.%d", i, j), bits: b, mem: true})
		}
	}
	return ks
}

func erfF64() stream {
	breaks := coef("erfBreaks")
	poly, pn := memPoly("e", coef("erfPoly"))
	ks := []konst{kb("small", erfSmall), kb("big", erfBig), kb("one", 1), kbits("sign", 1<<63)}
	for j := 1; j < len(breaks)-1; j++ {
		ks = append(ks, kb(fmt.Sprintf("b%d", j), breaks[j]))
	}
	ks = append(append(ks, erfRows()...), poly...) // the rows first: at offset 0 from x5
	return stream{name: "erf", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		T := c.tmp
		one := k.vec("one")
		r0, r1 := c.gpr[0], c.gpr[1]
		gather := func(d vreg) { c.emit(ld1LaneD(d, 0, r0), ld1LaneD(d, 1, r1)) }
		c.emit(
			fabs(ar, T[0], x),
			eor16b(T[1], T[1], T[1]),
		)
		for j := 1; j < len(breaks)-1; j++ {
			c.emit(
				fcmgt(ar, T[2], T[0], k.vec(fmt.Sprintf("b%d", j))),
				subInt(ar, T[1], T[1], T[2]), // the mask is -1
			)
		}
		c.emit(
			shl(ar, T[2], T[1], 7),
			shl(ar, T[1], T[1], 6),
			addInt(ar, T[1], T[1], T[2]), // piece * 192, the row's offset
			goInst("VMOV V%d.D[0], R%d", T[1], r0),
			goInst("VMOV V%d.D[1], R%d", T[1], r1),
			goInst("ADD R5, R%d", r0),
			goInst("ADD R5, R%d", r1),
		)
		gather(T[2]) // mid
		c.emit(fsub(ar, T[0], T[0], T[2]))
		gather(T[5]) // low part of c0
		gather(T[6]) // erfc mask
		gather(T[1]) // c0
		gather(T[3]) // c20
		r, g := T[3], T[4]
		for range erfDegree - 1 {
			gather(g)
			c.emit(fmla(ar, g, r, T[0])) // c_j + t r
			r, g = g, r
		}
		c.emit(
			fmla(ar, T[5], T[0], r),    // tail = low + t H(t)
			fadd(ar, T[2], T[1], T[5]), // erf pieces: c0 + tail
			fsub(ar, T[0], one, T[1]),  // erfc pieces: h = 1 - c0 exactly
			fsub(ar, g, T[0], one),
			fneg(ar, T[1], T[1]),
			fsub(ar, T[1], T[1], g), // l = -c0 - (h - 1)
			fsub(ar, T[1], T[1], T[5]),
			fadd(ar, T[0], T[0], T[1]), // h + (l - tail)
			bit(T[2], T[0], T[6]),
			and16b(T[4], x, k.vec("sign")),
			orr16b(T[2], T[2], T[4]), // the sign of x
			fmul(ar, T[0], x, x),
		)
		p := c.hornerMem(T[0], T[1], T[3], T[4], pn)
		c.emit(
			orr16b(T[5], x, x),
			fmla(ar, T[5], x, p), // |x| <= 1/2: x + x F(x^2)
			and16b(T[6], x, k.vec("sign")),
			orr16b(T[6], T[6], one), // |x| >= 6: ±1
			facge(ar, T[0], k.vec("small"), x),
			bit(T[2], T[5], T[0]),
			facge(ar, T[0], x, k.vec("big")),
			bit(T[2], T[6], T[0]),
			orr16b(x, T[2], T[2]),
		)
	}}
}
