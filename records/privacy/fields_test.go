package privacy

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// fieldsCase is a case with a value in every declared field of rectest.FieldsYAML.
func fieldsCase(t *testing.T, p *records.Profile) *records.Case {
	c := &records.Case{ID: "2026-K7M2Q"}
	rectest.SetFields(t, p, c, "district=quebec", "themes=conjugal", "value=12", "nickname=Zorblax", "remarks=Quintavius", "orders=number=A-1,date=2026-01-05")
	return c
}

func TestRedactForDeclaredFields(t *testing.T) {
	p := rectest.FieldsProfile(t)
	c := fieldsCase(t, p)
	pol := Policy{
		"public":  {"class:public"},
		"byname":  {"fields.nickname", "fields.orders.number"},
		"all":     {"fields", "-fields.remarks"},
		"nothing": {"class:internal", "-fields"},
	}
	for _, tc := range []struct{ audience, want string }{
		{"public", "district"},
		{"byname", "nickname orders"},
		{"all", "district nickname orders themes value"},
		{"nothing", ""},
		{records.AudienceInternal, "district nickname orders remarks themes value"},
	} {
		got, err := RedactFor(p, c, pol, tc.audience)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for name := range got.Fields {
			names = append(names, name)
		}
		slices.Sort(names)
		if strings.Join(names, " ") != tc.want {
			t.Errorf("%s sees %v, want %s", tc.audience, names, tc.want)
		}
	}
	got, _ := RedactFor(p, c, pol, "byname")
	if want := []map[string]string{{"number": "A-1"}}; !reflect.DeepEqual(got.Fields["orders"].Items, want) {
		t.Errorf("a list keeps the sub-fields granted: %v", got.Fields["orders"].Items)
	}
	// without the profile the declared fields are one confidential group
	if got, _ := Redact(c, pol, "public"); got.Fields != nil {
		t.Errorf("without the profile the public sees %v", got.Fields)
	}
	// the copy shares nothing with the case
	got, _ = RedactFor(p, c, pol, records.AudienceInternal)
	got.Fields["themes"].Codes[0] = "changed"
	if c.Fields["themes"].Codes[0] != "conjugal" {
		t.Error("the redacted copy shares its codes with the case")
	}
}

func TestPolicyValidateForDeclaredFields(t *testing.T) {
	p := rectest.FieldsProfile(t)
	pol := Policy{"public": {"fields.district", "fields.nickname", "fields.orders.number", "fields.nope"}}
	var msgs []string
	for _, pr := range pol.ValidateFor(p) {
		msgs = append(msgs, pr.Msg)
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, `unknown field "fields.nope"`) || !strings.Contains(got, "grants fields.nickname (personal)") || strings.Contains(got, "fields.district (") {
		t.Fatalf("got:\n%s", got)
	}
	if probs := (Policy{"public": {"fields.district"}}).Validate(); len(probs) != 1 {
		t.Fatalf("without the profile fields.district is unknown: %v", probs)
	}
}

func TestDisposeKeepsPublicAndInternalDeclaredFields(t *testing.T) {
	p := rectest.FieldsProfile(t)
	closed := rectest.WithdrawnCase(t, p, "2020-K7M2Q", records.Date{Year: 2020, Month: 1, Day: 10}, records.Date{Year: 2020, Month: 1, Day: 20})
	closed.Fields = fieldsCase(t, p).Fields
	closed.Fields["orders"] = records.FieldValue{Items: []map[string]string{{"number": "A-1", "date": "2026-01-05"}}}
	rec := &records.Record{Case: *closed}
	fields, err := CheckDispose(rec, p, rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), DefaultRetention())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(slices.DeleteFunc(fields, func(f string) bool { return !strings.HasPrefix(f, "fields") }), " "); got != "fields.nickname fields.remarks" {
		t.Errorf("dry run removes %s", got)
	}
	if err := DisposeRecord(rec, p, rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), DefaultRetention(), "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	var kept []string
	for name := range rec.Case.Fields {
		kept = append(kept, name)
	}
	slices.Sort(kept)
	if strings.Join(kept, " ") != "district orders themes value" {
		t.Errorf("kept %v", kept)
	}
	if ps := records.Validate(rec, p); records.HasErrors(ps) {
		t.Errorf("the disposed file is invalid: %v", ps)
	}
	if _, due := DefaultRetention().DueFor(p, &rec.Case, records.Date{Year: 2026, Month: 3, Day: 3}); due {
		t.Error("a disposed file keeping its public fields is due again")
	}
	// with a profile that does not declare them, every declared field goes
	rec2 := &records.Record{Case: *closed}
	if err := DisposeRecord(rec2, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), DefaultRetention(), "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if rec2.Case.Fields != nil {
		t.Errorf("without the profile: %v", rec2.Case.Fields)
	}
}
