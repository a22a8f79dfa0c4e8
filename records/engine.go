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

// builtinKind reports whether name is a built-in action and whether it starts from every
// status, without building its declaration: the engine asks it of every history entry.
func builtinKind(name string) (anyStatus, ok bool) {
	switch name {
	case ActNote, ActEdit, ActHold, ActLiftHold:
		return true, true
	case ActDispose, ActCreate:
		return false, true
	}
	return false, false
}

// builtinAction is the declaration of a built-in action (builtinKind says which names are).
func builtinAction(name string) ActionDef {
	if name == ActDispose {
		return ActionDef{Name: name, From: []string{StatusClosed}, Final: true, Then: []string{ActEdit, ActNote},
			FinalMessage: disposedMessage}
	}
	return ActionDef{Name: name}
}

// IsBuiltin reports whether name is a built-in action (one of BuiltinActions), without
// building their list: the engine asks it of every history entry.
func IsBuiltin(name string) bool {
	_, ok := builtinKind(name)
	return ok
}

// rule is an action as the engine runs it: its declaration (for a built-in, the built-in's
// rules with the labels and place a profile may declare). It points at the profile's own
// declaration, or at the caller's buffer for a built-in: copying a declaration for every
// question the engine is asked cost more than the answer (show, do and every verb ask it of
// each action).
type rule struct {
	*ActionDef
	anyStatus bool
	builtin   bool
}

// rule finds the action named name: declared, or built in. A profile that declares a built-in
// action (to place it in the list of what a status allows, or to label it) keeps its rules; a
// built-in's rules are written into buf, which the rule then points at.
func (w *Workflow) rule(name string, buf *ActionDef) (rule, bool) {
	anyStatus, isBuiltin := builtinKind(name)
	d := w.Actions.Find(name)
	if !isBuiltin {
		if d == nil {
			return rule{}, false
		}
		return rule{ActionDef: d}, true
	}
	*buf = builtinAction(name)
	if d != nil {
		buf.Verb, buf.En, buf.Fr, buf.Line = d.Verb, d.En, d.Fr, d.Line
	}
	return rule{ActionDef: buf, anyStatus: anyStatus, builtin: true}, true
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
	var finals []finalStep // the final actions replayed so far, but disposal
	disposed := false
	var buf ActionDef
	for i, e := range history[1:] {
		n := i + 1
		if e.Do == ActCreate {
			return "", fmt.Errorf("history[%d]: a second create entry", n)
		}
		r, ok := w.rule(e.Do, &buf)
		if !ok {
			return "", fmt.Errorf("history[%d]: unknown action %q", n, e.Do)
		}
		for _, f := range finals {
			if !slices.Contains(f.then, e.Do) {
				return "", fmt.Errorf("history[%d]: %s after a %s, which is final", n, e.Do, f.name)
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
			finals = append(finals, finalStep{name: r.Name, then: r.Then})
		}
		status = next
	}
	return status, nil
}

// finalStep is a final action DeriveStatus has replayed: what may follow it.
type finalStep struct {
	name string
	then []string
}

// Disallowed returns "" when act may be applied to c now, else why not.
func (p *Profile) Disallowed(c *Case, act string) string {
	return p.disallowed(c, act, p.Workflow.pastOf(c))
}

// past is what Disallowed reads of a case's history whatever the action: read once when
// every action is asked about one case (Allowed, AllowedActions).
type past struct {
	disposed bool       // a dispose entry
	final    *ActionDef // the last declared final action (finalIn)
}

func (w *Workflow) pastOf(c *Case) past {
	return past{disposed: Disposed(c), final: w.finalIn(c)}
}

// disallowed is Disallowed with c's past already read.
func (p *Profile) disallowed(c *Case, act string, h past) string {
	w := &p.Workflow
	var buf ActionDef
	r, ok := w.rule(act, &buf)
	if !ok || act == ActCreate {
		return "unknown action"
	}
	if h.disposed && act != ActEdit && act != ActNote {
		return disposedMessage
	}
	if f := h.final; f != nil && !slices.Contains(f.Then, act) {
		if f.FinalMessage != "" {
			return expandMessage(f.FinalMessage, c)
		}
		return "the case had a " + f.Name + ", which is final"
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
		return "not allowed while the case is " + c.Status
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

// finalIn is the declaration of the last declared final action of c's history (disposal
// aside), or nil. The history is searched for each final action (a workflow has few), from
// its end down to the latest found so far, rather than each entry looked up among all the
// actions.
func (w *Workflow) finalIn(c *Case) *ActionDef {
	acts := w.Actions
	var last *ActionDef
	at := -1
	for k := range acts {
		d := &acts[k]
		// dispose is checked on its own, no other built-in is final; an action's first
		// declaration is the one that counts (as everywhere: ActionDefs.Find)
		if !d.Final || IsBuiltin(d.Name) || acts.Find(d.Name) != d {
			continue
		}
		for i := len(c.History) - 1; i > at; i-- {
			if c.History[i].Do == d.Name {
				last, at = d, i
				break
			}
		}
	}
	return last
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

// listed reports whether the declared action d is a command of the list of what a status
// allows: built-in actions are commands of their own, but note, which every status allows.
func listed(d *ActionDef) bool {
	return d.Name == ActNote || !IsBuiltin(d.Name)
}

// verbOf is the command that runs an action: its verb, else its name.
func verbOf(d *ActionDef) string {
	if d.Verb != "" {
		return d.Verb
	}
	return d.Name
}

// Allowed lists the commands a case in its current state accepts (for messages and
// completion): the verbs of the actions it may take, in the order of each verb's first
// action; note, when the workflow does not declare it, comes last. A verb is allowed when
// one of its actions is. Built without a map: the workflow's few actions are compared in
// place (this runs for every refusal and every completion).
func (p *Profile) Allowed(c *Case) []string {
	acts := p.Workflow.Actions
	h := p.Workflow.pastOf(c)
	noteBuiltin := acts.Find(ActNote) == nil
	var out []string
	for i := range acts {
		if !listed(&acts[i]) {
			continue
		}
		verb := verbOf(&acts[i])
		if firstOfVerb(acts[:i], verb) && p.verbAllowed(c, h, acts[i:], verb, noteBuiltin) {
			out = append(out, verb)
		}
	}
	if noteBuiltin && firstOfVerb(acts, ActNote) && p.disallowed(c, ActNote, h) == "" {
		out = append(out, ActNote)
	}
	return out
}

// firstOfVerb reports whether no listed action of before runs as verb.
func firstOfVerb(before ActionDefs, verb string) bool {
	for j := range before {
		if listed(&before[j]) && verbOf(&before[j]) == verb {
			return false
		}
	}
	return true
}

// verbAllowed reports whether c may take one of the listed actions of acts that run as verb
// (and the built-in note, when the workflow does not declare it and verb is note).
func (p *Profile) verbAllowed(c *Case, h past, acts ActionDefs, verb string, noteBuiltin bool) bool {
	for j := range acts {
		if listed(&acts[j]) && verbOf(&acts[j]) == verb && p.disallowed(c, acts[j].Name, h) == "" {
			return true
		}
	}
	return noteBuiltin && verb == ActNote && p.disallowed(c, ActNote, h) == ""
}

// AllowedActions lists the declared actions a case may take now (dossier do), in the
// workflow's order.
func (p *Profile) AllowedActions(c *Case) []string {
	h := p.Workflow.pastOf(c)
	var out []string
	for i := range p.Workflow.Actions {
		name := p.Workflow.Actions[i].Name
		if !IsBuiltin(name) && p.disallowed(c, name, h) == "" {
			out = append(out, name)
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
