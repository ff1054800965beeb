//go:build !purego

package vec

import (
	"math"
	"math/big"
	"sync"
)

// High-precision references for the transcendental kernel tests, computed with
// math/big from series (independent of every kernel under test).

// refPrec is the working precision of the references in bits; refPiPrec is the
// precision of pi, enough to reduce the largest float64 (2^1024) exactly.
const (
	refPrec   = 200
	refPiPrec = 1400
)

var (
	refConstOnce sync.Once
	refPi        *big.Float // pi to refPiPrec bits
	refLn2       *big.Float // ln 2 to refPrec+64 bits
)

func bf(prec uint, x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }

// atanInv returns atan(1/n) = sum (-1)^k / ((2k+1) n^(2k+1)) at precision prec.
func atanInv(n int64, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	nn := new(big.Float).SetPrec(prec).SetInt64(n * n)
	pow := new(big.Float).SetPrec(prec).Quo(bf(prec, 1), new(big.Float).SetPrec(prec).SetInt64(n)) // 1/n^(2k+1)
	eps := new(big.Float).SetPrec(prec).SetMantExp(bf(prec, 1), -int(prec)-8)
	for k := int64(0); ; k++ {
		term := new(big.Float).SetPrec(prec).Quo(pow, new(big.Float).SetPrec(prec).SetInt64(2*k+1))
		if k%2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		if term.Cmp(eps) < 0 {
			return sum
		}
		pow.Quo(pow, nn)
	}
}

// atanhSeries returns atanh(t) = sum t^(2k+1)/(2k+1) for |t| < 1/2 at precision prec.
func atanhSeries(t *big.Float, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	t2 := new(big.Float).SetPrec(prec).Mul(t, t)
	pow := new(big.Float).SetPrec(prec).Set(t)
	eps := new(big.Float).SetPrec(prec).SetMantExp(bf(prec, 1), -int(prec)-8)
	for k := int64(0); ; k++ {
		term := new(big.Float).SetPrec(prec).Quo(pow, new(big.Float).SetPrec(prec).SetInt64(2*k+1))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			return sum
		}
		pow.Mul(pow, t2)
	}
}

func refConsts() {
	refConstOnce.Do(func() {
		// Machin: pi = 16 atan(1/5) - 4 atan(1/239).
		a := atanInv(5, refPiPrec+32)
		b := atanInv(239, refPiPrec+32)
		a.Mul(a, bf(refPiPrec+32, 16))
		b.Mul(b, bf(refPiPrec+32, 4))
		refPi = new(big.Float).SetPrec(refPiPrec).Sub(a, b)
		// ln 2 = 2 atanh(1/3).
		p := uint(refPrec + 64)
		l := atanhSeries(new(big.Float).SetPrec(p).Quo(bf(p, 1), bf(p, 3)), p)
		refLn2 = l.Mul(l, bf(p, 2))
	})
}

// refExp returns exp(x) for finite x.
func refExp(x float64) *big.Float { return refExpBig(bf(refPrec, x)) }

// refExp2 returns 2^x for finite x.
func refExp2(x float64) *big.Float {
	refConsts()
	return refExpBig(new(big.Float).SetPrec(refPrec).Mul(bf(refPrec, x), refLn2))
}

// refExpBig returns exp(bx) for a finite bx.
func refExpBig(bx *big.Float) *big.Float {
	refConsts()
	p := uint(refPrec)
	if xf, _ := bx.Float64(); math.Abs(xf) > 2000 { // far beyond the float64 range either way
		return new(big.Float).SetPrec(p).SetMantExp(bf(p, 1), int(math.Copysign(3000, xf)))
	}
	kf, _ := new(big.Float).Quo(bx, refLn2).Float64()
	k := math.Round(kf)
	r := new(big.Float).SetPrec(p).Sub(bx, new(big.Float).SetPrec(p).Mul(bf(p, k), refLn2))
	// Taylor series of exp(r), |r| <= 0.35.
	sum := bf(p, 1)
	term := bf(p, 1)
	eps := new(big.Float).SetMantExp(bf(p, 1), -int(p)-8)
	for n := 1; ; n++ {
		term.Mul(term, r)
		term.Quo(term, bf(p, float64(n)))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	return sum.SetMantExp(sum, int(k))
}

// refLog returns log(x) for finite x > 0.
func refLog(x float64) *big.Float {
	refConsts()
	p := uint(refPrec)
	m := bf(p, x)
	e := m.MantExp(m) // x = m * 2^e, m in [0.5, 1)
	if m.Cmp(bf(p, math.Sqrt2/2)) < 0 {
		m.Mul(m, bf(p, 2))
		e--
	}
	t := new(big.Float).SetPrec(p).Quo(new(big.Float).SetPrec(p).Sub(m, bf(p, 1)), new(big.Float).SetPrec(p).Add(m, bf(p, 1)))
	l := atanhSeries(t, p)
	l.Mul(l, bf(p, 2))
	return l.Add(l, new(big.Float).SetPrec(p).Mul(bf(p, float64(e)), refLn2))
}

// refLogBase returns log(x)/log(base) for finite x > 0 and base 2 or 10.
func refLogBase(x float64, base int) *big.Float {
	refConsts()
	p := uint(refPrec)
	l := refLog(x)
	lb := new(big.Float).SetPrec(p).Set(refLn2)
	if base == 10 {
		// ln 10 = 3 ln 2 + ln(5/4) = 3 ln 2 + 2 atanh(1/9)
		a := atanhSeries(new(big.Float).SetPrec(p).Quo(bf(p, 1), bf(p, 9)), p)
		lb.Mul(lb, bf(p, 3))
		lb.Add(lb, a.Mul(a, bf(p, 2)))
	}
	return l.Quo(l, lb)
}

// refTan returns tan(x) for finite x.
func refTan(x float64) *big.Float {
	s, c := refSinCos(x)
	return s.Quo(s, c)
}

// refSinCos returns sin(x) and cos(x) for finite x.
func refSinCos(x float64) (s, c *big.Float) {
	refConsts()
	p := uint(refPrec)
	// r = x - k*pi/2 with k = round(x*2/pi), computed with pi to refPiPrec bits.
	hp := new(big.Float).SetPrec(refPiPrec).Quo(refPi, bf(refPiPrec, 2))
	bx := bf(refPiPrec, x)
	kq := new(big.Float).SetPrec(refPiPrec).Quo(bx, hp)
	kint, _ := kq.Int(nil) // truncated toward zero
	frac := new(big.Float).SetPrec(refPiPrec).Sub(kq, new(big.Float).SetPrec(refPiPrec).SetInt(kint))
	if frac.Cmp(bf(refPiPrec, 0.5)) > 0 {
		kint.Add(kint, big.NewInt(1))
	} else if frac.Cmp(bf(refPiPrec, -0.5)) < 0 {
		kint.Sub(kint, big.NewInt(1))
	}
	r := new(big.Float).SetPrec(refPiPrec).Sub(bx, new(big.Float).SetPrec(refPiPrec).Mul(new(big.Float).SetPrec(refPiPrec).SetInt(kint), hp))
	r.SetPrec(p)
	// Taylor series of sin and cos on |r| <= pi/4 (+ a little).
	sn, cs := bf(p, 0), bf(p, 1)
	term := bf(p, 1)
	eps := new(big.Float).SetMantExp(bf(p, 1), -int(p)-8)
	for n := 1; ; n++ {
		term.Mul(term, r)
		term.Quo(term, bf(p, float64(n)))
		switch n % 4 {
		case 1:
			sn.Add(sn, term)
		case 2:
			cs.Sub(cs, term)
		case 3:
			sn.Sub(sn, term)
		case 0:
			cs.Add(cs, term)
		}
		if new(big.Float).Abs(term).Cmp(eps) < 0 && n > 2 {
			break
		}
	}
	switch new(big.Int).And(kint, big.NewInt(3)).Int64() {
	case 0:
		return sn, cs
	case 1:
		return cs, sn.Neg(sn)
	case 2:
		return sn.Neg(sn), cs.Neg(cs)
	default:
		return cs.Neg(cs), sn
	}
}

// ulpErr returns |got - ref| in units of the last place of the float type with
// mantBits fraction bits and minimum normal exponent minExp, at the exact value ref.
func ulpErr(got float64, ref *big.Float, mantBits, minExp int) float64 {
	if ref.Sign() == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	e := ref.MantExp(nil) - 1 // |ref| in [2^e, 2^(e+1))
	if e < minExp {
		e = minExp
	}
	d := new(big.Float).SetPrec(refPrec).Sub(bf(refPrec, got), ref)
	d.SetMantExp(d, mantBits-e)
	f, _ := d.Float64()
	return math.Abs(f)
}
