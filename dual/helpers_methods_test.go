package dual

import (
	"math"
	"reflect"
	"testing"
)

// TestManyPartialTypesAgree checks, for every method of Number (whose rules have
// their own reference tests), that Jet, Hyper and DirJet have it too, that their
// values and first partials equal Number's, and that the second partials of Hyper and
// DirJet agree with central differences of Number's derivatives. It finds the methods
// by reflection, so a method added to the field template but not mirrored in the
// array or second-order templates fails here.
func TestManyPartialTypesAgree(t *testing.T) {
	type (
		num   = Number[float64]
		jet   = Jet[float64, [2]float64]
		hyper = Hyper2[float64]
		dir   = DirJet[float64, [2]float64]
	)
	numType := reflect.TypeFor[num]()
	// points to try in turn: the first where Number's values and derivatives are finite
	points := [][2]float64{{0.6, 1.3}, {1.6, 0.7}, {-0.4, 2.2}}
	const step = 1e-6
	const tol = 1e-6
	// derivatives returns, for each result of method m of Number at (x, y), the value
	// and the partials with respect to x and y.
	derivatives := func(m reflect.Method, x, y float64) (v, dx, dy []float64) {
		call := func(dirX, dirY float64) []reflect.Value {
			return m.Func.Call(methodArgs(m.Type, num{V: x, D: dirX}, num{V: y, D: dirY}, y))
		}
		rx, ry := call(1, 0), call(0, 1)
		for _, i := range dualResults(m.Type, numType) {
			v = append(v, rx[i].Interface().(num).V)
			dx = append(dx, rx[i].Interface().(num).D)
			dy = append(dy, ry[i].Interface().(num).D)
		}
		return v, dx, dy
	}
	allFinite := func(vs ...[]float64) bool {
		for _, v := range vs {
			for _, f := range v {
				if !isFinite(f) {
					return false
				}
			}
		}
		return true
	}
	for i := range numType.NumMethod() {
		m := numType.Method(i)
		if m.Type.NumOut() < 1 || m.Type.Out(0) != numType {
			continue // Value
		}
		binary := m.Type.NumIn() >= 2 && m.Type.In(1) == numType
		t.Run(m.Name, func(t *testing.T) {
			var x, y float64
			var v, dx, dy []float64
			for _, p := range points {
				x, y = p[0], p[1]
				v, dx, dy = derivatives(m, x, y)
				if allFinite(v, dx, dy) {
					break
				}
			}
			var methods [3]reflect.Method
			for k, typ := range []reflect.Type{reflect.TypeFor[jet](), reflect.TypeFor[hyper](), reflect.TypeFor[dir]()} {
				other, ok := typ.MethodByName(m.Name)
				if !ok {
					t.Fatalf("%v has no method %s", typ, m.Name)
				}
				if other.Type.NumIn() != m.Type.NumIn() || other.Type.NumOut() != m.Type.NumOut() {
					t.Fatalf("%s has signature %v on Number but %v on %v", m.Name, m.Type, other.Type, typ)
				}
				methods[k] = other
			}
			// Jet and Hyper with x in direction 0 and y in direction 1; DirJets also
			// differentiated along x (k = 0) and along y (k = 1).
			var ws Workspace[float64, [2]float64]
			var hw HyperWorkspace[float64, [2]float64, [3]float64]
			var dw DirWorkspace[float64, [2]float64]
			jm, hm, dm := methods[0], methods[1], methods[2]
			jouts := jm.Func.Call(methodArgs(jm.Type, ws.Var(x, 0), ws.Var(y, 1), y))
			houts := hm.Func.Call(methodArgs(hm.Type, hw.Var(x, 0), hw.Var(y, 1), y))
			var douts [2][]reflect.Value
			for k := range 2 {
				vx, vy := float64(1-k), float64(k)
				douts[k] = dm.Func.Call(methodArgs(dm.Type, dw.Var(x, vx, 0), dw.Var(y, vy, 1), y))
			}
			// Second partials: central differences of Number's first partials, in
			// direction k = 0 (x) and k = 1 (y); second[k][j][i] for the i-th dual result.
			var second [2][2][]float64
			for k := range 2 {
				hx, hy := step*float64(1-k), step*float64(k)
				_, dxp, dyp := derivatives(m, x+hx, y+hy)
				_, dxm, dym := derivatives(m, x-hx, y-hy)
				for i := range v {
					second[k][0] = append(second[k][0], (dxp[i]-dxm[i])/(2*step))
					second[k][1] = append(second[k][1], (dyp[i]-dym[i])/(2*step))
				}
			}
			for i, out := range dualResults(m.Type, numType) {
				// results of other types (Lgamma's sign) must be equal
				if i == 0 {
					nouts := m.Func.Call(methodArgs(m.Type, num{V: x}, num{V: y}, y))
					for r := range nouts {
						if m.Type.Out(r) == numType {
							continue
						}
						for _, other := range [][]reflect.Value{jouts, houts, douts[0]} {
							if !reflect.DeepEqual(other[r].Interface(), nouts[r].Interface()) {
								t.Errorf("result %d: Number %v, other type %v", r, nouts[r], other[r])
							}
						}
					}
				}
				jr, hr := jouts[out].Interface().(jet), houts[out].Interface().(hyper)
				if !same(jr.V, v[i]) || !same(hr.V, v[i]) {
					t.Errorf("result %d, value at (%v, %v): Number %v, Jet %v, Hyper %v", out, x, y, v[i], jr.V, hr.V)
				}
				for k, want := range []float64{dx[i], dy[i]} {
					dr := douts[k][out].Interface().(dir)
					if !same(jr.Partial(k), want) || !same(hr.Partial(k), want) || !same(dr.Partial(k), want) {
						t.Errorf("result %d, partial %d at (%v, %v): Number %v, Jet %v, Hyper %v, DirJet %v",
							out, k, x, y, want, jr.Partial(k), hr.Partial(k), dr.Partial(k))
					}
					if !same(dr.V, v[i]) || !same(dr.Dv, want) {
						t.Errorf("result %d, DirJet along %d at (%v, %v): value %v, derivative %v; Number %v, %v",
							out, k, x, y, dr.V, dr.Dv, v[i], want)
					}
				}
				for k := range 2 {
					dr := douts[k][out].Interface().(dir)
					for j := range 2 {
						want := second[k][j][i]
						if !binary && (j == 1 || k == 1) {
							want = 0 // y is not an argument
						}
						if got := hr.Partial2(j, k); !near(got, want, tol) {
							t.Errorf("result %d, Hyper second partial (%d, %d) at (%v, %v) = %v, differences give %v",
								out, j, k, x, y, got, want)
						}
						if got := dr.PartialV(j); !near(got, want, tol) {
							t.Errorf("result %d, DirJet derivative of partial %d along %d at (%v, %v) = %v, differences give %v",
								out, j, k, x, y, got, want)
						}
					}
				}
			}
		})
	}
}

// dualResults returns the indices of the results of method type mt that have type d.
func dualResults(mt, d reflect.Type) []int {
	var r []int
	for i := range mt.NumOut() {
		if mt.Out(i) == d {
			r = append(r, i)
		}
	}
	return r
}

// methodArgs returns the arguments of a method of type mt (receiver first) for
// receiver x, dual argument y and constant argument c; a second dual argument (Fma's
// z) is y too, and an int argument (PowInt's n) is 3.
func methodArgs[D any](mt reflect.Type, x, y D, c float64) []reflect.Value {
	args := []reflect.Value{reflect.ValueOf(x)}
	for i := 1; i < mt.NumIn(); i++ {
		switch in := mt.In(i); {
		case in == reflect.TypeFor[D]():
			args = append(args, reflect.ValueOf(y))
		case in.Kind() == reflect.Int:
			args = append(args, reflect.ValueOf(3).Convert(in))
		default:
			args = append(args, reflect.ValueOf(c).Convert(in))
		}
	}
	return args
}

// same reports whether a and b are equal or both NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestIntShapedMethods checks the methods whose signatures involve an int (Lgamma,
// Jn, Yn, Ldexp, Frexp, Modf) on Jet, Hyper and DirJet against closed forms built
// from package math: each result's value, first and second derivative in x.
func TestIntShapedMethods(t *testing.T) {
	const x = 2.5
	trigamma := math.Pi*math.Pi/2 - 4 - 4.0/9 // ψ'(2.5) = ψ'(1/2) - 1/(1/2)² - 1/(3/2)²
	const eulerGamma = 0.57721566490153286
	digamma := -eulerGamma - 2*math.Ln2 + 2 + 2.0/3 // ψ(1/2) + 1/(1/2) + 1/(3/2)
	jn := func(n int) float64 { return math.Jn(n, x) }
	yn := func(n int) float64 { return math.Yn(n, x) }
	lg, _ := math.Lgamma(x)
	frac, exp := math.Frexp(x)
	ip, fp := math.Modf(x)
	cases := []struct {
		method string
		args   []int
		// want[k] = {value, d, dd} of result k; ints are the non-dual results
		want [][3]float64
		ints []int
	}{
		{"Lgamma", nil, [][3]float64{{lg, digamma, trigamma}}, []int{1}},
		{"Jn", []int{3}, [][3]float64{{jn(3), (jn(2) - jn(4)) / 2, (jn(1) - 2*jn(3) + jn(5)) / 4}}, nil},
		{"Yn", []int{2}, [][3]float64{{yn(2), (yn(1) - yn(3)) / 2, (yn(0) - 2*yn(2) + yn(4)) / 4}}, nil},
		{"Ldexp", []int{-3}, [][3]float64{{x / 8, 1.0 / 8, 0}}, nil},
		{"Frexp", nil, [][3]float64{{frac, math.Ldexp(1, -exp), 0}}, []int{exp}},
		{"Modf", nil, [][3]float64{{ip, 0, 0}, {fp, 1, 0}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.method, func(t *testing.T) {
			var ws Workspace[float64, [1]float64]
			var hw HyperWorkspace[float64, [1]float64, [1]float64]
			var dw DirWorkspace[float64, [1]float64]
			for _, recv := range []any{ws.Var(x, 0), hw.Var(x, 0), dw.Var(x, 1, 0)} {
				m := reflect.ValueOf(recv).MethodByName(tc.method)
				if !m.IsValid() {
					t.Fatalf("%T has no method %s", recv, tc.method)
				}
				var args []reflect.Value
				for _, a := range tc.args {
					args = append(args, reflect.ValueOf(a))
				}
				outs := m.Call(args)
				for k, w := range tc.want {
					var v, d, dd float64
					switch r := outs[k].Interface().(type) {
					case Jet[float64, [1]float64]:
						v, d, dd = r.V, r.Partial(0), w[2]
					case Hyper[float64, [1]float64, [1]float64]:
						v, d, dd = r.V, r.Partial(0), r.Partial2(0, 0)
					case DirJet[float64, [1]float64]:
						v, d, dd = r.V, r.Partial(0), r.PartialV(0)
						if r.Dv != d {
							t.Errorf("%T.%s result %d: Dv = %v, partial %v", recv, tc.method, k, r.Dv, d)
						}
					}
					if !near(v, w[0], 1e-15) || !near(d, w[1], 1e-13) || !near(dd, w[2], 1e-12) {
						t.Errorf("%T.%s result %d = (%v, %v, %v), want (%v, %v, %v)", recv, tc.method, k, v, d, dd, w[0], w[1], w[2])
					}
				}
				for k, want := range tc.ints {
					if got := outs[len(tc.want)+k].Interface().(int); got != want {
						t.Errorf("%T.%s int result = %d, want %d", recv, tc.method, got, want)
					}
				}
			}
		})
	}
}
