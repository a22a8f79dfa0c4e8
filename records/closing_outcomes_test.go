package records

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// A register whose cases are never classified closes them with its closing action's own
// outcomes: a record closed so is valid, and an outcome no closing action declares is not.
func TestValidateOutcomeOfAClosingAction(t *testing.T) {
	t.Parallel()
	var w Workflow
	if err := yaml.Unmarshal([]byte(`
statuses: {seized: {en: Seized}, confiscated: {en: Confiscated}, closed: {en: Disposed of}}
actions:
  confiscate: {from: [seized], to: confiscated}
  dispose-property: {role: close, from: [confiscated], to: closed, outcomes: {"*": [{code: sold}, {code: destroyed}]}}
`), &w); err != nil {
		t.Fatal(err)
	}
	p := &Profile{Types: Codes{{Code: "property"}}, Channels: Codes{{Code: "police-report"}}, Languages: Codes{{Code: "fr"}},
		Outcomes: map[string]Codes{"property": {{Code: "handed-over"}}}, Workflow: w}
	p.Statuses = w.StatusCodesLabelled(nil)
	for _, tc := range []struct{ outcome, problem string }{
		{"sold", ""},
		{"destroyed", ""},
		{"handed-over", `"handed-over" is not an outcome`}, // the type's outcomes are for classified cases
		{"burnt", `"burnt" is not an outcome of a (unclassified) complaint: use one of screened-out, sold, destroyed`},
	} {
		r := &Record{Case: Case{ID: "2026-K7M2Q", Status: "closed", Language: "fr", Received: Date{2026, 1, 12}, Channel: "police-report", Summary: "Cash",
			Disposition: &Disposition{Outcome: tc.outcome, Closed: Date{2026, 2, 27}}}}
		var got []string
		for _, pr := range Validate(r, p) {
			if pr.Field == "disposition.outcome" {
				got = append(got, pr.Msg)
			}
		}
		switch {
		case tc.problem == "" && len(got) > 0:
			t.Errorf("%s: %v, want no problem", tc.outcome, got)
		case tc.problem != "" && (len(got) != 1 || !strings.Contains(got[0], tc.problem)):
			t.Errorf("%s: %v, want %q", tc.outcome, got, tc.problem)
		}
	}
	// the classified case of Ontario's profile keeps the outcomes of its type, in their order
	ont := testProfile(t)
	if got, want := ont.ClosingOutcomes(&Case{Type: "service"}).List(), "screened-out action-taken no-action early-resolution withdrawn"; strings.Join(got, " ") != want {
		t.Errorf("Ontario service outcomes %v, want %s", got, want)
	}
}
