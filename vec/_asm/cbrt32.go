package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 cbrt in float32 lanes. |x| = 2^(3q+j) m with m in [1, 2) and j in {0, 1, 2}
// (VGETEXPPS and VGETMANTPS on AVX-512; on AVX2 from the bits, a subnormal first
// scaled by 2^24, a power of 2^3), y = 2^j m in [1, 8), cbrt |x| = 2^q cbrt y. r =
// y^(-1/3) to 7e-6 relative from a polynomial in m times 2^(-j/3), t = y r^2 (so cbrt
// y to 1.4e-5), and one Newton step with the exact residual: t + (y - t^3) r^2/3, with
// t^3 as an exact float32 triple (two FMA products) and y - t^3 exact by Sterbenz. The
// step leaves an error of about 16 (7e-6)^2, under 2^-29, so the result rounds once
// (measured: within 0.505 ULP of Go's float64 cbrt over all float32 inputs); 2^q
// scales it exactly (no float32 cube root over- or underflows). ±0, ±Inf and NaN are
// returned as x; the sign of x is ORed into the result.

// cbrt32R holds the approximation of m^(-1/3) on [1, 2] (highest degree first):
// mpmath's chebyfit, rounded to float32, relative error below 7e-6.
var cbrt32R = []float32{-0.01651167869567871, 0.1522495597600937, -0.5865141749382019,
	1.2271496057510376, -1.5540274381637573, 1.7776471376419067}

// float32(2^(-1/3)) and float32(2^(-2/3)): the initial estimate's factor for j = 1, 2.
const (
	cbrt32Inv1 = 0.7937005162239075
	cbrt32Inv2 = 0.6299605369567871
)

// pow2Lanes32 returns 2^n for integer-valued float32 lanes n in [-126, 127].
func pow2Lanes32(l *level, n VecVirtual) VecVirtual {
	d := l.vec()
	VCVTTPS2DQ(n, d)
	VPADDD(cbits32(127), d, d)
	VPSLLD(U8(23), d, d)
	return d
}

// cbrt32LanesBody computes the cube root of every float32 lane of x.
func cbrt32LanesBody(l *level, x VecVirtual) VecVirtual {
	ax := abs32(l, x)
	m, e := l.vec(), l.vec()
	if l.wide {
		VGETMANTPS(U8(0), ax, m) // [1, 2)
		VGETEXPPS(ax, e)
	} else {
		tiny := l.cmpPS(cmpLT, ax, c32(0x1p-126))
		xs := l.blendPS(tiny, ax, l.mul32(ax, c32(0x1p24)))
		bias := l.blendPS(tiny, l.ld32(c32(-127)), c32(-127-24))
		eb := l.vec()
		VPSRLD(U8(23), xs, eb)
		VCVTDQ2PS(eb, e)
		e = l.add32(e, bias)
		VANDPS(cbits32(1<<23-1), xs, m)
		VORPS(c32(1), m, m)
	}
	// q = floor(e/3) ((e + 1/2)/3 is at least 1/6 from an integer), j = e - 3q.
	q := l.mul32(l.add32(e, c32(0.5)), c32(1.0/3))
	if l.wide {
		VRNDSCALEPS(U8(1), q, q) // toward -Inf
	} else {
		VROUNDPS(U8(1), q, q)
	}
	j := l.copy32(e)
	l.fnmadd231x32(c32(3), q, j)
	var y VecVirtual
	if l.wide {
		y = l.vec()
		VSCALEFPS(j, m, y)
	} else {
		y = l.mul32(m, pow2Lanes32(l, j))
	}
	c := l.blendPS(l.cmpPS(cmpEQ, j, c32(1)), l.ld32(c32(1)), c32(cbrt32Inv1))
	c = l.blendPS(l.cmpPS(cmpEQ, j, c32(2)), c, c32(cbrt32Inv2))
	r := l.mul32(l.horner32(m, cbrt32R...), c)
	r2 := l.mul32(r, r)
	t := l.mul32(y, r2)
	// y - t^3 exactly: t^2 = a + al, t^3 = b + bl + t al.
	a := l.mul32(t, t)
	al := l.copy32(t)
	VFMSUB213PS(a, t, al)
	b := l.mul32(t, a)
	bl := l.copy32(t)
	VFMSUB213PS(b, a, bl)
	resid := l.sub32(l.sub32(y, b), bl)
	VFNMADD231PS(al, t, resid)
	VFMADD132PS(l.mul32(r2, c32(1.0/3)), t, resid) // resid r^2/3 + t
	var res VecVirtual
	if l.wide {
		res = l.vec()
		VSCALEFPS(q, resid, res)
		VFIXUPIMMPS_BCST(U8(0), cbits32(keepFixup), x, res)
	} else {
		res = l.mul32(resid, pow2Lanes32(l, q))
		ok := l.maskAnd(l.cmpPS(cmpGT, ax, c32(0)), l.cmpPS(cmpLT, ax, c32(float32(math.Inf(1)))))
		res = l.blendPS(ok, x, res)
	}
	return or32(l, res, sign32(l, x))
}

// genCbrt32 emits the float32 cbrt kernel.
func genCbrt32(l *level) {
	emitStream(l, stream{
		name: fname("cbrt", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{cbrt32LanesBody(l, in[0])} },
	})
}
