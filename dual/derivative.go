package dual

// Derivative returns f(x) and its derivative f'(x), from one evaluation of f with the
// single-tangent dual number [Number].
func Derivative[T Float](f func(Number[T]) Number[T], x T) (v, d T) {
	r := f(Number[T]{V: x, D: 1})
	return r.V, r.D
}
