package records

import (
	"fmt"
	"slices"
	"strings"
)

// The workflow engine: the status of a case, what it may do next and why not, all read from the
// profile's declared workflow (Profile.Workflow, docs/profiles.md). Nothing here knows a
// profile's statuses or actions by name but the conventions every profile shares: the status
// a case closes into (StatusClosed) and the built-in actions.

// ToPrevious is the `to:` of an action that restores the status a case had when it was closed
// (reopen).
const ToPrevious = "previous"

// RefusalOpen keys an action's refusal for every status but closed.
const RefusalOpen = "open"

// BuiltinActions are the actions every workflow has without declaring them: the first entry of
// every history, the annotations and corrections any case takes, the legal hold and the
// retention disposal.
func BuiltinActions() []string {
	return []string{ActCreate, ActNote, ActEdit, ActHold, ActLiftHold, ActDispose}
}

// disposedMessage is why a disposed file takes no further step but edit and note.
const disposedMessage = "the file was disposed of under the retention schedule: it takes no further step"

// builtinAction is the declaration of a built-in action; anyStatus: it starts from every status.
func builtinAction(name string) (d ActionDef, anyStatus, ok bool) {
	switch name {
	case ActNote, ActEdit, ActHold, ActLiftHold:
		return ActionDef{Name: name}, true, true
	case ActDispose:
		return ActionDef{Name: name, From: []string{StatusClosed}, Final: true, Then: []string{ActEdit, ActNote},
			FinalMessage: disposedMessage}, false, true
	case ActCreate:
		return ActionDef{Name: name}, false, true
	}
	return ActionDef{}, false, false
}

// IsBuiltin reports whether name is a built-in action (one of BuiltinActions), without
// building their list: the engine asks it of every history entry.
func IsBuiltin(name string) bool {
	_, _, ok := builtinAction(name)
	return ok
}

// rule is an action as the engine runs it: its declaration (for a built-in, the built-in's
// rules with the labels and place a profile may declare).
type rule struct {
	ActionDef
	anyStatus bool
	builtin   bool
}

// rule finds the action named name: declared, or built in. A profile that declares a built-in
// action (to place it in the list of what a status allows, or to label it) keeps its rules.
func (w *Workflow) rule(name string) (rule, bool) {
	b, any, isBuiltin := builtinAction(name)
	if d := w.Actions.Find(name); d != nil {
		if isBuiltin {
			b.Verb, b.En, b.Fr, b.Line = d.Verb, d.En, d.Fr, d.Line
			return rule{ActionDef: b, anyStatus: any, builtin: true}, true
		}
		return rule{ActionDef: *d}, true
	}
	if isBuiltin {
		return rule{ActionDef: b, anyStatus: any, builtin: true}, true
	}
	return rule{}, false
}

// startsFrom reports whether the action may start from status: when replaying a history (its
// from), or for a new step (its new_from when it declares one).
func (r rule) startsFrom(status string, newStep bool) bool {
	if r.anyStatus {
		return true
	}
	from := r.From
	if newStep && len(r.NewFrom) > 0 {
		from = r.NewFrom
	}
	return slices.Contains(from, status)
}

// InitialStatus is the status a new case starts in: the workflow's first.
func (w *Workflow) InitialStatus() string {
	if len(w.Statuses) == 0 {
		return ""
	}
	return w.Statuses[0].Code
}

// StatusCodes lists the declared statuses in order.
func (w *Workflow) StatusCodes() []string {
	out := make([]string, len(w.Statuses))
	for i, s := range w.Statuses {
		out[i] = s.Code
	}
	return out
}

// HasStatus reports whether the workflow declares status.
func (w *Workflow) HasStatus(status string) bool {
	for _, s := range w.Statuses {
		if s.Code == status {
			return true
		}
	}
	return false
}

// DeriveStatus replays the history through the workflow. It returns the status the history
// implies and an error naming the first entry the workflow does not allow.
func (p *Profile) DeriveStatus(history []Entry) (string, error) {
	w := &p.Workflow
	if len(history) == 0 || history[0].Do != ActCreate {
		return "", fmt.Errorf("history must start with a create entry")
	}
	status := w.InitialStatus()
	if status == "" {
		return "", fmt.Errorf("the profile declares no status (workflow.statuses in %s)", "dossier.yaml")
	}
	var beforeClose []string
	var finals []rule // the final actions replayed so far, but disposal
	disposed := false
	for i, e := range history[1:] {
		n := i + 1
		if e.Do == ActCreate {
			return "", fmt.Errorf("history[%d]: a second create entry", n)
		}
		r, ok := w.rule(e.Do)
		if !ok {
			return "", fmt.Errorf("history[%d]: unknown action %q", n, e.Do)
		}
		for _, f := range finals {
			if !slices.Contains(f.Then, e.Do) {
				return "", fmt.Errorf("history[%d]: %s after a %s, which is final", n, e.Do, f.Name)
			}
		}
		if disposed && e.Do != ActEdit && e.Do != ActNote {
			return "", fmt.Errorf("history[%d]: %s after the file was disposed of", n, e.Do)
		}
		if !r.startsFrom(status, false) {
			return "", fmt.Errorf("history[%d]: %s is not allowed while %s", n, e.Do, status)
		}
		next := r.To
		if to, ok := r.ToByDetail[e.Detail]; ok {
			next = to
		}
		switch next {
		case "":
			next = status
		case ToPrevious:
			if len(beforeClose) == 0 {
				return "", fmt.Errorf("history[%d]: %s with nothing to reopen", n, e.Do)
			}
			next = beforeClose[len(beforeClose)-1]
			beforeClose = beforeClose[:len(beforeClose)-1]
		}
		if next == StatusClosed && status != StatusClosed {
			beforeClose = append(beforeClose, status)
		}
		switch {
		case e.Do == ActDispose:
			disposed = true
		case r.Final:
			finals = append(finals, r)
		}
		status = next
	}
	return status, nil
}

// Disallowed returns "" when act may be applied to c now, else why not.
func (p *Profile) Disallowed(c *Case, act string) string {
	w := &p.Workflow
	r, ok := w.rule(act)
	if !ok || act == ActCreate {
		return "unknown action"
	}
	if Disposed(c) && act != ActEdit && act != ActNote {
		return disposedMessage
	}
	if f, ok := w.finalIn(c); ok && !slices.Contains(f.Then, act) {
		if f.FinalMessage != "" {
			return expandMessage(f.FinalMessage, c)
		}
		return fmt.Sprintf("the case had a %s, which is final", f.Name)
	}
	if !r.startsFrom(c.Status, true) {
		if msg, ok := r.Refusals[c.Status]; ok {
			return expandMessage(msg, c)
		}
		if msg, ok := r.Refusals[RefusalOpen]; ok && c.Status != StatusClosed {
			return expandMessage(msg, c)
		}
		if msg, ok := w.Refusals[c.Status]; ok {
			return expandMessage(msg, c)
		}
		return fmt.Sprintf("not allowed while the case is %s", c.Status)
	}
	for _, g := range r.Requires {
		if !slices.ContainsFunc(g.Any, func(f string) bool { return caseFieldSet(c, f) }) {
			return expandMessage(guardMessage(g, "needs "+strings.Join(g.Any, " or ")), c)
		}
	}
	for _, g := range r.RequiresDone {
		if !slices.ContainsFunc(c.History, func(e Entry) bool { return slices.Contains(g.Any, e.Do) }) {
			return expandMessage(guardMessage(g, "needs "+strings.Join(g.Any, " or ")+" first"), c)
		}
	}
	for _, g := range r.UnlessOutcome {
		if o := c.Outcome(); o != "" && slices.Contains(g.Any, o) {
			return expandMessage(guardMessage(g, "the outcome is "+o), c)
		}
	}
	return ""
}

func guardMessage(g Guard, fallback string) string {
	if g.Message != "" {
		return g.Message
	}
	return fallback
}

// finalIn is the last declared final action of c's history (disposal aside), if any.
func (w *Workflow) finalIn(c *Case) (rule, bool) {
	for i := len(c.History) - 1; i >= 0; i-- {
		do := c.History[i].Do
		if IsBuiltin(do) { // dispose is checked on its own; no other built-in is final
			continue
		}
		// the declaration first: the rule, a copy, only for the one that is final
		if d := w.Actions.Find(do); d != nil && d.Final {
			return w.rule(do)
		}
	}
	return rule{}, false
}

// caseFieldSet reports whether the case field (or declared field) name has a value.
func caseFieldSet(c *Case, name string) bool {
	return caseFieldValue(c, name) != ""
}

// caseFieldValue is the value of a case field a workflow may name (in requires and in the
// {NAME} of a message), or of a declared field (its values joined).
func caseFieldValue(c *Case, name string) string {
	switch name {
	case "type":
		return c.Type
	case "status":
		return c.Status
	case "routing":
		return c.Routing
	case "outcome":
		return c.Outcome()
	case "channel":
		return c.Channel
	case "language":
		return c.Language
	case "service", "respondent.service":
		return c.Service()
	}
	return strings.Join(c.Field(strings.TrimPrefix(name, "fields.")).Values(), ", ")
}

// expandMessage replaces each {NAME} of a refusal message by the case's value of that field,
// "(none)" when it is empty.
func expandMessage(msg string, c *Case) string {
	if !strings.Contains(msg, "{") {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(msg[i+1:], '}')
		}
		if j < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i])
		v := caseFieldValue(c, msg[i+1:i+1+j])
		if v == "" {
			v = "(none)"
		}
		b.WriteString(v)
		msg = msg[i+j+2:]
	}
}

// verbs lists the commands of the workflow's actions in the order of their first action: an
// action's verb, else its name. Built-in actions are commands of their own, but note, which
// every status allows.
func (w *Workflow) verbs() (order []string, actions map[string][]string) {
	actions = map[string][]string{}
	add := func(verb, act string) {
		if _, ok := actions[verb]; !ok {
			order = append(order, verb)
		}
		actions[verb] = append(actions[verb], act)
	}
	for _, d := range w.Actions {
		if IsBuiltin(d.Name) && d.Name != ActNote {
			continue
		}
		add(verbOf(d), d.Name)
	}
	if w.Actions.Find(ActNote) == nil {
		add(ActNote, ActNote)
	}
	return order, actions
}

// verbOf is the command that runs an action: its verb, else its name.
func verbOf(d ActionDef) string {
	if d.Verb != "" {
		return d.Verb
	}
	return d.Name
}

// Allowed lists the commands a case in its current state accepts (for messages and
// completion): the verbs of the actions it may take, in the workflow's order.
func (p *Profile) Allowed(c *Case) []string {
	order, actions := p.Workflow.verbs()
	var out []string
	for _, verb := range order {
		for _, act := range actions[verb] {
			if p.Disallowed(c, act) == "" {
				out = append(out, verb)
				break
			}
		}
	}
	return out
}

// AllowedActions lists the declared actions a case may take now (dossier do), in the
// workflow's order.
func (p *Profile) AllowedActions(c *Case) []string {
	var out []string
	for _, d := range p.Workflow.Actions {
		if IsBuiltin(d.Name) {
			continue
		}
		if p.Disallowed(c, d.Name) == "" {
			out = append(out, d.Name)
		}
	}
	return out
}

// Refuse builds the error for a step the workflow rejects (exit status 4).
func (p *Profile) Refuse(c *Case, verb, why string) error {
	return &RefusedError{ID: c.ID, Status: c.Status, Action: verb, Why: why, Allowed: p.Allowed(c)}
}

// StatusLabel is the label of a declared status in lang (the status itself when it has none).
func (w *Workflow) StatusLabel(status, lang string) string {
	for _, s := range w.Statuses {
		if s.Code == status {
			return Code{Code: s.Code, En: s.En, Fr: s.Fr}.Label(lang)
		}
	}
	return status
}

// StatusCodesLabelled is the workflow's statuses as a code list with their labels; a label of
// overrides (codes.statuses of a repository written before the workflow was declared) replaces
// the declared one. Without declared statuses the overrides are the list.
func (w *Workflow) StatusCodesLabelled(overrides Codes) Codes {
	if len(w.Statuses) == 0 {
		return overrides
	}
	out := make(Codes, len(w.Statuses))
	for i, s := range w.Statuses {
		out[i] = Code{Code: s.Code, En: s.En, Fr: s.Fr}
		if o := overrides.Find(s.Code); o != nil {
			if o.En != "" {
				out[i].En = o.En
			}
			if o.Fr != "" {
				out[i].Fr = o.Fr
			}
		}
	}
	return out
}
