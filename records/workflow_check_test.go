package records

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The embedded Ontario workflow has nothing to report.
func TestCheckWorkflowOntarioClean(t *testing.T) {
	t.Parallel()
	if probs := testProfile(t).CheckWorkflow(); len(probs) > 0 {
		t.Fatalf("got %v", probs)
	}
}

// Each kind of broken workflow is one problem naming dossier.yaml, the declaration's line and
// its key.
func TestCheckWorkflowProblems(t *testing.T) {
	t.Parallel()
	base := "statuses:\n  open: {en: Open, fr: Ouverte}\n  closed: {en: Closed, fr: Fermée}\nactions:\n  finish: {from: [open], to: closed, en: F, fr: F}\n"
	for _, tc := range []struct {
		name, yaml, field, msg string
		line                   int
	}{
		{"unknown from", "  shut: {from: [opne], to: closed, en: S, fr: S}\n", "workflow.actions.shut.from[0]", `unknown status "opne" (did you mean open?)`, 6},
		{"unknown to", "  shut: {from: [open], to: clossed, en: S, fr: S}\n", "workflow.actions.shut.to", `unknown status "clossed"`, 6},
		{"unknown to_by_detail", "  shut: {from: [open], to: closed, to_by_detail: {x: nowhere}, en: S, fr: S}\n", "workflow.actions.shut.to_by_detail.x", `unknown status "nowhere"`, 6},
		{"unknown refusal status", "  shut: {from: [open], to: closed, refusals: {gone: no}, en: S, fr: S}\n", "workflow.actions.shut.refusals.gone", `unknown status "gone"`, 6},
		{"new_from outside from", "  shut: {from: [open], new_from: [closed], to: closed, en: S, fr: S}\n", "workflow.actions.shut.new_from[0]", "closed is not in from", 6},
		{"no from", "  shut: {to: closed, en: S, fr: S}\n", "workflow.actions.shut.from", "missing: the statuses the action starts from", 6},
		{"unknown then", "  shut: {from: [open], to: closed, final: true, then: [nte], en: S, fr: S}\n", "workflow.actions.shut.then[0]", `unknown action "nte" (did you mean note?)`, 6},
		{"then without final", "  shut: {from: [open], to: closed, then: [note], en: S, fr: S}\n", "workflow.actions.shut.then", "add final: true", 6},
		{"unknown requires_done", "  shut: {from: [open], to: closed, requires_done: [{any: [decide]}], en: S, fr: S}\n", "workflow.actions.shut.requires_done[0].any[0]", `unknown action "decide"`, 6},
		{"unknown requires field", "  shut: {from: [open], to: closed, requires: [{any: [colour]}], en: S, fr: S}\n", "workflow.actions.shut.requires[0].any[0]", `unknown field "colour"`, 6},
		{"unknown sets", "  shut: {from: [open], to: closed, sets: [colour], en: S, fr: S}\n", "workflow.actions.shut.sets[0]", `unknown field "colour"`, 6},
		{"unknown role", "  shut: {role: clse, from: [open], to: closed, en: S, fr: S}\n", "workflow.actions.shut.role", `unknown role "clse" (did you mean close?)`, 6},
		{"label missing", "  shut: {from: [open], to: closed, en: Shut}\n", "workflow.actions.shut.fr", "missing: the label in French", 6},
		{"create declared", "  create: {from: [open]}\n  shut: {from: [open], to: closed, en: S, fr: S}\n", "workflow.actions.create", "create is built in", 6},
		{"create labelled, one label missing", "  create: {en: Intake}\n  shut: {from: [open], to: closed, en: S, fr: S}\n", "workflow.actions.create.fr", "missing: the label in French", 6},
	} {
		p := testProfile(t)
		p.Workflow = Workflow{}
		if err := yaml.Unmarshal([]byte(base+tc.yaml), &p.Workflow); err != nil {
			t.Fatal(tc.name, err)
		}
		probs := p.CheckWorkflow()
		if len(probs) != 1 || probs[0].Field != tc.field || !strings.Contains(probs[0].Msg, tc.msg) || probs[0].File != "dossier.yaml" || probs[0].Line != tc.line {
			t.Errorf("%s: got %v\nwant dossier.yaml:%d: %s: …%s…", tc.name, probs, tc.line, tc.field, tc.msg)
		}
	}
}

func TestCheckWorkflowStatuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, yaml, field, msg string
		line                   int
	}{
		{"unreachable", "statuses:\n  open: {en: O, fr: O}\n  limbo: {en: L, fr: L}\n  closed: {en: C, fr: C}\nactions:\n  shut: {from: [open], to: closed, en: S, fr: S}\n",
			"workflow.statuses.limbo", "no action reaches it from open", 3},
		{"reached only from an unreachable one", "statuses:\n  open: {en: O, fr: O}\n  closed: {en: C, fr: C}\n  after: {en: A, fr: A}\nactions:\n  shut: {from: [open], to: closed, en: S, fr: S}\n  on: {from: [after], to: closed, en: S, fr: S}\n",
			"workflow.statuses.after", "no action reaches it", 4},
		{"no closed", "statuses:\n  open: {en: O, fr: O}\n  done: {en: D, fr: D}\nactions:\n  finish: {from: [open], to: done, en: S, fr: S}\n",
			"workflow.statuses", "no closed status", 0},
		{"status label missing", "statuses:\n  open: {en: O}\n  closed: {en: C, fr: C}\nactions:\n  shut: {from: [open], to: closed, en: S, fr: S}\n",
			"workflow.statuses.open.fr", "missing: the label in French", 2},
		{"unknown workflow refusal", "statuses:\n  open: {en: O, fr: O}\n  closed: {en: C, fr: C}\nactions:\n  shut: {from: [open], to: closed, en: S, fr: S}\nrefusals: {shut: no}\n",
			"workflow.refusals.shut", `unknown status "shut"`, 0},
		{"no statuses", "actions:\n  shut: {from: [open], to: closed}\n", "workflow.statuses", "missing", 0},
	} {
		p := testProfile(t)
		p.Workflow = Workflow{}
		if err := yaml.Unmarshal([]byte(tc.yaml), &p.Workflow); err != nil {
			t.Fatal(tc.name, err)
		}
		probs := p.CheckWorkflow()
		if len(probs) != 1 || probs[0].Field != tc.field || !strings.Contains(probs[0].Msg, tc.msg) || probs[0].Line != tc.line {
			t.Errorf("%s: got %v\nwant dossier.yaml:%d: %s: …%s…", tc.name, probs, tc.line, tc.field, tc.msg)
		}
	}
}

// Labels are required only in the languages the office uses.
func TestCheckWorkflowLabelsByLanguage(t *testing.T) {
	t.Parallel()
	p := testProfile(t)
	p.Languages = Codes{{Code: "en"}}
	p.Workflow = Workflow{}
	y := "statuses:\n  open: {en: O}\n  closed: {en: C}\nactions:\n  shut: {from: [open], to: closed, en: S}\n"
	if err := yaml.Unmarshal([]byte(y), &p.Workflow); err != nil {
		t.Fatal(err)
	}
	if probs := p.CheckWorkflow(); len(probs) > 0 {
		t.Fatalf("got %v", probs)
	}
}
