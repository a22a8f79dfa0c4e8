package records

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestClassificationCovers walks the Case type by reflection: every field of the schema has a
// class, and the table names no field the schema lacks. A field added to the record without a
// class fails here, so it cannot be disclosed, kept through a purge or quoted by default.
func TestClassificationCovers(t *testing.T) {
	t.Parallel()
	leaves := SchemaLeaves()
	if len(leaves) < 40 {
		t.Fatalf("schemaLeaves found only %d fields: %v", len(leaves), leaves)
	}
	for _, f := range leaves {
		c, ok := classification[f]
		if !ok {
			t.Errorf("field %s has no class: add it to the classification table in classification.go", f)
		} else if !IsClass(string(c)) {
			t.Errorf("field %s: %q is not a class", f, c)
		}
	}
	for f := range classification {
		if f != NotesField && !slices.Contains(leaves, f) {
			t.Errorf("the classification table names %s, which is not a field of the record", f)
		}
	}
}

// TestClassificationOfPersonalFields pins the classes the rest of dossier relies on.
func TestClassificationOfPersonalFields(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]Class{
		"complainant.name": Personal, "complainant.email": Personal, "complainant.phone": Personal,
		"complainant.address": Personal, "representative.name": Personal, "summary": Personal,
		"respondent.officers.name": Personal, "respondent.officers[1].badge": Personal,
		"complainant": Personal, "respondent": Personal, "history.detail": Confidential,
		NotesField: Confidential, "hold.reason": Confidential, "disposition.reason": Confidential,
		"flags": Internal, "type": Public, "disposition.outcome": Public, "disposition": Confidential,
	} {
		if got, ok := ClassOf(path); !ok || got != want {
			t.Errorf("ClassOf(%s) = %q, %v; want %q", path, got, ok, want)
		}
	}
	if _, ok := ClassOf("nonsense"); ok {
		t.Error("ClassOf of a field the record lacks should fail")
	}
}

// TestVisitStringsCoversEveryText: the control-character check (visitStrings) reaches every
// text field of the schema, so a new text field cannot carry escape sequences unchecked.
func TestVisitStringsCoversEveryText(t *testing.T) {
	t.Parallel()
	c := canaryCase()
	seen := map[string]bool{}
	index := regexp.MustCompile(`\[\d+\]`)
	visitStrings(c, func(field func() string, leaf, v string) { seen[index.ReplaceAllString(field(), "")] = true })
	for path := range textLeaves(c) {
		if !seen[path] {
			t.Errorf("visitStrings does not visit %s: add it in validate.go", path)
		}
	}
}

func TestDescribeValue(t *testing.T) {
	t.Parallel()
	if got := DescribeValue("flags", "youth"); got != `the value "youth"` {
		t.Errorf("internal field: %s", got)
	}
	for _, p := range []string{"complainant", "complainant.name", "summary", "respondent.officers[0]", "unknown.field"} {
		if got := DescribeValue(p, "Zorblax Quintavius"); strings.Contains(got, "Zorblax") || !strings.Contains(got, "not shown") {
			t.Errorf("%s: %s", p, got)
		}
	}
}
