package dual

// Shared loader for high-precision reference files and ULP helpers.
//
// Reference files live in testdata/ and are written by the scripts next to them
// (refs_elementary.py, refs_special.py) with python3-mpmath, computing with many
// more digits than float64 holds. Format, one case per line:
//
//	# comment (ignored, as are blank lines)
//	<func> <type> <in1> [<in2> ...] ; <out1> [<out2> ...]
//
//   - <func> is the rule prefix (sin, pow, atan2, ...), optionally with a suffix
//     naming a variant (e.g. "powint"); the test decides what it means.
//   - <type> is f64 or f32: the float type under test. For f32 every input is
//     exactly representable in float32.
//   - inputs are exact binary values written as Python float.hex() strings
//     (0x1.8000000000000p+1, -0x0.0p+0, inf, -inf, nan), which
//     strconv.ParseFloat reads exactly.
//   - outputs are decimal strings of the exact mathematical result to at least
//     40 significant digits (not rounded to the type), or inf, -inf, nan. For a
//     unary rule they are v, d, dd; for a binary rule v, dx, dy, dxx, dxy, dyy:
//     the rule's results in order. A "-" marks an output with no reference
//     (for example a derivative that does not exist at that point) and is
//     skipped by checkRef.
//
// Errors are measured against the exact reference in units in the last place of
// the type under test: ulpError returns |got - exact| / ulp(exact), so a
// correctly rounded result has error at most 0.5.

import (
	"bufio"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// refCase is one line of a reference file.
type refCase struct {
	Func string    // rule name, as written in the file
	Type string    // "f64" or "f32"
	In   []float64 // exact inputs
	Out  []string  // exact outputs as decimal strings, "-" for none
	Pos  string    // file:line, for messages
}

// loadRefs reads testdata/name and fails the test if the file is missing or
// malformed.
func loadRefs(t testing.TB, name string) []refCase {
	t.Helper()
	path := filepath.Join("testdata", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reference file: %v", err)
	}
	defer f.Close()
	var cases []refCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		pos := path + ":" + strconv.Itoa(line)
		lhs, rhs, ok := strings.Cut(text, ";")
		in := strings.Fields(lhs)
		if !ok || len(in) < 3 {
			t.Fatalf("%s: want \"<func> <type> <inputs> ; <outputs>\", got %q", pos, text)
		}
		c := refCase{Func: in[0], Type: in[1], Out: strings.Fields(rhs), Pos: pos}
		if c.Type != "f64" && c.Type != "f32" {
			t.Fatalf("%s: type %q is neither f64 nor f32", pos, c.Type)
		}
		for _, s := range in[2:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: input %q: %v", pos, s, err)
			}
			if c.Type == "f32" && float64(float32(x)) != x && x == x {
				t.Fatalf("%s: input %q is not a float32", pos, s)
			}
			c.In = append(c.In, x)
		}
		if len(c.Out) == 0 {
			t.Fatalf("%s: no outputs", pos)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return cases
}

// mantissaBits returns the number of explicit mantissa bits and the smallest
// exponent of a normal number of the float type of T.
func mantissaBits[T Float]() (bits int, minExp int) {
	var z T
	if _, ok := any(z).(float32); ok {
		return 23, -126
	}
	return 52, -1022
}

// ulpOf returns the unit in the last place of T at the magnitude of exact: the
// spacing of the floats of T around it, 2**-1074 or 2**-149 among subnormals.
func ulpOf[T Float](exact *big.Float) float64 {
	bits, minExp := mantissaBits[T]()
	exp := minExp
	if exact.Sign() != 0 {
		// MantExp returns exact = mant × 2**e with 0.5 <= |mant| < 1.
		if e := exact.MantExp(nil) - 1; e > minExp {
			exp = e
		}
	}
	return math.Ldexp(1, exp-bits)
}

// parseExact reads a decimal reference with 300 bits of precision.
func parseExact(s string) (*big.Float, error) {
	f, _, err := big.ParseFloat(s, 10, 300, big.ToNearestEven)
	return f, err
}

// ulpError returns |got - exact| in ulps of T at exact, where ref is the exact
// result as a decimal string or inf, -inf, nan. Special values must match
// exactly (0 error, else +Inf): a NaN reference wants a NaN, an infinite
// reference the same infinity. A finite reference beyond the range of T wants
// the infinity it rounds to.
func ulpError[T Float](got T, ref string) float64 {
	g := float64(got)
	switch strings.ToLower(ref) {
	case "nan":
		if g != g {
			return 0
		}
		return math.Inf(1)
	case "inf", "+inf":
		if math.IsInf(g, 1) {
			return 0
		}
		return math.Inf(1)
	case "-inf":
		if math.IsInf(g, -1) {
			return 0
		}
		return math.Inf(1)
	}
	exact, err := parseExact(ref)
	if err != nil {
		panic("bad reference " + strconv.Quote(ref) + ": " + err.Error())
	}
	if g != g {
		return math.Inf(1)
	}
	rounded, _ := strconv.ParseFloat(ref, bitSize[T]())
	if math.IsInf(rounded, 0) || math.IsInf(g, 0) {
		if rounded == g {
			return 0
		}
		return math.Inf(1)
	}
	diff := new(big.Float).SetPrec(300).Sub(new(big.Float).SetFloat64(g), exact)
	diff.Abs(diff)
	d, _ := diff.Float64()
	return d / ulpOf[T](exact)
}

// bitSize returns 32 or 64, the size of T for strconv.
func bitSize[T Float]() int {
	bits, _ := mantissaBits[T]()
	if bits == 23 {
		return 32
	}
	return 64
}

// checkRef reports an error if got is more than maxULP ulps from ref (see
// ulpError). A "-" reference is skipped. what names the quantity in messages.
func checkRef[T Float](t testing.TB, c refCase, what string, got T, ref string, maxULP float64) {
	t.Helper()
	if ref == "-" {
		return
	}
	if e := ulpError(got, ref); !(e <= maxULP) {
		t.Errorf("%s: %s%v %s = %v, want %s (%.3g ulp > %g)", c.Pos, c.Func, c.In, what, got, ref, e, maxULP)
	}
}

// ulpDistance returns the number of floats of T strictly between a and b plus
// one (0 if a == b, with -0 == +0; MaxUint64 if exactly one is NaN; 0 if both
// are NaN).
func ulpDistance[T Float](a, b T) uint64 {
	if a != a || b != b {
		if a != a && b != b {
			return 0
		}
		return math.MaxUint64
	}
	oa, ob := orderedBits(a), orderedBits(b)
	if oa > ob {
		return uint64(oa - ob)
	}
	return uint64(ob - oa)
}

// orderedBits maps a float to an integer that increases with the float, with
// -0 and +0 both mapping to 0.
func orderedBits[T Float](x T) int64 {
	var i int64
	if bitSize[T]() == 32 {
		i = int64(int32(math.Float32bits(float32(x))))
		if i < 0 {
			i = math.MinInt32 - i
		}
		return i
	}
	i = int64(math.Float64bits(float64(x)))
	if i < 0 {
		i = math.MinInt64 - i
	}
	return i
}

// TestULPHelpers checks the helpers on values whose errors are known exactly.
func TestULPHelpers(t *testing.T) {
	if e := ulpError(1.0, "1.0000000000000002220446049250313080847263336181640625"); e != 1 {
		t.Errorf("ulpError(1, 1+2**-52) = %v, want 1", e)
	}
	if e := ulpError(float32(1), "1.00000005960464477539062500"); e != 0.5 {
		t.Errorf("ulpError(float32 1, 1+2**-24) = %v, want 0.5", e)
	}
	if e := ulpError(5e-324, "0"); e != 1 {
		t.Errorf("ulpError(smallest subnormal, 0) = %v, want 1", e)
	}
	if e := ulpError(math.Inf(1), "1e400"); e != 0 {
		t.Errorf("ulpError(+Inf, 1e400) = %v, want 0", e)
	}
	if e := ulpError(math.MaxFloat64, "1e400"); !math.IsInf(e, 1) {
		t.Errorf("ulpError(MaxFloat64, 1e400) = %v, want +Inf", e)
	}
	if e := ulpError(math.NaN(), "nan"); e != 0 {
		t.Errorf("ulpError(NaN, nan) = %v, want 0", e)
	}
	if e := ulpError(0.0, "nan"); !math.IsInf(e, 1) {
		t.Errorf("ulpError(0, nan) = %v, want +Inf", e)
	}
	if d := ulpDistance(math.Copysign(0, -1), 5e-324); d != 1 {
		t.Errorf("ulpDistance(-0, 5e-324) = %d, want 1", d)
	}
	if d := ulpDistance(float32(-1), float32(1)); d != 2*0x3f800000 {
		t.Errorf("ulpDistance(float32 -1, 1) = %d, want %d", d, 2*0x3f800000)
	}
	if d := ulpDistance(1.0, math.Nextafter(1, 2)); d != 1 {
		t.Errorf("ulpDistance(1, next) = %d, want 1", d)
	}
}
