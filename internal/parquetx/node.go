package parquetx

import (
	"reflect"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// group is a Parquet group whose columns keep the order they are declared in (parquet.Group is
// a map and sorts them by name): the documented schema reads like the record, id first. Its
// rows are map[string]any.
type group []parquet.Field

// column names one node of a group.
type column struct {
	parquet.Node
	name string
}

func (c *column) Name() string { return c.name }

// Value is the column's value in a row of the group: a map[string]any (or an interface
// holding one); a missing key is an invalid value, which the writer takes as null.
func (c *column) Value(base reflect.Value) reflect.Value {
	for base.Kind() == reflect.Interface || base.Kind() == reflect.Pointer {
		if base.IsNil() {
			return reflect.Value{}
		}
		base = base.Elem()
	}
	if base.Kind() != reflect.Map {
		return reflect.Value{}
	}
	return base.MapIndex(reflect.ValueOf(c.name))
}

// col is the column name of type n.
func col(name string, n parquet.Node) parquet.Field { return &column{Node: n, name: name} }

func (g group) ID() int                     { return 0 }
func (g group) String() string              { return parquet.NewSchema("group", g).String() }
func (g group) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g group) Optional() bool              { return false }
func (g group) Repeated() bool              { return false }
func (g group) Required() bool              { return true }
func (g group) Leaf() bool                  { return false }
func (g group) Fields() []parquet.Field     { return g }
func (g group) Encoding() encoding.Encoding { return nil }
func (g group) Compression() compress.Codec { return nil }
func (g group) GoType() reflect.Type        { return reflect.TypeFor[map[string]any]() }
