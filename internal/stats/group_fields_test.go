package stats

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// withDeclaredFields adds a groupable code field, a groupable codes field, a text field and a
// field named like a dimension of the case to the default profile.
func withDeclaredFields(t *testing.T) *records.Profile {
	p := testProfile(t)
	p.Fields = records.FieldDefs{
		{Name: "district", Kind: records.KindCode, Class: records.Public, Group: true,
			Codes: records.Codes{{Code: "quebec"}, {Code: "montreal"}}},
		{Name: "themes", Kind: records.KindCodes, Class: records.Internal, Group: true,
			Codes: records.Codes{{Code: "elder"}, {Code: "conjugal"}}},
		{Name: "contact", Kind: records.KindText, Class: records.Personal, Group: true},
	}
	return p
}

func TestGroupByDeclaredFields(t *testing.T) {
	p := withDeclaredFields(t)
	d := records.Date{Year: 2026, Month: 1, Day: 10}
	cases := []*records.Case{
		{ID: "2026-0001", Received: d, Fields: records.Fields{"district": {Scalar: "montreal"}, "themes": {Codes: []string{"conjugal", "elder"}}}},
		{ID: "2026-0002", Received: d, Fields: records.Fields{"district": {Scalar: "quebec"}, "themes": {Codes: []string{"conjugal"}}}},
		{ID: "2026-0003", Received: d},
		{ID: "2026-0004", Received: d, Fields: records.Fields{"district": {Scalar: "montreal"}}},
	}
	for _, tt := range []struct {
		by   []string
		want string
	}{
		// codes in declared order, the empty value last
		{[]string{"district"}, "quebec [1 0 0 0 1 0 0]\nmontreal [2 0 0 0 2 0 0]\n [1 0 0 0 1 0 0]\n"},
		// a case with two themes counts under each
		{[]string{"themes"}, "elder [1 0 0 0 1 0 0]\nconjugal [2 0 0 0 2 0 0]\n [2 0 0 0 2 0 0]\n"},
		{[]string{"district", "themes"}, "quebec/conjugal [1 0 0 0 1 0 0]\nmontreal/elder [1 0 0 0 1 0 0]\nmontreal/conjugal [1 0 0 0 1 0 0]\nmontreal/ [1 0 0 0 1 0 0]\n/ [1 0 0 0 1 0 0]\n"},
	} {
		rows, err := Group(cases, p, Month(2026, 1), tt.by)
		if err != nil {
			t.Fatal(err)
		}
		if got := rowsText(rows); got != tt.want {
			t.Errorf("by %v:\n got:\n%s want:\n%s", tt.by, got, tt.want)
		}
	}
	for by, want := range map[string]string{
		"contact": "field contact cannot be grouped or filtered by (a text field may hold anything a person typed)",
		"distric": `unknown field "distric" (did you mean district?): group by type, status,`,
	} {
		if _, err := Group(cases, p, Month(2026, 1), []string{by}); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("--by %s: %v", by, err)
		}
	}
	if _, err := Group(cases, testProfile(t), Month(2026, 1), []string{"district"}); err == nil {
		t.Error("a profile without the field grouped by it")
	}
}

func TestCheckFieldDimensions(t *testing.T) {
	p := withDeclaredFields(t)
	if probs := CheckFieldDimensions(p); len(probs) > 0 {
		t.Fatalf("unexpected: %v", probs)
	}
	p.Fields = append(p.Fields, records.FieldDef{Name: "channel", Kind: records.KindCode, Class: records.Public, Group: true, Line: 12})
	probs := CheckFieldDimensions(p)
	if len(probs) != 1 || probs[0].Line != 12 || probs[0].Field != "fields.channel" || !strings.Contains(probs[0].Msg, "already a statistics dimension") {
		t.Fatalf("got %v", probs)
	}
}
