package records

import (
	"strings"
	"testing"
)

// fieldsCase is a valid new case of fieldsProfile with every field set.
func fieldsCase(t *testing.T, p *Profile) *Case {
	t.Helper()
	c := &Case{Channel: "email", Summary: "s", Received: Date{2026, 2, 27}}
	for _, set := range [][2]string{{"district", "quebec"}, {"themes", "conjugal,elders"}, {"gender", "female"},
		{"deadline", "2026-03-01"}, {"birth", "1970-01-01"}, {"count", "3"}, {"value", "10"},
		{"remarks", "r"}, {"orders", "number=1,date=2026-01-05"}, {"prosecutor", p.Partners[0].Code}} {
		if err := p.SetField(c, set[0], set[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := Intake(c, p, testAct()); err != nil {
		t.Fatal(err)
	}
	c.ID = "2026-K7M2Q"
	return c
}

func TestValidateFieldsAcceptsSetFieldValues(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := fieldsCase(t, p)
	if ps := Validate(&Record{Case: *c}, p); HasErrors(ps) {
		t.Fatalf("problems: %v", ps)
	}
}

func TestValidateFields(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	for _, tc := range []struct {
		name   string
		set    FieldValue // replaces fields.name (zero: removes it)
		field  string
		msg    string
		hidden string
	}{
		{"distrct", FieldValue{Scalar: "quebec"}, "fields.distrct", `"distrct" is not declared (did you mean district?): declared fields: district, themes`, ""},
		{"Jane Doe", FieldValue{Scalar: "x"}, "fields", "a field whose name is not shown (it is not a field name) is not declared", "Jane"},
		{"district", FieldValue{Codes: []string{"quebec"}}, "fields.district", "expected a single value (one code: montreal, quebec), found a list of values", ""},
		{"district", FieldValue{Scalar: "laval"}, "fields.district", `unknown code "laval": use one of montreal, quebec`, ""},
		{"district", FieldValue{}, "fields.district", "missing: Judicial district is required from intake on", ""},
		{"themes", FieldValue{Scalar: "conjugal"}, "fields.themes", "expected a list of codes ([conjugal, elders]), found a single value", ""},
		{"themes", FieldValue{Codes: []string{"elders", "nope"}}, "fields.themes[1]", `unknown code "nope"`, ""},
		{"themes", FieldValue{Codes: []string{"elders", "elders"}}, "fields.themes[1]", `"elders" listed twice`, ""},
		{"gender", FieldValue{Scalar: "Jane"}, "fields.gender", "unknown code (value not shown: personal field)", "Jane"},
		{"birth", FieldValue{Scalar: "1970-1-1"}, "fields.birth", "(value not shown: personal field) is not a date", "1970"},
		{"count", FieldValue{Scalar: "+3"}, "fields.count", `"+3": a record writes this integer value "3"`, ""},
		{"value", FieldValue{Scalar: "10.5"}, "fields.value", `"10.5": a record writes this money value "10.50"`, ""},
		{"value", FieldValue{Scalar: "1 000"}, "fields.value", "is not an amount", ""},
		{"remarks", FieldValue{Scalar: "Jane\x00Doe"}, "fields.remarks", "contains a control character (U+0000) at byte 4", "Jane"},
		{"remarks", FieldValue{Items: []map[string]string{{"number": "1"}}}, "fields.remarks", "expected a single value (text), found a list of items", ""},
		{"orders", FieldValue{Scalar: "1"}, "fields.orders", "expected a list of items (- {number: ..., date: ..., amount: ...}), found a single value", ""},
		{"orders", FieldValue{Items: []map[string]string{{"number": "1"}, {}}}, "fields.orders[1]", "an empty item: give its sub-fields (number, date, amount), or remove it", ""},
		{"orders", FieldValue{Items: []map[string]string{{"numbr": "1"}}}, "fields.orders[0].numbr", `"numbr" is not declared (did you mean number?): sub-fields: number, date, amount`, ""},
		{"orders", FieldValue{Items: []map[string]string{{"date": "2026-02-30"}}}, "fields.orders[0].date", `"2026-02-30" is not a date`, ""},
	} {
		c := fieldsCase(t, p)
		c.Fields = Fields{}
		for k, v := range fieldsCase(t, p).Fields {
			c.Fields[k] = v
		}
		if tc.set.IsZero() {
			delete(c.Fields, tc.name)
		} else {
			c.Fields[tc.name] = tc.set
		}
		ps := Validate(&Record{Case: *c}, p)
		found := false
		for _, pr := range ps {
			if pr.Field == tc.field && strings.Contains(pr.Msg, tc.msg) {
				found = true
			}
			if tc.hidden != "" && strings.Contains(pr.Error(), tc.hidden) {
				t.Errorf("%s: a problem quotes a personal value: %s", tc.name, pr.Error())
			}
		}
		if !found {
			t.Errorf("%s = %+v:\n got %v\nwant %s: …%s…", tc.name, tc.set, ps, tc.field, tc.msg)
		}
	}
}

func TestValidateFieldsRequiredBefore(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := fieldsCase(t, p)
	delete(c.Fields, "deadline")
	if ps := Validate(&Record{Case: *c}, p); HasErrors(ps) {
		t.Fatalf("deadline is required before refer only, and the history has no refer: %v", ps)
	}
	c.History = append(c.History, Entry{At: c.History[0].At, By: "x", Do: "refer"})
	ps := Validate(&Record{Case: *c}, p)
	want := "fields.deadline: missing: Deadline is required before refer, which the history has (history[1])"
	found := false
	for _, pr := range ps {
		found = found || pr.Error() == want
	}
	if !found {
		t.Fatalf("got %v, want %s", ps, want)
	}
}

func TestIntakeRefusesMissingRequiredField(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := &Case{Channel: "email", Summary: "s"}
	err := Intake(c, p, testAct())
	ie, ok := err.(*InputError)
	if !ok || ie.Field != "fields.district" || ie.Msg != "missing: Judicial district is required to open a case (e.g. district=montreal)" {
		t.Fatalf("got %#v", err)
	}
}

func TestIntakeWritesFieldsCanonically(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := &Case{Channel: "email", Summary: "s", Fields: Fields{"district": {Scalar: " quebec"}, "value": {Scalar: "12.5"},
		"themes": {Codes: []string{" elders"}}, "orders": {Items: []map[string]string{{"amount": "3", "date": "2026-13-01"}}}, "count": {Scalar: "1,000"}}}
	if err := Intake(c, p, testAct()); err != nil {
		t.Fatal(err)
	}
	got := fmtAny(c.Fields)
	want := "map[count:{1,000 [] []} district:{quebec [] []} orders:{ [] [map[amount:3.00 date:2026-13-01]]} themes:{ [elders] []} value:{12.50 [] []}]"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
