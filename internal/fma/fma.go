// Package fma computes float32 fused multiply-adds with one rounding, for packages
// dual and vec. The standard library has math.FMA for float64 only, and rounding its
// result to float32 rounds twice: (1+2^-12)² + 2^-60 lies just above the midpoint
// 1+2^-11+2^-24 of two float32 neighbours, math.FMA returns the midpoint itself, and
// float32 rounds that half to even, down, where a single rounding goes up.
package fma

import "math"

// Float32 returns a*b + c with a single rounding to float32. The product of two
// float32 is exact in float64; the float64 sum is then rounded to odd (its last bit
// set when inexact), which makes the final rounding to float32 correct (53 >= 24+2).
func Float32(a, b, c float32) float32 {
	p := float64(a) * float64(b)
	s := p + float64(c)
	if math.IsInf(s, 0) || math.IsNaN(s) || s == 0 {
		return float32(s)
	}
	// Exact error of the sum (Knuth's TwoSum).
	bb := s - p
	err := (p - (s - bb)) + (float64(c) - bb)
	if err != 0 {
		bits := math.Float64bits(s)
		if bits&1 == 0 {
			// Move one unit toward the exact value: that neighbour is odd.
			if (err > 0) == (s > 0) {
				bits++
			} else {
				bits--
			}
			s = math.Float64frombits(bits)
		}
	}
	return float32(s)
}
