package vec

import "fmt"

// panicLen reports a length mismatch between two arguments of kernel op.
func panicLen(op, nameA string, lenA int, nameB string, lenB int) {
	panic(fmt.Sprintf("vec.%s: length mismatch: len(%s)=%d, len(%s)=%d", op, nameA, lenA, nameB, lenB))
}

// check2 panics unless len(a) == len(b).
func check2[T Float](op string, a, b []T, nameA, nameB string) {
	if len(a) != len(b) {
		panicLen(op, nameA, len(a), nameB, len(b))
	}
}

// check3 panics unless dst, a and b have equal lengths.
func check3[T Float](op string, dst, a, b []T, nameA, nameB string) {
	check3Named(op, dst, a, b, "dst", nameA, nameB)
}

// check3Named is check3 with the name of the first slice too.
func check3Named[T Float](op string, dst, a, b []T, nameDst, nameA, nameB string) {
	if len(a) != len(dst) {
		panicLen(op, nameDst, len(dst), nameA, len(a))
	}
	if len(b) != len(dst) {
		panicLen(op, nameDst, len(dst), nameB, len(b))
	}
}

// checkDual panics unless every column of x has the length of ref's value column and x
// has as many tangent columns as ref.
func checkDual[T Float](op, name string, ref, x Dual[T]) {
	if len(x.V) != len(ref.V) {
		panicLen(op, "dst.V", len(ref.V), name+".V", len(x.V))
	}
	if len(x.D) != len(ref.D) {
		panic(fmt.Sprintf("vec.%s: tangent count mismatch: len(dst.D)=%d, len(%s.D)=%d", op, len(ref.D), name, len(x.D)))
	}
	for k, col := range x.D {
		if len(col) != len(ref.V) {
			panicLen(op, "dst.V", len(ref.V), fmt.Sprintf("%s.D[%d]", name, k), len(col))
		}
	}
}
