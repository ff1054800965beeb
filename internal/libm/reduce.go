package libm

import (
	"math"
	"math/bits"
)

// Argument reduction for sin, cos and tan: x = q pi/2 + r with |r| <= pi/4 (a little
// more for huge x), r returned as a double-double so that the kernels keep full
// accuracy even where x is very close to a multiple of pi/2.
//
//   - |x| <= pi/4: q = 0, r = x.
//   - |x| < 2^20: Cody-Waite with pi/2 = P1+P2+P3+P4 (pio2CW): P1..P3 have 33 bits, so
//     q*Pi is exact for q < 2^20; x - q*P1 is exact, the next two subtractions are
//     tracked with twoSum, and the 152 bits of pi/2 leave a relative error below 2^-70
//     even for the closest doubles to a multiple of pi/2.
//   - |x| >= 2^20: Payne-Hanek. Only the 192-bit window of 2/pi that can affect
//     x*2/pi mod 4 is multiplied by the 53-bit integer significand of x, in 64-bit
//     words; the top 2 bits of the product are the quadrant, the other 190 the
//     fraction, which is then multiplied by pi/2 in double-double.

// cwLimit is the largest |x| reduced with Cody-Waite.
const cwLimit = 0x1p20

// reducePio2 returns q and r = rh + rl with x = q pi/2 + r. x must be finite.
func reducePio2(x float64) (q int, rh, rl float64) {
	ax := math.Abs(x)
	switch {
	case ax <= math.Pi/4:
		return 0, x, 0
	case ax < cwLimit:
		k := math.RoundToEven(x * (2 / math.Pi))
		a := x - k*pio2CW[0] // exact
		h, l := twoSum(a, -k*pio2CW[1])
		h, l2 := twoSum(h, -k*pio2CW[2])
		rh, rl = fastTwoSum(h, (l+l2)-k*pio2CW[3])
		return int(k), rh, rl
	}
	q, rh, rl = payneHanek(ax)
	if x < 0 {
		return -q, -rh, -rl
	}
	return q, rh, rl
}

// twoOverPiWindow returns the 64 bits of 2/pi starting at bit p of twoOverPiBits
// (bit 0 is the most significant bit of the zero word).
func twoOverPiWindow(p int) uint64 {
	w, s := p/64, uint(p%64)
	hi := twoOverPiBits[w] << s
	if s == 0 || w+1 >= len(twoOverPiBits) {
		return hi
	}
	return hi | twoOverPiBits[w+1]>>(64-s)
}

// payneHanek reduces x >= 2^20 (finite).
func payneHanek(x float64) (q int, rh, rl float64) {
	b := math.Float64bits(x)
	m := b&(1<<52-1) | 1<<52     // integer significand
	ex := int(b>>52) - 1023 - 52 // x = m * 2^ex
	// Bit i of 2/pi (weight 2^-i) times m 2^ex is a multiple of 4 when ex-i >= 2, so
	// the window starts at bit i = ex-1, which sits at position i+63 of the table
	// (bit 1 is the top bit of the word after the leading zero word).
	p := ex - 1 + 63
	w2, w1, w0 := twoOverPiWindow(p), twoOverPiWindow(p+64), twoOverPiWindow(p+128)
	// m * (w2:w1:w0) mod 2^192, where 2^192 stands for 4 quarter turns.
	h0, r0 := bits.Mul64(m, w0)
	h1, l1 := bits.Mul64(m, w1)
	_, l2 := bits.Mul64(m, w2)
	r1, c := bits.Add64(l1, h0, 0)
	r2, _ := bits.Add64(l2, h1, c)
	// Top two bits: the quadrant; the other 190 bits: the fraction f in [0, 1) of a
	// quarter turn, shifted up to (f2:f1:f0) / 2^192.
	q = int(r2 >> 62)
	f2, f1, f0 := r2<<2|r1>>62, r1<<2|r0>>62, r0<<2
	neg := f2>>63 == 1
	if neg { // f >= 1/2: round the quadrant up and reduce by 1 - f instead
		q++
		f2, f1, f0 = ^f2, ^f1, ^f0 // 2^192 - 1 - f: off by one unit of 2^-192
	}
	// Normalise: shift the leading one to the top of f2, counting the shift in n.
	n := 0
	for f2 == 0 && n < 128 {
		f2, f1, f0 = f1, f0, 0
		n += 64
	}
	if f2 == 0 { // impossible for float64 inputs: the smallest fraction is near 2^-61
		return q & 3, 0, 0
	}
	if s := uint(bits.LeadingZeros64(f2)); s > 0 {
		f2, f1 = f2<<s|f1>>(64-s), f1<<s|f0>>(64-s)
		n += int(s)
	}
	// f = (f2 + f1 2^-64) 2^-64 2^-n; fh takes the top 53 bits exactly.
	scale := pow2(-n)
	fh := float64(f2>>11) * 0x1p-53 * scale
	fl := (float64(f2&(1<<11-1))*0x1p-64 + float64(f1)*0x1p-128) * scale
	rh, rl = mulDD(fh, fl, pio2DD[0], pio2DD[1])
	if neg {
		rh, rl = -rh, -rl
	}
	return q & 3, rh, rl
}
