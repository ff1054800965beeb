// Package bench holds the benchmarks that check dualgrad's speed targets against
// hand-written code and against peer libraries (gonum's num/dual and num/hyperdual),
// and the helpers they share: the seed function f(x, y) = sin(xy)/sin(x) written once
// per implementation, the Rosenbrock gradient, and a deterministic point generator that
// the C and Python peers in bench/peers reproduce bit for bit.
//
// It is its own module so that peers such as gonum never enter the library's go.mod.
// Speed is only ever measured here, with go test -bench; no test asserts a time.
package bench
