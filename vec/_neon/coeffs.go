package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
)

// coeffsFile is internal/libm/coeffs.go, relative to this generator's directory.
const coeffsFile = "../../internal/libm/coeffs.go"

// coeffs holds the float64 array variables of internal/libm/coeffs.go (polynomial fits and
// double-double constants), read from the source so that the assembly uses exactly
// the generic level's values.
var coeffs = mustLoadCoeffs(coeffsFile)

func mustLoadCoeffs(path string) map[string][]float64 {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		panic(err)
	}
	out := map[string][]float64{}
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 {
			return true
		}
		lit, ok := spec.Values[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		var vals []float64
		for _, e := range lit.Elts {
			v, err := literal(e)
			if err != nil {
				return true // not a flat float array (erfPieces)
			}
			vals = append(vals, v)
		}
		out[spec.Names[0].Name] = vals
		return true
	})
	return out
}

// coefRows returns the named array of float arrays of internal/libm/coeffs.go (erfPieces).
func coefRows(name string) [][]float64 {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, coeffsFile, nil, 0)
	if err != nil {
		panic(err)
	}
	var rows [][]float64
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 || spec.Names[0].Name != name {
			return true
		}
		for _, e := range spec.Values[0].(*ast.CompositeLit).Elts {
			var row []float64
			for _, v := range e.(*ast.CompositeLit).Elts {
				f, err := literal(v)
				if err != nil {
					panic(fmt.Sprintf("%s: %v", name, err))
				}
				row = append(row, f)
			}
			rows = append(rows, row)
		}
		return false
	})
	if rows == nil {
		panic("internal/libm/coeffs.go has no array of arrays " + name)
	}
	return rows
}

// literal evaluates a float literal, possibly negated.
func literal(e ast.Expr) (float64, error) {
	neg := false
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		neg, e = true, u.X
	}
	b, ok := e.(*ast.BasicLit)
	if !ok || (b.Kind != token.FLOAT && b.Kind != token.INT) {
		return 0, fmt.Errorf("not a number")
	}
	v, err := strconv.ParseFloat(b.Value, 64)
	if neg {
		v = -v
	}
	return v, err
}

// coef returns the named array of internal/libm/coeffs.go.
func coef(name string) []float64 {
	c, ok := coeffs[name]
	if !ok {
		panic("internal/libm/coeffs.go has no array " + name)
	}
	return c
}

// polyConsts declares the coefficients of a polynomial as packed constants named
// prefix0, prefix1, ... and returns the names, lowest degree first.
func polyConsts(prefix string, c []float64) ([]konst, []string) {
	var ks []konst
	var names []string
	for i, v := range c {
		n := fmt.Sprintf("%s%d", prefix, i)
		ks = append(ks, kf(n, v))
		names = append(names, n)
	}
	return ks, names
}
