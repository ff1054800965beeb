// Package dual implements forward-mode automatic differentiation with dual numbers.
package dual

//go:generate go run ./internal/gen -o .
