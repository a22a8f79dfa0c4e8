package records

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// HasErrors reports whether any problem is an error (not a warning).
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if !p.IsWarning() {
			return true
		}
	}
	return false
}

// ProblemsError turns the errors among ps into one error (for write paths).
func ProblemsError(ps []Problem) error {
	var errs []Problem
	for _, p := range ps {
		if !p.IsWarning() {
			errs = append(errs, p)
		}
	}
	return &InvalidError{Problems: errs}
}

// InvalidError is a record that fails validation; nothing was written.
type InvalidError struct{ Problems []Problem }

func (e *InvalidError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Field + ": " + p.Msg
	}
	return "invalid record, nothing written: " + strings.Join(msgs, "; ")
}

// SortProblems orders problems by their text (file, line, field, message).
func SortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return strings.Compare(a.Error(), b.Error()) })
}

// Joined is the problems in one line, "; " between them, without their file: for an error
// whose prefix names the file already.
func Joined(ps []Problem) string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		p.File = ""
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "; ")
}

// Located gives the problems of r their file, line and column.
func Located(r *Record, ps []Problem) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		p.File = r.Path
		p.Line, p.Col = r.Pos(p.Field)
		out[i] = p
	}
	return out
}

// freeTextFields may hold newlines and tabs; every other text field is one line.
var freeTextFields = map[string]bool{"summary": true, "detail": true, "reason": true, "address": true}

// Validate checks a parsed record against the rules and the profile's codes.
func Validate(r *Record, p *Profile) []Problem {
	c := &r.Case
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	warn := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...), Severity: SeverityWarning})
	}
	code := func(field string, cs Codes, what, v string) {
		if v != "" && !cs.Has(v) {
			add(field, "unknown %s %s%s: allowed: %s", what, codeValue(v), Suggest(v, cs.List()), strings.Join(cs.List(), ", "))
		}
	}

	switch {
	case c.ID == "":
		add("id", "missing: every record has its id")
	case !ValidID(c.ID):
		add("id", "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", Printable(c.ID))
	case r.Path != "" && r.Path != RecordPath(c.ID):
		add("id", "%s does not match the file name: the file of %s is %s", c.ID, c.ID, RecordPath(c.ID))
	}
	if c.Received.IsZero() {
		add("received", "missing: the date the complaint was received (YYYY-MM-DD)")
	} else if c.ID != "" && ValidID(c.ID) && fmt.Sprintf("%04d", c.Received.Year) != c.ID[:4] {
		add("received", "%s is not in %s, the year of the id", c.Received, c.ID[:4])
	}
	if c.Language == "" {
		add("language", "missing: the correspondence language (%s)", strings.Join(p.Languages.List(), ", "))
	}
	code("language", p.Languages, "language", c.Language)
	code("type", p.Types, "type", c.Type)
	code("channel", p.Channels, "channel", c.Channel)
	if c.Respondent != nil {
		code("respondent.service", p.Partners, "service", c.Respondent.Service)
	}
	if c.Incident != nil {
		code("incident.area", p.Areas, "area", c.Incident.Area)
	}
	for i, cat := range c.Categories {
		code(fmt.Sprintf("categories[%d]", i), p.Categories, "category", cat)
	}
	if len(c.Categories) > 0 && c.Type != "" && c.Type != "conduct" {
		add("categories", "categories apply to conduct complaints, and this one is %s", c.Type)
	}
	for i, f := range c.Flags {
		code(fmt.Sprintf("flags[%d]", i), p.Flags, "flag", f)
	}
	if s := c.Screening; s != nil {
		if s.Decision != "in" && s.Decision != "out" {
			add("screening.decision", "%q: write in or out", Printable(s.Decision))
		}
		if s.Decided.IsZero() {
			add("screening.decided", "missing: the date of the screening decision")
		}
		for i, g := range s.Grounds {
			code(fmt.Sprintf("screening.grounds[%d]", i), p.Grounds, "screen-out ground", g)
		}
		if s.Decision == "out" && len(s.Grounds) == 0 {
			add("screening.grounds", "a screen-out needs at least one ground")
		}
	}
	code("routing", p.Routings, "routing", c.Routing)
	for i, ref := range c.Referrals {
		f := fmt.Sprintf("referrals[%d]", i)
		if ref.To == "" {
			add(f+".to", "missing: the partner the complaint was referred to")
		}
		code(f+".to", p.Partners, "partner", ref.To)
		code(f+".purpose", p.Purposes, "purpose", ref.Purpose)
		if ref.Sent.IsZero() {
			add(f+".sent", "missing: the date the referral was sent")
		}
	}
	for i, rq := range c.Requests {
		f := fmt.Sprintf("requests[%d]", i)
		if rq.Item == "" {
			add(f+".item", "missing: what was requested")
		}
		if rq.Sent.IsZero() {
			add(f+".sent", "missing: the date the request was sent")
		}
	}
	if rv := c.Review; rv != nil {
		code("review.outcome", p.ReviewOutcomes, "review outcome", rv.Outcome)
		if rv.Requested.IsZero() {
			add("review.requested", "missing: the date the review was requested")
		}
	}
	if d := c.Disposition; d != nil {
		allowedOutcomes := p.ClosingOutcomes(c)
		if !allowedOutcomes.Has(d.Outcome) && d.Outcome != OutcomeWithdrawn && d.Outcome != OutcomeRedirected {
			add("disposition.outcome", "%q is not an outcome of a %s complaint: allowed: %s", Printable(d.Outcome), orNone(c.Type), strings.Join(allowedOutcomes.List(), ", "))
		}
		if d.Closed.IsZero() {
			add("disposition.closed", "missing: the date the file was closed")
		}
	}
	for i, e := range c.History {
		f := fmt.Sprintf("history[%d]", i)
		if e.At.IsZero() {
			add(f+".at", "missing: when the entry was recorded (RFC 3339)")
		}
		if e.Do == "" {
			add(f+".do", "missing: the action")
		}
	}
	if h := c.Hold; h != nil {
		if strings.TrimSpace(h.Reason) == "" {
			add("hold.reason", "missing: why the file is held (legal hold, access request, appeal)")
		}
		if h.Since.IsZero() {
			add("hold.since", "missing: the date the hold was placed")
		}
	}
	if !p.Workflow.HasStatus(c.Status) {
		add("status", "unknown status %q: allowed: %s", Printable(c.Status), strings.Join(p.Workflow.StatusCodes(), ", "))
	} else if derived, err := p.DeriveStatus(c.History); err != nil {
		add("history", "%v", err)
	} else if derived != c.Status {
		add("status", "says %s but the history says %s: the status is derived from the history (run the workflow verb, or fix the status)", c.Status, derived)
	} else {
		// The facts the status rules out (only once the status itself is right).
		for _, x := range RecordContradictions(c) {
			add(x.Field, "%s [%s]", x.Msg, x.Check)
		}
	}
	checkText(c, add)
	if c.Respondent != nil {
		for i, o := range c.Respondent.Officers {
			if strings.TrimSpace(o.Name) == "" && strings.TrimSpace(o.Badge) == "" {
				add(fmt.Sprintf("respondent.officers[%d]", i), "an officer with neither a name nor a badge: give one, or remove the officer")
			}
		}
	}
	for _, list := range []struct {
		field string
		ids   []string
	}{{"aliases", c.Aliases}, {"related", c.Related}} {
		field := list.field
		for i, v := range list.ids {
			switch {
			case !ValidID(v):
				add(fmt.Sprintf("%s[%d]", field, i), "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", Printable(v))
			case v == c.ID:
				add(fmt.Sprintf("%s[%d]", field, i), "%s is this case's own id", v)
			}
		}
	}
	for i, v := range c.LegacyIDs {
		switch {
		case strings.TrimSpace(v) == "":
			add(fmt.Sprintf("legacy_ids[%d]", i), "empty: write the file number of the former system, or remove the line")
		case strings.TrimSpace(v) != v:
			add(fmt.Sprintf("legacy_ids[%d]", i), "%s has spaces around it: remove them", Quote(Printable(v)))
		case slices.Index(c.LegacyIDs, v) < i:
			add(fmt.Sprintf("legacy_ids[%d]", i), "%s is listed twice", Quote(Printable(v)))
		}
	}
	if c.Incident != nil && !c.Incident.Date.IsZero() && !c.Received.IsZero() && p.Clocks.SixMonthLimit > 0 {
		if days := c.Incident.Date.DaysUntil(c.Received); days > p.Clocks.SixMonthLimit && c.Screening == nil {
			warn("incident.date", "received %d days after the incident, over the %d-day limit (over-six-months is a discretionary screen-out ground: decide at screening)", days, p.Clocks.SixMonthLimit)
		}
		if c.Incident.Date.After(c.Received) {
			add("incident.date", "%s is after the date received (%s)", c.Incident.Date, c.Received)
		}
	}
	ps = append(ps, fieldProblems(c, p)...)
	ps = append(ps, disposedProblems(c, p)...)
	return ps
}

// codeLike is what a code looks like; a value that does not (a name in the wrong column of an
// import, say) is not quoted back: it may be personal information.
var codeLike = regexp.MustCompile(`^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]{0,39}$`)

func codeValue(v string) string {
	if codeLike.MatchString(v) {
		return Quote(v)
	}
	return "(not shown: it does not look like a code)"
}

func orNone(t string) string {
	if t == "" {
		return "(unclassified)"
	}
	return t
}
