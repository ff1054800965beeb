package dual

// Const returns the constant c as a dual number of type D, with every derivative
// zero. It is how generic code written against [Scalar] makes constants:
//
//	one := dual.Const[D](1.0)
//
// It relies on the zero value of every dual type being the constant 0.
func Const[D Scalar[D, T], T Float](c T) D {
	var zero D
	return zero.AddConst(c)
}
