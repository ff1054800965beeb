package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 log, log2 and log10 in float32 lanes, with no division: x = 2^k m with m in
// [sqrt(1/2), sqrt(2)) and f = m - 1 (exact), and log1p(f) = f - f^2/2 + f^3 R(f) as in
// log1p32Core (log1p32Parts: f^2/2 = hh + hl exactly, tail = f^3 R(f) - hl), so that
//
//	log x   = k ln2Hi + f - hh + (tail + k ln2Lo)          (ln32Sum)
//	log2 x  = k + (s + e + tail) log2(e)
//	log10 x = k log10(2) + (s + e + tail) log10(e)
//
// where s + e = f - hh exactly (Fast2Sum). In log2 and log10, s times the constant's
// float32 head is an exact pair ph + pl (FMA); pl gathers the small terms (s times the
// constant's tail, (e + tail) times its head, k log10(2)Lo) and k (exact), or k times
// log10(2) rounded to 16 bits (exact), is added to ph by a Fast2Sum. So the last
// addition is the only rounding at full weight: every other one is exact or rounds a
// term below 0.06 of the result (the tail, near f^3/3 against log1p f near f, and at
// most 0.019 where |log1p f| >= 0.34), and R fits its target within 1.2e-9. Over all
// float32 inputs, against Go's float64 math (TestLog32Sweep): log within 0.64 ULP
// (0.633 measured), log2 within 0.72 (0.719), log10 within 0.67 (0.665). log2 of a
// power of two is exact, so is log10 of 10^0 ... 10^10, and log 1 = log2 1 =
// log10 1 = +0.
//
// The split: on AVX-512, VGETMANTPS and VGETEXPPS (subnormals included) give m in
// [1, 2) and k, and m >= 2 float32(sqrt(1/2)) is halved; on AVX2, k comes from the
// bits of x/sqrt(1/2) as in log1p32Core, after a subnormal x is scaled by 2^23 (and k
// lowered by 23). The two give the same m and k, so the levels agree bit for bit. Special
// lanes (x <= 0, +Inf, NaN) take Go's math.Log values: VFIXUPIMMPS on AVX-512; on
// AVX2, a vector with any lane outside [2^-126, +Inf) branches to a path that also
// scales subnormals and patches the special lanes, and ordinary lanes get the same
// bits on either path.

// Constants split in two float32 (hi + lo within 3e-16 relative).
const (
	log2EHi32  = 1.4426950216293335      // float32(log2(e))
	log2ELo32  = 1.925963033500011e-08   // float32(log2(e) - log2EHi32)
	log10EHi32 = 0.4342944920063019      // float32(log10(e))
	log10ELo32 = -1.0103049952192578e-08 // float32(log10(e) - log10EHi32)
	// log10(2) with 16 significant bits (39457 2^-17), so that k log10Of2Hi32 is
	// exact for every float32 exponent k, and the float32 rest.
	log10Of2Hi32 = 0.30103302001953125
	log10Of2Lo32 = -3.024355464731343e-06
)

// log32Base selects the base of the float32-lane log.
type log32Base int

const (
	baseE  log32Base = 0
	base2  log32Base = 2
	base10 log32Base = 10
)

// log32LanesBody computes log, log2 or log10 (by base) of every float32 lane of x,
// with the special values of Go's math.Log, math.Log2 and math.Log10.
func log32LanesBody(l *level, x VecVirtual, base log32Base) VecVirtual {
	if l.wide {
		m, k := l.vec(), l.vec()
		VGETMANTPS(U8(0), x, m) // [1, 2)
		VGETEXPPS(x, k)
		big := l.cmpPS(cmpGE, m, c32(2*sqrtHalf32))
		VMULPS_BCST(c32(0.5), m, big.k, m)
		VADDPS_BCST(c32(1), k, big.k, k)
		res := log32FromSplit(l, l.sub32(m, c32(1)), k, base)
		VFIXUPIMMPS_BCST(U8(0), cbits32(logFixup), x, res)
		return res
	}
	ordinary := l.maskAnd(l.cmpPS(cmpGE, x, c32(0x1p-126)), l.cmpPS(cmpLT, x, c32(posInf32)))
	return l.branchAll32(ordinary, func() VecVirtual {
		f, k := log32SplitBits(l, x)
		return log32FromSplit(l, f, k, base)
	}, func() VecVirtual {
		tiny := l.cmpPS(cmpLT, x, c32(0x1p-126))
		f, k := log32SplitBits(l, l.blendPS(tiny, x, l.mul32(x, c32(0x1p23))))
		k = l.add32(k, l.blendPS(tiny, l.ld32(c32(0)), c32(-23)))
		res := log32FromSplit(l, f, k, base)
		res = l.blendPS(l.cmpPS(cmpEQ, x, c32(posInf32)), res, c32(posInf32))
		res = l.blendPS(l.cmpPS(cmpEQ, x, c32(0)), res, c32(-posInf32))
		return l.blendPS(l.cmpPS(cmpNGEUQ, x, c32(0)), res, cbits32(0x7fc00000))
	})
}

// log32SplitBits returns f = m - 1 and k (as a float32) with x = 2^k m and m in
// [sqrt(1/2), sqrt(2)) for positive normal x, from the bits of x/sqrt(1/2).
func log32SplitBits(l *level, x VecVirtual) (f, k VecVirtual) {
	ki, mb := l.vec(), l.vec()
	VPSUBD(cbits32(math.Float32bits(sqrtHalf32)), x, ki)
	VPSRAD(U8(23), ki, ki)
	VPSLLD(U8(23), ki, mb)
	VPSUBD(mb, x, mb)
	k = l.vec()
	VCVTDQ2PS(ki, k)
	return l.sub32(mb, c32(1)), k // exact
}

// log32FromSplit returns the log in base of 2^k (1 + f) for f in
// [sqrt(1/2)-1, sqrt(2)-1) and integer k.
func log32FromSplit(l *level, f, k VecVirtual, base log32Base) VecVirtual {
	hh, tail := log1p32Parts(l, f, nil)
	if base == baseE {
		return ln32Sum(l, f, k, hh, tail)
	}
	// log1p(f) = s + e + tail: |f| > f^2/2 >= hh, so f - hh is a Fast2Sum.
	s := l.sub32(f, hh)
	e := l.sub32(l.sub32(f, s), hh)
	cHi, cLo := float32(log2EHi32), float32(log2ELo32)
	if base == base10 {
		cHi, cLo = log10EHi32, log10ELo32
	}
	// s cHi = ph + pl exactly; pl gathers s cLo, e cHi, tail cHi and (base 10)
	// k log10(2)Lo, smallest first.
	ph := l.mul32(s, c32(cHi))
	pl := l.copy32(ph)
	l.vop(VFMSUB231PS, VFMSUB231PS_BCST, c32(cHi), s, pl) // s cHi - ph, exact
	l.vop(VFMADD231PS, VFMADD231PS_BCST, c32(cLo), s, pl)
	l.vop(VFMADD231PS, VFMADD231PS_BCST, c32(cHi), e, pl)
	l.vop(VFMADD231PS, VFMADD231PS_BCST, c32(cHi), tail, pl)
	kh := k // base 2: the k term is k itself
	if base == base10 {
		l.vop(VFMADD231PS, VFMADD231PS_BCST, c32(log10Of2Lo32), k, pl)
		kh = l.mul32(k, c32(log10Of2Hi32)) // exact: 16 significant bits times |k| <= 149
	}
	// kh + ph as r + er (Fast2Sum: |kh| > 0.3 > |ph| unless k = 0, and then kh = 0).
	r := l.add32(kh, ph)
	er := l.sub32(ph, l.sub32(r, kh))
	return l.add32(r, l.add32(er, pl))
}
