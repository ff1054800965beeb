package dual

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// Sin and Cos of the types with at most two tangents (Number, Jet2) call
// sinCosChain, which applies the chain rule itself, instead of sinD and chain: a
// method that calls a sincos function is too costly for Go to inline, so it would run as
// a call that makes a second call, and that extra frame was most of what a
// one-pass gradient of sin(xy)/sin(x) cost over the hand-written quotient rule.

// Cephes' sincos for |x| < sinCosReduceMax, the algorithm math.Sincos uses there,
// with its published constants: π/4 in three parts for the extended-precision
// reduction here, and the minimax coefficients of sin and cos on [-π/4, π/4] in
// sinCoeffs and cosCoeffs below.
const (
	sinCosReduceMax = 1 << 29 // above it, libm.Sincos (Payne-Hanek reduction)

	pi4Hi  = 7.85398125648498535156e-1  // 0x3fe921fb40000000
	pi4Mid = 3.77489470793079817668e-8  // 0x3e64442d00000000
	pi4Lo  = 2.69515142907905952645e-15 // 0x3ce8469898cc5170
)

// The coefficients are array variables, as in package math, and not constants: the
// compiler fuses a multiply and an add into an FMA (arm64; amd64 with GOAMD64=v3)
// depending on how each operand is loaded, so only the same loads give the same bits.
var (
	sinCoeffs = [...]float64{
		1.58962301576546568060e-10, // 0x3de5d8fd1fd19ccd
		-2.50507477628578072866e-8, // 0xbe5ae5e5a9291f5d
		2.75573136213857245213e-6,  // 0x3ec71de3567d48a1
		-1.98412698295895385996e-4, // 0xbf2a01a019bfdf03
		8.33333333332211858878e-3,  // 0x3f8111111110f7d0
		-1.66666666666666307295e-1, // 0xbfc5555555555548
	}
	cosCoeffs = [...]float64{
		-1.13585365213876817300e-11, // 0xbda8fa49a0861a9b
		2.08757008419747316778e-9,   // 0x3e21ee9d7b4e3f05
		-2.75573141792967388112e-7,  // 0xbe927e4f7eac4bc6
		2.48015872888517045348e-5,   // 0x3efa01a019c844f5
		-1.38888888888730564116e-3,  // 0xbf56c16c16c14f91
		4.16666666666665929218e-2,   // 0x3fa555555555554b
	}
)

// sinCosLossLimit bounds the reduced argument below which Cephes' reduction is not
// accurate enough: z = x - y·π/4 carries an absolute error of about y·2^-100 (the
// rounding of y·pi4Lo and π/4's truncation to three parts), which near a zero of
// sin or cos, where the result is z itself, is many ulps of z (4800 at x = 11696.15
// in math.Sin, 13 at x = π). With y < 2^30 below sinCosReduceMax, |z| >= 2^-13
// keeps it under 2^-57 relative, 0.07 ulp; below, for about one argument in 6000,
// libm reduces in double-double. The test is on z², off the polynomials' critical
// path; a bound that scales with y measured slower.
const sinCosLossLimit = 0x1p-13

// sinCosChain returns sin v with its derivative cos v applied to the tangents d0 and
// d1, or, when cos is set, cos v with its derivative -sin v applied to them. A zero
// tangent stays zero, as in chain. Below 2^29 in magnitude it performs the operations
// of math.Sincos there (Cephes' reduction and polynomials, in the same order), except
// where the reduced argument is so small that the reduction loses accuracy
// (sinCosLossLimit); those arguments, larger ones, infinities and NaN go to
// libm.Sincos. TestSinCosChain holds it to that on every architecture, where the
// compiler may fuse multiply-adds.
func sinCosChain[T Float](v, d0, d1 T, cos bool) (r, t0, t1 T) {
	x := float64(v)
	var s, c float64
	// Testing the sign with a compare and negating, rather than math.Abs, keeps the
	// argument in a floating-point register: the round trip through an integer one
	// was measured to lengthen the latency.
	ax := x
	if x < 0 {
		ax = -x
	}
	if ax < sinCosReduceMax {
		// Reduce by the nearest even multiple of π/4, so z lies in [-π/4, π/4] and
		// j mod 8 is the octant.
		j := int64(ax * (4 / math.Pi))
		y := float64(j)
		if j&1 == 1 {
			j++
			y++
		}
		z := ((ax - y*pi4Hi) - y*pi4Mid) - y*pi4Lo
		zz := z * z
		c = 1.0 - 0.5*zz + zz*zz*((((((cosCoeffs[0]*zz)+cosCoeffs[1])*zz+cosCoeffs[2])*zz+cosCoeffs[3])*zz+cosCoeffs[4])*zz+cosCoeffs[5])
		s = z + z*zz*((((((sinCoeffs[0]*zz)+sinCoeffs[1])*zz+sinCoeffs[2])*zz+sinCoeffs[3])*zz+sinCoeffs[4])*zz+sinCoeffs[5])
		if j&2 != 0 {
			s, c = c, s
		}
		// Branches, not sign-bit arithmetic, for the same reason as above.
		if (j+2)&4 != 0 {
			c = -c
		}
		if j&4 != 0 {
			s = -s
		}
		if math.Signbit(x) { // not x < 0: sin(-0) is -0
			s = -s
		}
		if zz >= sinCosLossLimit*sinCosLossLimit || j == 0 {
			return sinCosTangents[T](s, c, d0, d1, cos)
		}
	}
	s, c = libm.Sincos(x)
	return sinCosTangents[T](s, c, d0, d1, cos)
}

// sinCosTangents finishes sinCosChain from sin x and cos x.
func sinCosTangents[T Float](s, c float64, d0, d1 T, cos bool) (r, t0, t1 T) {
	if cos {
		s, c = c, -s
	}
	r = T(s)
	d := T(c)
	if d0 != 0 {
		t0 = d * d0
	}
	if d1 != 0 {
		t1 = d * d1
	}
	return r, t0, t1
}

// sincosValue returns sin x and cos x, as sinCosChain computes them.
func sincosValue(x float64) (s, c float64) {
	s, c, _ = sinCosChain(x, 1, 0, false)
	return s, c
}
