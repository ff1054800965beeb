package main

import (
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Double-double lane helpers: a value carried as an unevaluated sum hi + lo with
// |lo| <= ulp(hi)/2, so intermediate results keep about 106 bits and only the final
// addition rounds at full weight.

// dd is a double-double vector.
type dd struct{ hi, lo VecVirtual }

// twoSum returns s + e = a + b exactly, s = fl(a+b), for any magnitudes.
func (l *level) twoSum(a, b VecVirtual) dd {
	s := l.add(a, b)
	bb := l.sub(s, a)
	e := l.add(l.sub(a, l.sub(s, bb)), l.sub(b, bb))
	return dd{s, e}
}

// fastTwoSum returns s + e = a + b exactly when a is zero or |a| >= |b| (exponent-wise).
func (l *level) fastTwoSum(a VecVirtual, b Op) dd {
	s := l.add(a, b)
	e := l.sub(l.asReg(b), l.sub(s, a))
	return dd{s, e}
}

// twoProd returns p + e = a*b exactly (barring underflow), p = fl(a*b).
func (l *level) twoProd(a VecVirtual, b Op) dd {
	p := l.mul(a, b)
	return dd{p, l.fms(a, l.asReg(b), p)}
}

// asReg returns op as a register, loading it when it is a constant.
func (l *level) asReg(op Op) VecVirtual {
	if r, ok := op.(VecVirtual); ok {
		return r
	}
	return l.ld(op)
}

// neg returns -a for float64 lanes (sign flip, exact).
func (l *level) neg(a VecVirtual) VecVirtual { return f64.neg(l, a) }

// sum returns the double-double a rounded to one double.
func (l *level) sum(a dd) VecVirtual { return l.add(a.hi, a.lo) }
