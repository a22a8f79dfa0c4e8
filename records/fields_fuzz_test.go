package records

import (
	"testing"
)

// FuzzSetField: any value for any field either is refused with an InputError naming the field,
// or is stored in a form that validation accepts and that SetField reads back unchanged.
func FuzzSetField(f *testing.F) {
	for _, seed := range [][2]string{{"district", "quebec"}, {"themes", "elders, conjugal"}, {"value", "1234.5"}, {"value", "0012.30"},
		{"count", "+007"}, {"deadline", "2026-02-29"}, {"remarks", "a\nb\tc"}, {"orders", "number=1,2,date=2026-01-05"},
		{"orders", "amount=1,number==x"}, {"prosecutor", "x"}, {"value", "9999999999999.99"}, {"count", "-0"}} {
		f.Add(seed[0], seed[1])
	}
	p := fieldsProfile(f)
	f.Fuzz(func(t *testing.T, name, value string) {
		c := &Case{}
		err := p.SetField(c, name, value)
		if err != nil {
			ie, ok := err.(*InputError)
			if !ok || ie.Field != FieldPath(name) {
				t.Fatalf("SetField(%q, %q) = %#v, want an InputError naming fields.%s", name, value, err, name)
			}
			if len(c.Fields) != 0 {
				t.Fatalf("refused but set: %v", c.Fields)
			}
			return
		}
		var ps []Problem
		p.valueProblems(p.Fields.Find(name), FieldPath(name), c.Field(name), func(field, format string, args ...any) {
			ps = append(ps, Problem{Field: field, Msg: format})
		})
		if len(ps) > 0 {
			t.Fatalf("SetField(%q, %q) stored %#v, which validation refuses: %v", name, value, c.Field(name), ps)
		}
		if v := c.Field(name); v.Scalar != "" {
			again := &Case{}
			if err := p.SetField(again, name, v.Scalar); err != nil || again.Field(name).Scalar != v.Scalar {
				t.Fatalf("the stored %q does not read back: %v %#v", v.Scalar, err, again.Field(name))
			}
		}
	})
}
