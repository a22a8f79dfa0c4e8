package privacy

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// defaultPolicy is the disclosure section of the embedded dossier.yaml.
func defaultPolicy(t testing.TB) Policy {
	t.Helper()
	var cfg struct {
		Disclosure Policy `yaml:"disclosure"`
	}
	if err := yaml.Unmarshal(templates.DefaultProfile(), &cfg); err != nil {
		t.Fatal(err)
	}
	if probs := cfg.Disclosure.Validate(); len(probs) > 0 {
		t.Fatalf("default policy: %v", probs)
	}
	return cfg.Disclosure
}

func jsonForTest(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRedactDefaultPolicy(t *testing.T) {
	pol := defaultPolicy(t)
	c := rectest.CanaryCase()
	orig := jsonForTest(t, c)
	// What each audience must never get, whatever an office's edits to the rest of the policy.
	never := map[string][]string{
		records.AudienceComplainant: {"respondent.officers.name", "respondent.officers.badge", "flags", "history.detail", "notes", "disposition.reason"},
		records.AudienceRespondent:  {"complainant.email", "complainant.phone", "complainant.address", "representative.email", "representative.phone", "representative.address", "requests.item", "flags", "history.detail", "notes"},
		records.AudiencePanel:       {"complainant.email", "complainant.phone", "complainant.address", "notes"},
		records.AudiencePublic:      {"complainant.name", "complainant.email", "complainant.phone", "complainant.address", "complainant.organization", "representative.name", "respondent.officers.name", "respondent.officers.badge", "incident.location", "summary", "history.detail", "notes", "disposition.reason", "flags", "language"},
	}
	for _, aud := range pol.Audiences() {
		t.Run(aud, func(t *testing.T) {
			r, err := Redact(c, pol, aud)
			if err != nil {
				t.Fatal(err)
			}
			got := jsonForTest(t, r)
			for path, vals := range rectest.TextLeaves(c) {
				allowed := aud == records.AudienceInternal || grantOf(pol[aud], path) == grantAll
				if path == "history.detail" { // the canary's actions are unknown: their details count as notes
					allowed = aud == records.AudienceInternal || detailDisclosed(compileAccess(nil, pol[aud]), "CANARY[history.do]")
				}
				if path == "history.detail" || path == "history.by" {
					// the note entry's values are checked as notes below
					vals = slices.DeleteFunc(slices.Clone(vals), func(v string) bool { return strings.HasPrefix(v, "CANARY[notes") })
				}
				if path == "history.do" {
					vals = slices.DeleteFunc(slices.Clone(vals), func(v string) bool { return v == records.ActNote })
				}
				for _, v := range vals {
					if in := strings.Contains(got, v); in != allowed {
						t.Errorf("%s: %s present=%v, policy allows=%v", aud, path, in, allowed)
					}
				}
			}
			notes := strings.Contains(got, "CANARY[notes]")
			if notes != (aud == records.AudienceInternal) {
				t.Errorf("%s: notes present=%v", aud, notes)
			}
			for _, f := range never[aud] {
				if strings.Contains(got, "CANARY["+f+"]") || (f == "language" && r.Language != "") {
					t.Errorf("%s sees %s", aud, f)
				}
			}
			if aud == records.AudienceInternal && got != orig {
				t.Errorf("internal copy differs:\n%s\n%s", got, orig)
			}
		})
	}
	if jsonForTest(t, c) != orig {
		t.Error("Redact changed its input")
	}
}

func TestRedactDeepCopy(t *testing.T) {
	c := rectest.CanaryCase()
	r, err := Redact(c, defaultPolicy(t), records.AudiencePanel)
	if err != nil {
		t.Fatal(err)
	}
	r.Categories[0] = "changed"
	r.Referrals[0].Updates[0] = records.Date{Year: 1999, Month: 1, Day: 1}
	r.Respondent.Officers[0].Name = "changed"
	if c.Categories[0] == "changed" || c.Referrals[0].Updates[0].Year == 1999 || c.Respondent.Officers[0].Name == "changed" {
		t.Error("the redacted copy shares memory with the case")
	}
}

func TestRedactGroups(t *testing.T) {
	c := &records.Case{ID: "2026-K7M2Q", Complainant: &records.Party{Email: "a@example.org"}, Respondent: &records.Respondent{Service: "opp"}}
	r, err := Redact(c, Policy{"x": {"id", "complainant.name", "respondent"}}, "x")
	if err != nil {
		t.Fatal(err)
	}
	if r.Complainant != nil {
		t.Errorf("a group with nothing disclosed should be nil, got %+v", r.Complainant)
	}
	if r.Respondent == nil || r.Respondent.Service != "opp" || r.ID != c.ID {
		t.Errorf("granted fields lost: %+v", r)
	}
}

func TestRedactUnknownAudience(t *testing.T) {
	_, err := Redact(&records.Case{}, defaultPolicy(t), "pubic")
	if err == nil || !strings.Contains(err.Error(), `unknown audience "pubic"`) || !strings.Contains(err.Error(), "public") {
		t.Errorf("got %v", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	probs := Policy{"public": {"id", "complainant.emial"}, "internal": {"id"}}.Validate()
	want := []string{"disclosure.internal: internal always sees every field: remove it", `disclosure.public: unknown field "complainant.emial" (did you mean complainant.email?)`}
	if len(probs) != 2 || records.Joined(probs[:1]) != want[0] || !strings.HasPrefix(records.Joined(probs[1:]), want[1]) {
		t.Errorf("got %s", records.Joined(probs))
	}
}

// FuzzRedact feeds records with arbitrary text through every audience of the default policy and
// checks that no value of a withheld field survives, anywhere in the output.
func FuzzRedact(f *testing.F) {
	f.Add("Marie Tremblay", "{{.Secret}}", uint16(0), uint8(1))
	f.Add("", "<script>x</script>", uint16(7), uint8(0))
	f.Add("é", "a\nb", uint16(0xffff), uint8(3))
	pol := defaultPolicy(f)
	f.Fuzz(func(t *testing.T, a, b string, mask uint16, notes uint8) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("a record's text is UTF-8 (Parse refuses anything else)")
		}
		c := &records.Case{}
		n := 0
		// Every field gets a distinct value (so a leak is attributable), built from the fuzz
		// input; mask leaves some fields empty.
		rectest.FillCanaries(reflect.ValueOf(c).Elem(), "", func(path string) string {
			n++
			if mask&(1<<(n%16)) != 0 {
				return ""
			}
			return fmt.Sprintf("⟦%d⟧%s|%s", n, a, b)
		})
		for i := 0; i < int(notes%4); i++ {
			c.History = append(c.History, records.Entry{Do: records.ActNote, Detail: fmt.Sprintf("⟦note%d⟧%s", i, b)})
		}
		for _, aud := range pol.Audiences() {
			r, err := Redact(c, pol, aud)
			if err != nil {
				t.Fatal(err)
			}
			got := jsonForTest(t, r) + string(encodedForTest(t, r))
			for path, vals := range rectest.TextLeaves(c) {
				if aud == records.AudienceInternal || grantOf(pol[aud], path) == grantAll {
					continue
				}
				for _, v := range vals {
					end := strings.Index(v, "⟧")
					if end < 0 {
						continue // an emptied field: nothing to attribute
					}
					if strings.Contains(got, v[:end+len("⟧")]) {
						t.Fatalf("%s: withheld %s leaked: %q", aud, path, v)
					}
				}
			}
			if aud != records.AudienceInternal && strings.Contains(got, "⟦note") {
				t.Fatalf("%s: a note leaked", aud)
			}
		}
	})
}

func encodedForTest(t testing.TB, c *records.Case) []byte {
	b, err := codec.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
