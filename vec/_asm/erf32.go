package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 erf in float32 lanes. For a = |x| < 1/2, erf a = a + a G(a^2): a G is at
// most 0.13 a, so its rounding costs little and the sum rounds once at full weight.
// From 1/2 on, a polynomial of degree 7 in t = a - mid on each of eight pieces of
// [1/2, 4) of width 7/16, erf a = c0 + (c0lo + t P(t)), with the constant term as a
// float32 pair (erf is near 1 there, where its own rounding would cost half an ULP)
// and |t P(t)| below 0.15 and erf a above 0.52. Each lane reads the coefficients of
// its piece with one VPERMPS per coefficient (the piece number is the permutation
// index). a is clamped to 3.99, where erf already rounds to 1 (a NaN passes), and erf
// takes the sign of x (±0 stays ±0). Measured: within 0.755 ULP of Go's float64 erf
// over all float32 inputs (G on all of [0, 1] measured 0.94 ULP near 1, where the
// Horner steps of G round at a quarter of the result's magnitude).

// erf32G holds G with erf(a) ~ a + a G(a^2) for a in [0, 1/2] (highest degree
// first): mpmath's chebyfit of erf(a)/a - 1 in s = a^2 on [0, 1/4], absolute error
// 1.5e-9.
var erf32G = []float32{0.004719082731753588, -0.026757732033729553, 0.1128283143043518,
	-0.37612608075141907, 0.12837916612625122}

// erf32Pieces holds, for each piece i of [1/2, 4) (a in [1/2 + 7i/16, 1/2 + 7(i+1)/16]),
// the coefficients c0..c7 (lowest degree first) of erf(mid + t), mid its midpoint:
// mpmath's chebyfit on the piece (widened by 1e-6 for the rounding of the index)
// rounded to float32, absolute error below 2.5e-10; erf32PiecesLow holds
// c0 - float32(c0).
var erf32Pieces = [][]float32{
	{0.6905924677848816, 0.6731283068656921, -0.4838108718395233, 0.007449880242347717, 0.15858319401741028, -0.04781921207904816, -0.0305047407746315, 0.017341837286949158},
	{0.8979896306991577, 0.2963743805885315, -0.3426830470561981, 0.16535992920398712, 0.018646065145730972, -0.05822376906871796, 0.016897359862923622, 0.008088197559118271},
	{0.975797712802887, 0.08898772299289703, -0.14182421565055847, 0.12102566659450531, -0.04916466400027275, -0.004967660643160343, 0.015651656314730644, -0.00584532180801034},
	{0.9959291815757751, 0.018220748752355576, -0.03701085224747658, 0.044045332819223404, -0.032401006668806076, 0.013108957558870316, -8.810585859464481e-05, -0.0029952896293252707},
	{0.999519407749176, 0.002544186543673277, -0.006280951201915741, 0.00948934443295002, -0.00962074100971222, 0.0066534955985844135, -0.0028768714983016253, 0.0004419519391376525},
	{0.9999604225158691, 0.00024225811648648232, -0.0007040663622319698, 0.0012833684450015426, -0.001629817415960133, 0.001510127680376172, -0.0010412922129034996, 0.000493509927764535},
	{0.9999977350234985, 1.5730927771073766e-05, -5.2601975767174736e-05, 0.00011201178858755156, -0.00016955954197328538, 0.0001933529565576464, -0.00017618430138099939, 0.00011882371472893283},
	{0.9999999403953552, 6.965894385757565e-07, -2.6342465844209073e-06, 6.40777534499648e-06, -1.1208597243239637e-05, 1.5057352356961928e-05, -1.6927593605942093e-05, 1.4214059774531052e-05},
}

var erf32PiecesLow = []float32{7.753899744500359e-10, -2.1247187120820854e-08, 7.828867332193568e-09,
	6.5572353102894e-10, -1.2471931043478435e-08, 2.1543069550489236e-08,
	6.211505088060676e-09, -2.9574813709132286e-08}

// Piece layout of erf32Pieces: [erf32Start, erf32Start + 8 erf32Width).
const (
	erf32Start = 0.5
	erf32Width = 7.0 / 16
	erf32Clamp = 3.99 // below the end of the last piece; erf rounds to 1 from 3.92 on
	erf32Row   = 64   // bytes per table row: 16 float32, the eight pieces and zeros
)

var erf32TabMem *Mem

// erf32Table returns the coefficient table: rows 0..deg hold the coefficient of t^k of
// every piece, then one row of piece midpoints and one of the constants' low parts.
// A row is 16 float32 wide, as VPERMPS reads it on AVX-512 (AVX2 reads the first 8).
func erf32Table() (tab Mem, deg int) {
	deg = len(erf32Pieces[0]) - 1
	if erf32TabMem == nil {
		m := GLOBL("erf32tab", RODATA|NOPTR)
		for k := 0; k <= deg+2; k++ {
			for i := 0; i < 16; i++ {
				var v float32
				switch {
				case i >= len(erf32Pieces):
				case k <= deg:
					v = erf32Pieces[i][k]
				case k == deg+1:
					v = erf32Start + (float32(i)+0.5)*erf32Width
				default:
					v = erf32PiecesLow[i]
				}
				DATA(k*erf32Row+4*i, U32(math.Float32bits(v)))
			}
		}
		erf32TabMem = &m
	}
	return *erf32TabMem, deg
}

// erf32LanesBody computes erf of every float32 lane of x.
func erf32LanesBody(l *level, x VecVirtual) VecVirtual {
	a := abs32(l, x)
	VMINPS(a, l.ld32(c32(erf32Clamp)), a) // second source a: a NaN passes
	small := l.copy32(a)
	VFMADD213PS(a, l.horner32(l.mul32(a, a), erf32G...), small) // a G(a^2) + a

	tab, deg := erf32Table()
	base := loadAddr(tab)
	// The piece of each lane (lanes below 1 read some piece and are discarded).
	idx := l.vec()
	VCVTTPS2DQ(l.mul32(l.sub32(a, c32(erf32Start)), c32(1/erf32Width)), idx)
	row := func(k int) VecVirtual {
		d := l.vec()
		VPERMPS(Mem{Base: base, Disp: k * erf32Row}, idx, d)
		return d
	}
	t := l.sub32(a, row(deg+1)) // exact: a and mid are within a factor 2
	p := row(deg)
	for k := deg - 1; k >= 1; k-- {
		VFMADD213PS(row(k), t, p) // p = t*p + c_k
	}
	VFMADD213PS(row(deg+2), t, p) // t P(t) + c0lo
	big := l.add32(row(0), p)
	res := l.blendPS(l.cmpPS(cmpLT, a, c32(erf32Start)), big, small)
	return or32(l, res, sign32(l, x))
}

// genErf32 emits the float32 erf kernel.
func genErf32(l *level) {
	emitStream(l, stream{
		name: fname("erf", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{erf32LanesBody(l, in[0])} },
	})
}
