package privacy

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// TestPublicClassIsTheDefaultPublicPolicy: the default public audience sees exactly the public
// class, so "class:public" and the field list of the embedded dossier.yaml disclose the same.
func TestPublicClassIsTheDefaultPublicPolicy(t *testing.T) {
	pol := defaultPolicy(t)
	c := rectest.CanaryCase()
	byList, err := Redact(c, pol, records.AudiencePublic)
	if err != nil {
		t.Fatal(err)
	}
	byClass, err := Redact(c, Policy{"public": {"class:public"}}, records.AudiencePublic)
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
		if records.LeafClass(leaf).Removable() && grantsLeaf(pol[records.AudiencePublic], leaf, records.LeafClass(leaf)) {
			t.Errorf("the default policy discloses %s (%s) to the public", leaf, records.LeafClass(leaf))
		}
		for _, aud := range slices.Sorted(maps.Keys(pol)) {
			if leaf == "hold.reason" && grantsLeaf(pol[aud], leaf, records.LeafClass(leaf)) {
				t.Errorf("%s sees hold.reason", aud)
			}
		}
	}
}

func TestPolicyClassesAndExceptions(t *testing.T) {
	c := rectest.CanaryCase()
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
		t.Fatalf("got %d problems: %s", len(probs), records.Joined(probs))
	}
	for i := range want {
		if got := records.Joined(probs[i : i+1]); !strings.HasPrefix(got, want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

// TestRedactSharesNothingWithClasses: a deep copy still holds with class entries.
func TestRedactSharesNothingWithClasses(t *testing.T) {
	c := rectest.CanaryCase()
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
		c := &records.Case{}
		n := 0
		rectest.FillCanaries(reflect.ValueOf(c).Elem(), "", func(path string) string {
			n++
			return fmt.Sprintf("⟦%d⟧%s", n, text)
		})
		c.History = append(c.History, records.Entry{Do: records.ActNote, Detail: "⟦note⟧" + text})
		r, err := Redact(c, Policy{"x": fields}, "x")
		if err != nil {
			t.Fatal(err)
		}
		got := jsonForTest(t, r)
		for path, vals := range rectest.TextLeaves(c) {
			for _, v := range vals {
				tag := v[:strings.Index(v, "⟧")+len("⟧")]
				if tag == "⟦note⟧" || path == "history.do" {
					continue
				}
				want := grantsLeaf(fields, path, records.LeafClass(path))
				if strings.Contains(got, tag) != want {
					t.Fatalf("%v: %s (%s) present=%v, granted=%v", fields, path, tag, !want, want)
				}
			}
		}
		if strings.Contains(got, "⟦note⟧") != (grantsLeaf(fields, records.NotesField, records.LeafClass(records.NotesField)) && grantsLeaf(fields, "history.detail", records.LeafClass("history.detail"))) {
			t.Fatalf("%v: notes present=%v", fields, strings.Contains(got, "⟦note⟧"))
		}
	})
}
