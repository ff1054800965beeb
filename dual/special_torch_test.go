package dual

import (
	"fmt"
	"testing"
)

// torchSpecialDeviations lists every point of testdata/torch_special.txt where
// package dual deliberately differs from PyTorch 1.13, and why, keyed like
// torchDeviations. Where PyTorch has a real convention (acosh'(1) = atanh'(±1) =
// erfinv'(±1) = +Inf, digamma(±0) = ∓Inf, zero gradients of the rounding functions,
// fmod's partials 1 and -trunc(x/y), copysign'(0) = 0, relu'(0) = 0) dual follows
// it; the differences are NaNs of PyTorch's formulas at infinities and zeros, and
// dual's rule that a NaN value has NaN partials.
var torchSpecialDeviations = map[string]string{
	"asinh[+Inf]":   "the curvature tends to 0 and dual gives -0; PyTorch's -x/(1+x²)^1.5 gives NaN",
	"asinh[-Inf]":   "the curvature tends to 0 and dual gives +0; PyTorch's formula gives NaN",
	"acosh[+Inf]":   "the curvature tends to 0 and dual gives -0; PyTorch's formula gives NaN",
	"atanh[2]":      "outside [-1, 1] the value is NaN and dual's derivatives are NaN; PyTorch evaluates 1/(1-x²)",
	"erf[+Inf]":     "the curvature tends to 0 and dual gives 0; PyTorch's -2x·erf'(x) = -Inf·0 is NaN",
	"erf[-Inf]":     "the curvature tends to 0 and dual gives 0; PyTorch gives NaN",
	"erfc[+Inf]":    "the curvature tends to 0 and dual gives 0; PyTorch gives NaN",
	"erfc[-Inf]":    "the curvature tends to 0 and dual gives 0; PyTorch gives NaN",
	"lgamma[-1]":    "trigamma has a pole at -1 and dual gives +Inf; PyTorch's π²/sin²(πx) - … is 6.6e32",
	"lgamma[-2]":    "trigamma has a pole at -2 and dual gives +Inf; PyTorch gives 1.6e32",
	"hypot[0 0]":    "Hypot has no derivative at the origin; dual gives 0 for every partial, PyTorch NaN",
	"hypot[+Inf 3]": "the partials tend to (1, 0) and dual gives them; PyTorch's x/Hypot = Inf/Inf is NaN",
	"hypot[5 +Inf]": "the partials tend to (0, 1) and dual gives them; PyTorch gives NaN",
	"mod[+Inf 3]":   "a NaN value has NaN partials in dual; PyTorch gives 1 and -Inf",
	"mod[NaN 1]":    "a NaN value has NaN partials in dual; PyTorch gives 1 for x",
	"mod[5 0]":      "a NaN value has NaN partials in dual; PyTorch gives 1 and -Inf",
	"copysign[0 -1]": "second partials of a piecewise linear function are 0 in dual; PyTorch's " +
		"masked ratio gives NaN for d²/dx²",
	"copysign[-0 1]":   "as copysign[0 -1]",
	"copysign[+Inf 3]": "the slope is the sign, 1, and dual gives it; PyTorch's result/x = Inf/Inf is NaN",
	"copysign[NaN 1]":  "a NaN value has NaN partials in dual; PyTorch gives 0 for y",
	"dim[+Inf +Inf]":   "a NaN value has NaN partials in dual; PyTorch's relu(x-y) passes 1 and -1",
	"dim[NaN 1]":       "a NaN value has NaN partials in dual; PyTorch's relu(x-y) passes 1 and -1",
}

// roundingRules are the rounding rules, which have no plain-formula entry in
// specialUnaryRules.
var roundingRules = map[string]func(float64) (float64, float64, float64){
	"trunc": truncD2[float64], "floor": floorD2[float64], "ceil": ceilD2[float64],
	"round": roundD2[float64], "roundToEven": roundToEvenD2[float64],
}

func TestTorchSpecialConventions(t *testing.T) {
	used := map[string]bool{}
	unaries := specialUnaryRules[float64]()
	binaries := specialBinaryRules[float64]()
	for _, c := range loadRefs(t, "torch_special.txt") {
		key := c.Func + fmt.Sprint(c.In)
		var got []float64
		switch len(c.In) {
		case 1:
			if r, ok := unaries[c.Func]; ok {
				v, d, dd := r.d2(c.In[0])
				got = []float64{v, d, dd}
			} else if r, ok := roundingRules[c.Func]; ok {
				v, d, dd := r(c.In[0])
				got = []float64{v, d, dd}
			} else {
				t.Fatalf("%s: no rule %q", c.Pos, c.Func)
			}
		case 2:
			r, ok := binaries[c.Func]
			if !ok {
				t.Fatalf("%s: no rule %q", c.Pos, c.Func)
			}
			v, dx, dy, dxx, dxy, dyy := r.d2(c.In[0], c.In[1])
			got = []float64{v, dx, dy, dxx, dxy, dyy}
		}
		compareWithTorch(t, c, key, got, torchSpecialDeviations, used)
	}
	checkDeviationsUsed(t, torchSpecialDeviations, used, "torch_special.txt")
}
