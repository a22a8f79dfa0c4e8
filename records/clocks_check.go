package records

import (
	"fmt"
	"slices"
	"strings"
)

// ontarioActions are the history's actions of the workflow written in Go, which a profile
// without declared actions runs.
func ontarioActions() []string {
	return []string{ActCreate, ActClassify, ActScreenIn, ActScreenOut, ActRefer, ActReferFor, ActUpdate, ActReturn,
		ActReturnFor, ActCancelReferral, ActCancelInvest, ActCancelRequest, ActRedirect, ActRetain, ActDecide,
		ActRequest, ActReceive, ActNote, ActReviewRequest, ActReviewDecision, ActClose, ActWithdraw, ActReopen,
		ActEdit, ActHold, ActLiftHold, ActDispose}
}

// clockActions are the action names a clock may start or stop on: the declared ones and the
// built-in ones (a profile without declared actions: the workflow written in Go).
func (p *Profile) clockActions() []string {
	if len(p.Workflow.Actions) == 0 {
		return ontarioActions()
	}
	names := BuiltinActions()
	for _, a := range p.Workflow.Actions {
		if !slices.Contains(names, a.Name) {
			names = append(names, a.Name)
		}
	}
	return names
}

// CheckClocks reports what is wrong with the declared clocks: a start naming an unknown action
// or date field, a stop naming an unknown action, a clock that never stops, a by field that is
// not a code field, days_by without a length for a code (when there is no days) or naming an
// unknown code, lengths that are not positive, and labels missing in a language of the office.
func (p *Profile) CheckClocks() []Problem {
	var probs []Problem
	actions := p.clockActions()
	for i := range p.Deadlines {
		d := &p.Deadlines[i]
		add := func(key, format string, args ...any) {
			field := "clocks." + d.Name
			if key != "" {
				field += "." + key
			}
			probs = append(probs, Problem{File: "dossier.yaml", Line: d.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		builtin := slices.Contains(BuiltinClocks(), d.Name)
		if !fieldNameRule().MatchString(d.Name) {
			add("", "%s is not a clock name: lower-case letters, digits, - and _, starting with a letter (it is a --clock value and a KIND in due)", Quote(d.Name))
		}
		if slices.Contains(DueKinds, d.Name) {
			add("", "%q is the name of a built-in deadline: choose another name", d.Name)
		}
		switch {
		case d.Start == "" && !builtin:
			add("start", "missing: say what starts the clock (an action, fields.NAME of a date field, or received)")
		case d.Start == "" || d.Start == ClockReceived:
		case d.StartField() != "":
			f := p.Fields.Find(d.StartField())
			switch {
			case f == nil:
				add("start", "unknown field %q%s: declare it under fields: (kind: date)", d.StartField(), Suggest(d.StartField(), p.declaredFieldsOfKind(KindDate)))
			case f.Kind != KindDate:
				add("start", "field %q is of kind %s: a clock starts on a date field", f.Name, f.Kind)
			}
		case !slices.Contains(actions, d.Start):
			add("start", "unknown action %q%s: use an action of the workflow, fields.NAME of a date field, or received", d.Start, Suggest(d.Start, actions))
		}
		for _, s := range d.Stop {
			if !slices.Contains(actions, s) {
				add("stop", "unknown action %q%s: use an action of the workflow", s, Suggest(s, actions))
			}
		}
		if d.Runs() && len(d.Stop) == 0 && !d.Before {
			add("stop", "the clock never stops: list the actions that stop it (stop: [ACTION...])")
		}
		if d.Every > 0 && d.Before {
			add("every", "a before clock falls due once, before its date: drop every or before")
		}
		p.checkClockLengths(d, add)
		langs := p.labelLanguages() // the office's languages
		if d.En == "" && slices.Contains(langs, "en") {
			add("en", "missing: give the clock an English label")
		}
		if d.Fr == "" && slices.Contains(langs, "fr") {
			add("fr", "missing: give the clock a French label")
		}
	}
	SortProblems(probs)
	return probs
}

// checkClockLengths reports lengths that are not positive and a by field without a length for
// one of its codes.
func (p *Profile) checkClockLengths(d *ClockDef, add func(key, format string, args ...any)) {
	if d.Days < 0 || (d.Days == 0 && d.By == "" && d.Every <= 0 && d.StartField() == "" && d.Runs()) {
		add("days", "%d: a clock lasts at least one day", d.Days)
	}
	if d.Every < 0 {
		add("every", "%d: a clock repeats at least every day", d.Every)
	}
	if d.Warn < 0 {
		add("warn", "%d: warn so many days before the deadline (a positive number)", d.Warn)
	}
	if d.By == "" {
		if len(d.DaysBy) > 0 {
			add("days_by", "lengths by value without a field: name it with by: FIELD")
		}
		return
	}
	f := p.Fields.Find(d.By)
	switch {
	case f == nil:
		add("by", "unknown field %q%s: name a declared field of kind code", d.By, Suggest(d.By, p.declaredFieldsOfKind(KindCode)))
		return
	case f.Kind != KindCode:
		add("by", "field %q is of kind %s: the length is chosen by a code field", f.Name, f.Kind)
		return
	}
	var unknown []string
	for code, n := range d.DaysBy {
		if !f.Codes.Has(code) {
			unknown = append(unknown, code)
		} else if n <= 0 {
			add("days_by."+code, "%d: a clock lasts at least one day", n)
		}
	}
	slices.Sort(unknown)
	for _, code := range unknown {
		add("days_by."+code, "unknown code %q of field %s%s: use one of %s", code, f.Name, Suggest(code, f.Codes.List()), strings.Join(f.Codes.List(), ", "))
	}
	if d.Days > 0 {
		return
	}
	for _, c := range f.Codes {
		if _, ok := d.DaysBy[c.Code]; !ok {
			add("days_by", "no length for %s %q: add %s: DAYS (or days: for the codes not listed)", f.Name, c.Code, c.Code)
		}
	}
}

// declaredFieldsOfKind are the declared fields of a kind.
func (p *Profile) declaredFieldsOfKind(kind string) []string {
	var out []string
	for _, f := range p.Fields {
		if f.Kind == kind {
			out = append(out, f.Name)
		}
	}
	return out
}
