package dual

import "math"

// Rules for the functions that round to an integer. They are piecewise constant, so
// their derivatives are 0; at the jumps, where no derivative exists, and for ±Inf
// and NaN the derivatives are 0 as well, as in PyTorch (floor, ceil, round and trunc
// all have zero gradients there).

func truncD[T Float](x T) (v, d T) { return T(math.Trunc(float64(x))), 0 }

func truncD2[T Float](x T) (v, d, dd T) { return T(math.Trunc(float64(x))), 0, 0 }

func floorD[T Float](x T) (v, d T) { return T(math.Floor(float64(x))), 0 }

func floorD2[T Float](x T) (v, d, dd T) { return T(math.Floor(float64(x))), 0, 0 }

func ceilD[T Float](x T) (v, d T) { return T(math.Ceil(float64(x))), 0 }

func ceilD2[T Float](x T) (v, d, dd T) { return T(math.Ceil(float64(x))), 0, 0 }

func roundD[T Float](x T) (v, d T) { return T(math.Round(float64(x))), 0 }

func roundD2[T Float](x T) (v, d, dd T) { return T(math.Round(float64(x))), 0, 0 }

func roundToEvenD[T Float](x T) (v, d T) { return T(math.RoundToEven(float64(x))), 0 }

func roundToEvenD2[T Float](x T) (v, d, dd T) { return T(math.RoundToEven(float64(x))), 0, 0 }
