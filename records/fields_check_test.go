package records

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestCheckFieldsAcceptsAGoodDeclaration(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	p.Workflow.Actions = ActionDefs{{Name: "refer"}}
	if probs := p.CheckFields(); len(probs) > 0 {
		t.Fatalf("problems in a good declaration: %v", probs)
	}
}

func TestCheckFields(t *testing.T) {
	t.Parallel()
	const labels = "en: L, fr: L"
	for _, tc := range []struct {
		yaml  string // the fields: mapping; the field under test is declared on line 2
		field string
		msg   string
	}{
		{"a: {kind: number, class: public, " + labels + "}", "fields.a.kind", `unknown kind "number": kinds are code, codes`},
		{"a: {kind: dat, class: public, " + labels + "}", "fields.a.kind", `unknown kind "dat" (did you mean date?)`},
		{"a: {class: public, " + labels + "}", "fields.a.kind", "missing: the kind of value"},
		{"a: {kind: text, " + labels + "}", "fields.a.class", "missing: every field declares its privacy class"},
		{"a: {kind: text, class: secret, " + labels + "}", "fields.a.class", `unknown class "secret"`},
		{"a: {kind: text, class: personal, group: true, " + labels + "}", "fields.a.group", "a personal field cannot be grouped by"},
		{"a: {kind: code, class: confidential, group: true, codes: [{code: x, " + labels + "}], " + labels + "}", "fields.a.group", "a confidential field cannot be grouped by"},
		{"a: {kind: code, class: public, " + labels + "}", "fields.a.codes", "missing: a code field lists its codes"},
		{"a: {kind: codes, class: public, codes: [], " + labels + "}", "fields.a.codes", "missing: a codes field lists its codes"},
		{"a: {kind: text, class: public, codes: [{code: x, " + labels + "}], " + labels + "}", "fields.a.codes", "a text field has no codes"},
		{"a: {kind: code, class: public, codes: [{code: x, " + labels + "}, {code: x, " + labels + "}], " + labels + "}", "fields.a.codes[1]", `code "x" listed twice`},
		{"a: {kind: code, class: public, codes: [{code: x, en: X}], " + labels + "}", "fields.a.codes[0].fr", "missing: the code's label in French (fr)"},
		{"a: {kind: list, class: internal, " + labels + "}", "fields.a.fields", "missing: a list declares the sub-fields"},
		{"a: {kind: text, class: internal, fields: {b: {kind: text, class: internal, " + labels + "}}, " + labels + "}", "fields.a.fields", "only a list has sub-fields"},
		{"a: {kind: list, class: internal, " + labels + ", fields: {b: {kind: list, class: internal, " + labels + ", fields: {c: {kind: text, class: internal, " + labels + "}}}}}", "fields.a.fields.b.kind", "a list item's sub-field holds one value: list is not allowed"},
		{"a: {kind: list, class: internal, " + labels + ", fields: {b: {kind: codes, class: internal, codes: [{code: x, " + labels + "}], " + labels + "}}}", "fields.a.fields.b.kind", "codes is not allowed"},
		{"a: {kind: list, class: internal, " + labels + ", fields: {b: {kind: text, " + labels + "}}}", "fields.a.fields.b.class", "missing: every field declares its privacy class"},
		{"a: {kind: text, class: public, required: always, " + labels + "}", "fields.a.required", `"always": the only value is intake`},
		{"a: {kind: text, class: public, required_before: [refre], " + labels + "}", "fields.a.required_before[0]", `unknown action "refre" (did you mean refer?)`},
		{"a: {kind: text, class: public, en: A}", "fields.a.fr", "missing: the field's label in French (fr)"},
		{"a: {kind: text, class: public, fr: A}", "fields.a.en", "missing: the field's label in English (en)"},
		{"A.b: {kind: text, class: public, " + labels + "}", "fields.A.b", "a field's name is lowercase letters"},
	} {
		p := testProfile(t)
		p.Workflow.Actions = ActionDefs{{Name: "refer"}}
		if err := yaml.Unmarshal([]byte("\n"+tc.yaml), &p.Fields); err != nil {
			t.Fatalf("%s: %v", tc.yaml, err)
		}
		probs := p.CheckFields()
		found := false
		for _, pr := range probs {
			if pr.Field == tc.field && strings.Contains(pr.Msg, tc.msg) && pr.File == "dossier.yaml" && pr.Line == 2 {
				found = true
			}
		}
		if !found {
			t.Errorf("%s\n got %v\nwant dossier.yaml:2: %s: …%s…", tc.yaml, probs, tc.field, tc.msg)
		}
	}
}

// Without declared actions (a profile whose workflow is still Ontario's code), required_before
// is not checked against them.
func TestCheckFieldsRequiredBeforeWithoutWorkflow(t *testing.T) {
	t.Parallel()
	p := testProfile(t)
	p.Workflow = Workflow{}
	if err := yaml.Unmarshal([]byte("a: {kind: text, class: public, required_before: [anything], en: A, fr: A}"), &p.Fields); err != nil {
		t.Fatal(err)
	}
	if probs := p.CheckFields(); len(probs) > 0 {
		t.Fatalf("got %v", probs)
	}
}
