package records

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestClassificationCovers walks the Case type by reflection: every field of the schema has a
// class, and the table names no field the schema lacks. A field added to the record without a
// class fails here, so it cannot be disclosed, kept through a purge or quoted by default.
func TestClassificationCovers(t *testing.T) {
	leaves := schemaLeaves()
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
	c := canaryCase()
	seen := map[string]bool{}
	index := regexp.MustCompile(`\[\d+\]`)
	visitStrings(c, func(field, leaf, v string) { seen[index.ReplaceAllString(field, "")] = true })
	for path := range textLeaves(c) {
		if !seen[path] {
			t.Errorf("visitStrings does not visit %s: add it in validate.go", path)
		}
	}
}

func TestDescribeValue(t *testing.T) {
	if got := describeValue("flags", "youth"); got != `the value "youth"` {
		t.Errorf("internal field: %s", got)
	}
	for _, p := range []string{"complainant", "complainant.name", "summary", "respondent.officers[0]", "unknown.field"} {
		if got := describeValue(p, "Zorblax Quintavius"); strings.Contains(got, "Zorblax") || !strings.Contains(got, "not shown") {
			t.Errorf("%s: %s", p, got)
		}
	}
}

// TestPublicClassIsTheDefaultPublicPolicy: the default public audience sees exactly the public
// class, so "class:public" and the field list of the embedded dossier.yaml disclose the same.
func TestPublicClassIsTheDefaultPublicPolicy(t *testing.T) {
	pol := defaultPolicy(t)
	c := canaryCase()
	byList, err := Redact(c, pol, AudiencePublic)
	if err != nil {
		t.Fatal(err)
	}
	byClass, err := Redact(c, Policy{"public": {"class:public"}}, AudiencePublic)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonForTest(t, byList), jsonForTest(t, byClass); a != b {
		t.Errorf("class:public differs from the default public list:\n%s\n%s", a, b)
	}
}

// TestDefaultPolicyPublicSeesNothingRemovable: no field the default policy grants the public is
// personal or confidential, and no audience but internal sees a hold's reason.
func TestDefaultPolicyPublicSeesNothingRemovable(t *testing.T) {
	pol := defaultPolicy(t)
	for _, leaf := range DisclosureLeaves() {
		if classification[leaf].Removable() && grantsLeaf(pol[AudiencePublic], leaf) {
			t.Errorf("the default policy discloses %s (%s) to the public", leaf, classification[leaf])
		}
		for _, aud := range slices.Sorted(maps.Keys(pol)) {
			if leaf == "hold.reason" && grantsLeaf(pol[aud], leaf) {
				t.Errorf("%s sees hold.reason", aud)
			}
		}
	}
}

func TestPolicyClassesAndExceptions(t *testing.T) {
	c := canaryCase()
	for _, tc := range []struct {
		name       string
		fields     []string
		seen, hide []string
	}{
		{"a class", []string{"class:public"}, []string{"CANARY[type]", "CANARY[referrals.to]0"}, []string{"CANARY[flags]", "CANARY[complainant.name]"}},
		{"classes", []string{"class:public", "class:internal"}, []string{"CANARY[flags]0", "CANARY[history.by]0"}, []string{"CANARY[history.detail]", "CANARY[notes]", "CANARY[summary]"}},
		{"a field withheld from a group", []string{"complainant", "-complainant.email"}, []string{"CANARY[complainant.name]"}, []string{"CANARY[complainant.email]", "CANARY[type]"}},
		{"a field withheld from a class", []string{"class:public", "-referrals.due", "-referrals.to"}, []string{"CANARY[referrals.purpose]0"}, []string{"CANARY[referrals.to]"}},
		{"a class withheld from everything", []string{"*", "-class:personal"}, []string{"CANARY[notes]", "CANARY[hold.reason]"}, []string{"CANARY[complainant.", "CANARY[representative.", "CANARY[summary]", "CANARY[respondent.officers"}},
		{"the notes withheld", []string{"*", "-notes"}, []string{"CANARY[history.by]0"}, []string{"CANARY[notes]", "CANARY[history.detail]"}}, // the canary's actions are unknown: their details count as notes
		{"an exception alone grants nothing", []string{"-summary"}, nil, []string{"CANARY["}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pol := Policy{"x": tc.fields}
			if probs := pol.Validate(); len(probs) > 0 {
				t.Fatal(probs)
			}
			r, err := Redact(c, pol, "x")
			if err != nil {
				t.Fatal(err)
			}
			got := jsonForTest(t, r)
			for _, s := range tc.seen {
				if !strings.Contains(got, s) {
					t.Errorf("%s withheld: %s", s, got)
				}
			}
			for _, s := range tc.hide {
				if strings.Contains(got, s) {
					t.Errorf("%s disclosed: %s", s, got)
				}
			}
		})
	}
}

func TestPolicyValidateClasses(t *testing.T) {
	probs := Policy{"panel": {"class:secret", "-complainant.emial"}, "public": {"class:public", "summary", "complainant", "-complainant.organization"}}.Validate()
	want := []string{
		`disclosure.panel: unknown class "secret"`,
		`disclosure.panel: unknown field "complainant.emial" (did you mean complainant.email?)`,
		`disclosure.public: grants complainant.name (personal), complainant.email (personal), complainant.phone (personal), complainant.address (personal), summary (personal): the public sees no personal or confidential field`,
	}
	if len(probs) != len(want) {
		t.Fatalf("got %d problems: %s", len(probs), Joined(probs))
	}
	for i := range want {
		if got := Joined(probs[i : i+1]); !strings.HasPrefix(got, want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

// TestRedactSharesNothingWithClasses: a deep copy still holds with class entries.
func TestRedactSharesNothingWithClasses(t *testing.T) {
	c := canaryCase()
	r, err := Redact(c, Policy{"x": {"class:public", "class:personal"}}, "x")
	if err != nil {
		t.Fatal(err)
	}
	r.Respondent.Officers[0].Name = "changed"
	r.Categories[0] = "changed"
	if c.Respondent.Officers[0].Name == "changed" || c.Categories[0] == "changed" {
		t.Error("the redacted copy shares memory with the case")
	}
	if !reflect.DeepEqual(r.Complainant, c.Complainant) {
		t.Errorf("class:personal should disclose the complainant whole: %+v", r.Complainant)
	}
}

// FuzzRedactClasses builds policies of fields, classes and exceptions from the fuzz input and
// checks Redact against grantsLeaf: a value is in the output exactly when its field is granted.
func FuzzRedactClasses(f *testing.F) {
	f.Add(uint64(0b1), "Zorblax")
	f.Add(uint64(0b1010_0101), "{{.Secret}}")
	f.Add(uint64(0xffff_ffff), "=cmd|")
	entries := []string{"*", "class:public", "class:internal", "class:confidential", "class:personal", "-class:personal",
		"-class:confidential", "complainant", "-complainant.email", "respondent.officers", "-respondent.officers.badge",
		"history", "-history.detail", "notes", "-notes", "summary", "-summary", "referrals", "-referrals.due", "hold"}
	f.Fuzz(func(t *testing.T, mask uint64, text string) {
		var fields []string
		for i, e := range entries {
			if mask&(1<<i) != 0 {
				fields = append(fields, e)
			}
		}
		c := &Case{}
		n := 0
		fillCanaries(reflect.ValueOf(c).Elem(), "", func(path string) string {
			n++
			return fmt.Sprintf("⟦%d⟧%s", n, text)
		})
		c.History = append(c.History, Entry{Do: ActNote, Detail: "⟦note⟧" + text})
		r, err := Redact(c, Policy{"x": fields}, "x")
		if err != nil {
			t.Fatal(err)
		}
		got := jsonForTest(t, r)
		for path, vals := range textLeaves(c) {
			for _, v := range vals {
				tag := v[:strings.Index(v, "⟧")+len("⟧")]
				if tag == "⟦note⟧" || path == "history.do" {
					continue
				}
				want := grantsLeaf(fields, path)
				if strings.Contains(got, tag) != want {
					t.Fatalf("%v: %s (%s) present=%v, granted=%v", fields, path, tag, !want, want)
				}
			}
		}
		if strings.Contains(got, "⟦note⟧") != (grantsLeaf(fields, NotesField) && grantsLeaf(fields, "history.detail")) {
			t.Fatalf("%v: notes present=%v", fields, strings.Contains(got, "⟦note⟧"))
		}
	})
}
