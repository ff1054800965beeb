package vec

import "reflect"

// nilFields lists the names of the nil func fields of a kernel table.
func nilFields[T Float](k *floatKernels[T]) []string {
	var names []string
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		if v.Field(i).IsNil() {
			names = append(names, v.Type().Field(i).Name)
		}
	}
	return names
}
