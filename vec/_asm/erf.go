package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Erf, the algorithm of the generic level (internal/libm/erf.go): erf x = x + x F(x^2)
// (F: erfPoly) for |x| <= 1/2; above, piecewise polynomials in t = |x| - mid
// (erfPieces on the pieces erfBreaks, with the constant term's low part erfPiecesLow):
// erf itself below 1 and erfc from 1, with erf = 1 - erfc as a double-double. Each
// lane finds its piece by comparisons and reads every coefficient of its piece from a
// table (each power of t has a row of 16 entries, one per piece): VPERMI2PD over the
// two halves of the row on AVX-512; on AVX2, VPERMPS within each group of four pieces
// and two blends (measured faster than VGATHERQPD). Pieces of lower degree are
// padded with zero coefficients, so all lanes run the same Horner chain. |x| is
// clamped to 6, where erf already rounds to 1 (NaN passes), and erf takes the sign of x.

const erfRow = 16 * 8 // bytes per table row: one float64 per piece, padded to 16

var erfTabMem *Mem

// erfTable returns the coefficient table: rows 0..deg hold the coefficient of t^k of
// every piece, then one row of piece midpoints and one of the constants' low parts.
func erfTable() (tab Mem, deg int) {
	pieces, breaks, low := fitTable("erfPieces"), fitCoeffs("erfBreaks"), fitCoeffs("erfPiecesLow")
	for _, p := range pieces {
		deg = max(deg, len(p)-1)
	}
	if erfTabMem == nil {
		m := GLOBL("erftab", RODATA|NOPTR)
		for k := 0; k <= deg+2; k++ {
			for i := 0; i < 16; i++ {
				var v float64
				switch {
				case i >= len(pieces):
				case k <= deg && k < len(pieces[i]):
					v = pieces[i][k]
				case k == deg+1:
					v = (breaks[i] + breaks[i+1]) / 2
				case k == deg+2:
					v = low[i]
				}
				DATA(k*erfRow+8*i, U64(math.Float64bits(v))) // F64(5) would print as the integer 5
			}
		}
		erfTabMem = &m
	}
	return *erfTabMem, deg
}

// erfIndex selects each lane's piece: on AVX-512 the piece number i (int64 lanes) for
// VPERMI2PD; on AVX2 the float32-pair indices 2(i mod 4), 2(i mod 4)+1 for VPERMPS
// within a group of four pieces, and the lanes in the second (i >= 4) and third
// (i >= 8) group.
type erfIndex struct {
	idx, group1, group2 VecVirtual
}

// newErfIndex prepares the lookup of piece i (int64 lanes).
func newErfIndex(l *level, i VecVirtual) erfIndex {
	if l.wide {
		return erfIndex{idx: i}
	}
	t := l.vec()
	VPAND(cbits(3), i, t)
	VPADDQ(t, t, t) // 2(i mod 4)
	u := l.vec()
	VPADDQ(cbits(1), t, u)
	VPSLLQ(U8(32), u, u)
	VPOR(u, t, t)
	g1, g2 := l.vec(), l.vec()
	VPCMPGTQ(cbits(3), i, g1)
	VPCMPGTQ(cbits(7), i, g2)
	return erfIndex{idx: t, group1: g1, group2: g2}
}

// erfLookup returns row k of the table at base, for each lane's piece.
func erfLookup(l *level, base Register, ix erfIndex, k int) VecVirtual {
	if l.wide {
		t := l.vec()
		VMOVUPD(Mem{Base: base, Disp: k * erfRow}, t)
		d := l.copyv(ix.idx)
		VPERMI2PD(Mem{Base: base, Disp: k*erfRow + 64}, t, d)
		return d
	}
	var g [3]VecVirtual
	for j := range g {
		g[j] = l.vec()
		VPERMPS(Mem{Base: base, Disp: k*erfRow + 32*j}, ix.idx, g[j])
	}
	return l.blendPD(mask{v: ix.group2}, l.blendPD(mask{v: ix.group1}, g[0], g[1]), g[2])
}

// erfBody computes erf of every float64 lane of x.
func erfBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	VMINPD(ax, l.ld(c64(6)), ax)                                                 // second source ax: NaN passes
	small := l.fma(ax, l.poly(l.mul(ax, ax), nil, 2, fitPoly("erfPoly")...), ax) // ax + ax*F(ax^2)
	tab, deg := erfTable()
	base := loadAddr(tab)
	breaks := fitCoeffs("erfBreaks")
	idx := l.vec()
	VXORPD(idx, idx, idx)
	for _, b := range breaks[1 : len(breaks)-1] {
		m := l.cmpPD(cmpGT, ax, c64(b))
		if l.wide {
			VPADDQ_BCST(cbits(1), idx, m.k, idx)
		} else {
			VPSUBQ(m.v, idx, idx) // a set lane is -1
		}
	}
	ix := newErfIndex(l, idx)
	t := l.sub(ax, erfLookup(l, base, ix, deg+1))
	p := erfLookup(l, base, ix, deg)
	for k := deg - 1; k >= 1; k-- {
		VFMADD213PD(erfLookup(l, base, ix, k), t, p) // p = t*p + c_k
	}
	tail := l.fma(t, p, erfLookup(l, base, ix, deg+2))
	c0 := erfLookup(l, base, ix, 0)
	h := l.fastTwoSum(l.ld(c64(1)), l.neg(c0)) // 1 - c0 exactly
	erfc := l.add(h.hi, l.sub(h.lo, tail))
	res := l.blendPD(l.cmpPD(cmpLE, ax, c64(1)), erfc, l.add(c0, tail)) // pieces up to 1 are erf
	res = l.blendPD(l.cmpPD(cmpLE, ax, c64(0.5)), res, small)
	return orSign(l, res, x)
}
