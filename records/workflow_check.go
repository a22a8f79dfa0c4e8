package records

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Roles lists the roles an action may declare, for messages.
func Roles() []string {
	return []string{RoleClassify, RoleScreenIn, RoleScreenOut, RoleRefer, RoleReturn, RoleRetain, RoleDecide,
		RoleReviewReq, RoleReviewDecide, RoleClose, RoleWithdraw, RoleRedirect, RoleReopen}
}

// workflowFields are the case fields a guard's requires may name besides the declared fields.
func workflowFields() []string {
	return []string{"type", "status", "routing", "outcome", "channel", "language", "service", "respondent.service"}
}

// CheckWorkflow reports what is wrong with the profile's declared workflow: a status or action
// referenced but not declared, a status nothing reaches from the first one, no closed status,
// an action without from, a role or field the engine does not know, labels missing in a
// language the office uses. Each problem names dossier.yaml, the declaration's line and its
// key (workflow.actions.refer.to).
func (p *Profile) CheckWorkflow() []Problem {
	w := &p.Workflow
	var probs []Problem
	add := func(line int, field, format string, args ...any) {
		probs = append(probs, Problem{File: "dossier.yaml", Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if len(w.Statuses) == 0 {
		add(0, "workflow.statuses", "missing: declare the statuses a case goes through, the first where a new case starts, and closed")
		return probs
	}
	statuses := w.StatusCodes()
	known := func(s string) bool { return slices.Contains(statuses, s) }
	unknownStatus := func(line int, field, s string) {
		add(line, field, "unknown status %s%s: statuses are %s", Quote(Printable(s)), Suggest(s, statuses), strings.Join(statuses, ", "))
	}
	var actions []string
	for _, d := range w.Actions {
		actions = append(actions, d.Name)
	}
	for _, b := range BuiltinActions() {
		if !slices.Contains(actions, b) {
			actions = append(actions, b)
		}
	}
	unknownAction := func(line int, field, a string) {
		add(line, field, "unknown action %s%s: actions are %s", Quote(Printable(a)), Suggest(a, actions), strings.Join(actions, ", "))
	}
	langs := p.labelLanguages()
	labels := func(line int, field, en, fr string) {
		for _, l := range langs {
			if (l == "en" && en == "") || (l == "fr" && fr == "") {
				add(line, field+"."+l, "missing: the label in %s", languageName(l))
			}
		}
	}
	if !known(StatusClosed) {
		add(0, "workflow.statuses", "no closed status: every workflow closes into closed (its outcome says how the case ended)")
	}
	for _, s := range w.Statuses {
		labels(s.Line, "workflow.statuses."+s.Code, s.En, s.Fr)
	}
	for i := range w.Actions {
		d := &w.Actions[i]
		path := "workflow.actions." + d.Name
		if d.Name == ActCreate {
			// its labels only (what show and letters call the first entry: a referral received,
			// not a complaint): the rules of the first entry are dossier's
			if !reflect.DeepEqual(*d, ActionDef{Name: d.Name, En: d.En, Fr: d.Fr, Line: d.Line}) {
				add(d.Line, path, "create is built in: every case starts with it; declare only its labels (en, fr), or remove it")
			} else {
				labels(d.Line, path, d.En, d.Fr)
			}
			continue
		}
		builtin := IsBuiltin(d.Name)
		if d.Role != "" && !slices.Contains(Roles(), d.Role) {
			add(d.Line, path+".role", "unknown role %s%s: roles are %s", Quote(Printable(d.Role)), Suggest(d.Role, Roles()), strings.Join(Roles(), ", "))
		}
		if len(d.From) == 0 && !builtin {
			add(d.Line, path+".from", "missing: the statuses the action starts from")
		}
		for j, s := range d.From {
			if !known(s) {
				unknownStatus(d.Line, fmt.Sprintf("%s.from[%d]", path, j), s)
			}
		}
		for j, s := range d.NewFrom {
			switch {
			case !known(s):
				unknownStatus(d.Line, fmt.Sprintf("%s.new_from[%d]", path, j), s)
			case !slices.Contains(d.From, s):
				add(d.Line, fmt.Sprintf("%s.new_from[%d]", path, j), "%s is not in from: new_from narrows from (a history replays with from)", s)
			}
		}
		if d.To != "" && d.To != ToPrevious && !known(d.To) {
			unknownStatus(d.Line, path+".to", d.To)
		}
		for _, detail := range sortedKeys(d.ToByDetail) {
			if s := d.ToByDetail[detail]; !known(s) {
				unknownStatus(d.Line, path+".to_by_detail."+detail, s)
			}
		}
		for _, s := range sortedKeys(d.Refusals) {
			if s != RefusalOpen && !known(s) {
				unknownStatus(d.Line, path+".refusals."+s, s)
			}
		}
		for j, a := range d.Then {
			if !slices.Contains(actions, a) {
				unknownAction(d.Line, fmt.Sprintf("%s.then[%d]", path, j), a)
			}
		}
		if len(d.Then) > 0 && !d.Final {
			add(d.Line, path+".then", "then lists what may follow a final action: add final: true, or remove then")
		}
		for j, g := range d.RequiresDone {
			for k, a := range g.Any {
				if !slices.Contains(actions, a) {
					unknownAction(d.Line, fmt.Sprintf("%s.requires_done[%d].any[%d]", path, j, k), a)
				}
			}
		}
		for j, g := range d.Requires {
			for k, f := range g.Any {
				if p.Fields.Find(strings.TrimPrefix(f, "fields.")) == nil && !slices.Contains(workflowFields(), f) {
					names := append(p.FieldNames(), workflowFields()...)
					add(d.Line, fmt.Sprintf("%s.requires[%d].any[%d]", path, j, k), "unknown field %s%s: a declared field or one of %s", Quote(Printable(f)), Suggest(f, names), strings.Join(workflowFields(), ", "))
				}
			}
		}
		for j, f := range d.Sets {
			if p.Fields.Find(f) == nil {
				add(d.Line, fmt.Sprintf("%s.sets[%d]", path, j), "unknown field %s%s: declared fields: %s", Quote(Printable(f)), Suggest(f, p.FieldNames()), strings.Join(p.FieldNames(), ", "))
			}
		}
		labels(d.Line, path, d.En, d.Fr)
	}
	for _, s := range sortedKeys(w.Refusals) {
		if !known(s) {
			unknownStatus(0, "workflow.refusals."+s, s)
		}
	}
	reached := w.reachable()
	for _, s := range w.Statuses[1:] {
		if !reached[s.Code] {
			add(s.Line, "workflow.statuses."+s.Code, "no action reaches it from %s: add it to an action's to, or remove it", w.Statuses[0].Code)
		}
	}
	return probs
}

// reachable are the statuses some sequence of actions leads to from the first status.
func (w *Workflow) reachable() map[string]bool {
	reached := map[string]bool{w.Statuses[0].Code: true}
	for grew := true; grew; {
		grew = false
		for _, d := range w.Actions {
			if !slices.ContainsFunc(d.From, func(s string) bool { return reached[s] }) {
				continue
			}
			targets := []string{d.To}
			for _, s := range d.ToByDetail {
				targets = append(targets, s)
			}
			for _, s := range targets {
				if s != "" && s != ToPrevious && !reached[s] {
					reached[s], grew = true, true
				}
			}
		}
	}
	return reached
}
