package records

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkProfile is a small profile in English and French with what yaml declares on top.
func checkProfile(t *testing.T, decl string) *Profile {
	t.Helper()
	var d struct {
		Workflow  Workflow     `yaml:"workflow"`
		Audiences AudienceDefs `yaml:"audiences"`
		Letters   LetterDefs   `yaml:"letters"`
		Types     Codes        `yaml:"types"`
	}
	if err := yaml.Unmarshal([]byte(decl), &d); err != nil {
		t.Fatal(err)
	}
	return &Profile{Name: "test", Title: Code{En: "Test", Fr: "Essai"},
		Languages: Codes{{Code: "en", En: "English", Fr: "anglais"}, {Code: "fr", En: "French", Fr: "français"}},
		Types:     d.Types, Workflow: d.Workflow, Audiences: d.Audiences, Letters: d.Letters}
}

// Each cross-cutting problem names the key and the line of the declaration.
func TestProfileCrossChecks(t *testing.T) {
	t.Parallel()
	base := "workflow:\n  statuses: {received: {en: Received, fr: Reçue}, closed: {en: Closed, fr: Fermée}}\n  actions:\n    close: {from: [received], to: closed, en: Closed, fr: Fermée}\n"
	for _, tc := range []struct {
		decl, field, msg string
		line             int
	}{
		{base + "    refuse: {from: [received], to: closed, en: R, fr: R, reasons: [{code: late, en: Late}]}\n", "workflow.actions.refuse.reasons[0].fr", "missing: the code's label in French (fr)", 5},
		{"types: [{code: conduct, en: Conduct}]\n", "codes.types[0].fr", "missing: the code's label in French (fr)", 0},
		{"audiences:\n  prosecutor: {en: Prosecutor}\n", "audiences.prosecutor.fr", "missing: the audience's label in French (fr)", 2},
		{"audiences:\n  internal: {en: Office, fr: Bureau}\n", "audiences.internal", "internal is the office itself", 2},
		{base + "letters:\n  notice: {to: prosecutr, en: Notice, fr: Avis}\n", "letters.notice.to", `unknown audience "prosecutr"; audiences are internal, complainant`, 6},
		{base + "audiences:\n  prosecutor: {en: Prosecutor, fr: Poursuivant}\nletters:\n  notice: {to: prosecutr, en: Notice, fr: Avis}\n", "letters.notice.to", `unknown audience "prosecutr" (did you mean prosecutor?)`, 8},
		{base + "letters:\n  notice: {en: Notice, fr: Avis}\n", "letters.notice.to", "missing: name the audience", 6},
		{base + "letters:\n  notice: {to: public, after: [clse], en: Notice, fr: Avis}\n", "letters.notice.after", `unknown action "clse" (did you mean close?); actions are close, create, note`, 6},
		{base + "letters:\n  notice: {to: public, statuses: [sent], en: Notice, fr: Avis}\n", "letters.notice.statuses", `unknown status "sent"; statuses are received, closed`, 6},
		{base + "letters:\n  notice: {to: public, after: [close]}\n", "letters.notice.fr", "missing: the letter's label in French (fr)", 6},
	} {
		p := checkProfile(t, tc.decl)
		probs := append(p.CheckLabels(), append(p.CheckAudiences(), p.CheckLetters()...)...)
		found := false
		for _, pr := range probs {
			if pr.Field == tc.field && strings.Contains(pr.Msg, tc.msg) && pr.Line == tc.line {
				found = true
			}
		}
		if !found {
			t.Errorf("%s\n got %v\nwant line %d %s: …%s…", tc.decl, probs, tc.line, tc.field, tc.msg)
		}
	}
}

// A profile whose office works in English only needs no French label.
func TestLabelsOnlyInTheOfficeLanguages(t *testing.T) {
	t.Parallel()
	p := checkProfile(t, "audiences:\n  prosecutor: {en: Prosecutor}\n")
	p.Languages = Codes{{Code: "en", En: "English", Fr: "anglais"}}
	if probs := p.CheckLabels(); len(probs) > 0 {
		t.Errorf("got %v", probs)
	}
}
