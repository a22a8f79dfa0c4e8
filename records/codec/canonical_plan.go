package codec

import (
	"reflect"
	"sync"

	"github.com/dossier-dev/dossier/records"
)

// A plan is what the canonical reader knows of a Go type of the model: how a value of it is
// written in a record file. It follows the same rules as the strict decoder (decodeNode): a
// pointer to a struct, the declared fields, a text unmarshaler, a string, a slice, a struct,
// in that order. A type the strict decoder cannot decode has no plan the reader accepts.
type plan struct {
	kind  planKind
	elem  *plan          // slice and pointer element
	names map[string]int // struct: yaml field name -> index into fields
	field []*plan        // struct: the plan of each field, by index
}

type planKind uint8

const (
	planUnsupported planKind = iota
	planString
	planStrings // []string exactly
	planDate
	planTimestamp
	planText // another encoding.TextUnmarshaler
	planSlice
	planStruct
	planPtrStruct
	planFields
)

var (
	typeDate      = reflect.TypeFor[records.Date]()
	typeTimestamp = reflect.TypeFor[records.Timestamp]()
	typeFields    = reflect.TypeFor[records.Fields]()
	typeStrings   = reflect.TypeFor[[]string]()
)

// casePlan is the plan of records.Case, built the first time a record is read and only read
// afterwards.
var casePlan = sync.OnceValue(func() *plan { return newPlan(reflect.TypeFor[records.Case](), map[reflect.Type]*plan{}) })

func newPlan(t reflect.Type, seen map[reflect.Type]*plan) *plan {
	if p, ok := seen[t]; ok {
		return p
	}
	p := &plan{}
	seen[t] = p
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		p.kind, p.elem = planPtrStruct, newPlan(t.Elem(), seen)
	case t == typeFields:
		p.kind = planFields
	case t == typeDate:
		p.kind = planDate
	case t == typeTimestamp:
		p.kind = planTimestamp
	case reflect.PointerTo(t).Implements(textUnmarshaler):
		p.kind = planText
	case t.Kind() == reflect.String:
		p.kind = planString
	case t == typeStrings:
		p.kind = planStrings
	case t.Kind() == reflect.Slice:
		p.kind, p.elem = planSlice, newPlan(t.Elem(), seen)
	case t.Kind() == reflect.Struct && t.NumField() <= 64: // a bit per field finds duplicates
		p.kind = planStruct
		p.names = structFields(t)
		p.field = make([]*plan, t.NumField())
		for i := range t.NumField() {
			p.field[i] = newPlan(t.Field(i).Type, seen)
		}
	}
	return p
}

// scalar reports whether a value of the plan is written as one scalar.
func (p *plan) scalar() bool {
	switch p.kind {
	case planString, planDate, planTimestamp, planText:
		return true
	}
	return false
}
