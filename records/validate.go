package records

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
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

// Validate checks a parsed record against the rules and the profile's codes: caseRules, in
// their order, then the declared fields and the disposal rules.
func Validate(r *Record, p *Profile) []Problem {
	v := &validation{r: r, c: &r.Case, p: p}
	for _, rule := range caseRules {
		if rule.applies == nil || rule.applies(v.c) {
			rule.check(v, rule.field)
		}
	}
	v.ps = append(v.ps, fieldProblems(v.c, p)...)
	return append(v.ps, disposedProblems(v.c, p)...)
}

// validation is one record being validated, with the problems found so far.
type validation struct {
	r  *Record
	c  *Case
	p  *Profile
	ps []Problem
}

func (v *validation) add(field, format string, args ...any) {
	v.ps = append(v.ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (v *validation) warn(field, format string, args ...any) {
	v.ps = append(v.ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...), Severity: SeverityWarning})
}

// code checks that a value, when given, is one of the codes cs (what names the list).
func (v *validation) code(field string, cs Codes, what, val string) {
	if val != "" && !cs.Has(val) {
		v.add(field, "unknown %s %s%s: use one of %s", what, codeValue(val), Suggest(val, cs.List()), strings.Join(cs.List(), ", "))
	}
}

// caseRule is one rule of Validate: the field its problems are about (a list's items are
// field[i]), the part of the case it needs (nil: always there), and the check.
type caseRule struct {
	field   string
	applies func(c *Case) bool
	check   func(v *validation, field string)
}

// required is the rule that a field is there: missing says when it is not, msg what to write.
func required(field string, applies, missing func(c *Case) bool, msg string) caseRule {
	return caseRule{field: field, applies: applies, check: func(v *validation, field string) {
		if missing(v.c) {
			v.add(field, "%s", msg)
		}
	}}
}

// coded is the rule that a field holds a code of the profile's list (what names it).
func coded(field, what string, applies func(c *Case) bool, codes func(p *Profile) Codes, value func(c *Case) string) caseRule {
	return caseRule{field: field, applies: applies, check: func(v *validation, field string) {
		v.code(field, codes(v.p), what, value(v.c))
	}}
}

// codedEach is the rule that every item of a list field is a code of the profile's list.
func codedEach(field, what string, applies func(c *Case) bool, codes func(p *Profile) Codes, values func(c *Case) []string) caseRule {
	return caseRule{field: field, applies: applies, check: func(v *validation, field string) {
		for i, val := range values(v.c) {
			v.code(fmt.Sprintf("%s[%d]", field, i), codes(v.p), what, val)
		}
	}}
}

// itemRule is a rule on each item of a list: the item's field under the list's (".to"), the
// predicate saying the item is wrong and the message; or a check of its own (codes).
type itemRule[T any] struct {
	sub   string
	bad   func(item T) bool
	msg   string
	check func(v *validation, field string, item T)
}

// eachItem applies the item rules to every item of a list: all the rules of one item, in
// their order, before the next item.
func eachItem[T any](field string, items func(c *Case) []T, rules ...itemRule[T]) caseRule {
	return caseRule{field: field, check: func(v *validation, field string) {
		for i, item := range items(v.c) {
			f := fmt.Sprintf("%s[%d]", field, i)
			for _, r := range rules {
				switch {
				case r.check != nil:
					r.check(v, f, item)
				case r.bad(item):
					v.add(f+r.sub, "%s", r.msg)
				}
			}
		}
	}}
}

func hasRespondent(c *Case) bool  { return c.Respondent != nil }
func hasIncident(c *Case) bool    { return c.Incident != nil }
func hasScreening(c *Case) bool   { return c.Screening != nil }
func hasReview(c *Case) bool      { return c.Review != nil }
func hasDisposition(c *Case) bool { return c.Disposition != nil }
func hasHold(c *Case) bool        { return c.Hold != nil }

// caseRules are Validate's rules, in the order of the problems it reports.
var caseRules = []caseRule{
	{field: "id", check: checkID},
	{field: "received", check: checkReceived},
	{field: "language", check: func(v *validation, field string) {
		if v.c.Language == "" {
			v.add(field, "missing: the correspondence language (%s)", strings.Join(v.p.Languages.List(), ", "))
		}
	}},
	coded("language", "language", nil, func(p *Profile) Codes { return p.Languages }, func(c *Case) string { return c.Language }),
	coded("type", "type", nil, func(p *Profile) Codes { return p.Types }, func(c *Case) string { return c.Type }),
	coded("channel", "channel", nil, func(p *Profile) Codes { return p.Channels }, func(c *Case) string { return c.Channel }),
	coded("respondent.service", "service", hasRespondent, func(p *Profile) Codes { return p.Partners }, func(c *Case) string { return c.Respondent.Service }),
	coded("incident.area", "area", hasIncident, func(p *Profile) Codes { return p.Areas }, func(c *Case) string { return c.Incident.Area }),
	codedEach("categories", "category", nil, func(p *Profile) Codes { return p.Categories }, func(c *Case) []string { return c.Categories }),
	{field: "categories", applies: func(c *Case) bool { return len(c.Categories) > 0 && c.Type != "" }, check: func(v *validation, field string) {
		if !v.p.TakesCategories(v.c.Type) {
			v.add(field, "%s", noCategories(v.p, v.c.Type))
		}
	}},
	codedEach("flags", "flag", nil, func(p *Profile) Codes { return p.Flags }, func(c *Case) []string { return c.Flags }),
	{field: "screening.decision", applies: hasScreening, check: func(v *validation, field string) {
		if d := v.c.Screening.Decision; d != "in" && d != "out" {
			v.add(field, "%q: write in or out", Printable(d))
		}
	}},
	required("screening.decided", hasScreening, func(c *Case) bool { return c.Screening.Decided.IsZero() }, "missing: the date of the screening decision"),
	codedEach("screening.grounds", "screen-out ground", hasScreening, func(p *Profile) Codes { return p.Grounds }, func(c *Case) []string { return c.Screening.Grounds }),
	required("screening.grounds", hasScreening, func(c *Case) bool { return c.Screening.Decision == "out" && len(c.Screening.Grounds) == 0 }, "a screen-out needs at least one ground"),
	coded("routing", "routing", nil, func(p *Profile) Codes { return p.Routings }, func(c *Case) string { return c.Routing }),
	eachItem("referrals", func(c *Case) []Referral { return c.Referrals },
		itemRule[Referral]{sub: ".to", bad: func(r Referral) bool { return r.To == "" }, msg: "missing: the partner the complaint was referred to"},
		itemRule[Referral]{check: func(v *validation, f string, r Referral) {
			v.code(f+".to", v.p.Partners, "partner", r.To)
			v.code(f+".purpose", v.p.Purposes, "purpose", r.Purpose)
		}},
		itemRule[Referral]{sub: ".sent", bad: func(r Referral) bool { return r.Sent.IsZero() }, msg: "missing: the date the referral was sent"},
	),
	eachItem("requests", func(c *Case) []Request { return c.Requests },
		itemRule[Request]{sub: ".item", bad: func(r Request) bool { return r.Item == "" }, msg: "missing: what was requested"},
		itemRule[Request]{sub: ".sent", bad: func(r Request) bool { return r.Sent.IsZero() }, msg: "missing: the date the request was sent"},
	),
	coded("review.outcome", "review outcome", hasReview, func(p *Profile) Codes { return p.ReviewOutcomes }, func(c *Case) string { return c.Review.Outcome }),
	required("review.requested", hasReview, func(c *Case) bool { return c.Review.Requested.IsZero() }, "missing: the date the review was requested"),
	{field: "disposition.outcome", applies: hasDisposition, check: checkOutcome},
	required("disposition.closed", hasDisposition, func(c *Case) bool { return c.Disposition.Closed.IsZero() }, "missing: the date the file was closed"),
	eachItem("history", func(c *Case) []Entry { return c.History },
		itemRule[Entry]{sub: ".at", bad: func(e Entry) bool { return e.At.IsZero() }, msg: "missing: when the entry was recorded (RFC 3339)"},
		itemRule[Entry]{sub: ".do", bad: func(e Entry) bool { return e.Do == "" }, msg: "missing: the action"},
	),
	required("hold.reason", hasHold, func(c *Case) bool { return strings.TrimSpace(c.Hold.Reason) == "" }, "missing: why the file is held (legal hold, access request, appeal)"),
	required("hold.since", hasHold, func(c *Case) bool { return c.Hold.Since.IsZero() }, "missing: the date the hold was placed"),
	{field: "status", check: checkStatus},
	{field: "", check: func(v *validation, _ string) { checkText(v.c, v.add) }},
	{field: "respondent.officers", applies: hasRespondent, check: func(v *validation, field string) {
		for i, o := range v.c.Respondent.Officers {
			if strings.TrimSpace(o.Name) == "" && strings.TrimSpace(o.Badge) == "" {
				v.add(fmt.Sprintf("%s[%d]", field, i), "an officer with neither a name nor a badge: give one, or remove the officer")
			}
		}
	}},
	{field: "aliases", check: func(v *validation, field string) { checkIDList(v, field, v.c.Aliases) }},
	{field: "related", check: func(v *validation, field string) { checkIDList(v, field, v.c.Related) }},
	{field: "legacy_ids", check: checkLegacyIDs},
	{field: "incident.date", applies: func(c *Case) bool { return c.Incident != nil && !c.Incident.Date.IsZero() && !c.Received.IsZero() }, check: checkIncidentDate},
}

func checkID(v *validation, field string) {
	c := v.c
	switch {
	case c.ID == "":
		v.add(field, "missing: every record has its id")
	case !ValidID(c.ID):
		v.add(field, "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", Printable(c.ID))
	case v.r.Path != "" && v.r.Path != RecordPath(c.ID):
		v.add(field, "%s does not match the file name: the file of %s is %s", c.ID, c.ID, RecordPath(c.ID))
	}
}

func checkReceived(v *validation, field string) {
	c := v.c
	if c.Received.IsZero() {
		v.add(field, "missing: the date the complaint was received (YYYY-MM-DD)")
	} else if c.ID != "" && ValidID(c.ID) && fmt.Sprintf("%04d", c.Received.Year) != c.ID[:4] {
		v.add(field, "%s is not in %s, the year of the id", c.Received, c.ID[:4])
	}
}

func checkOutcome(v *validation, field string) {
	d := v.c.Disposition
	allowed := v.p.ClosingOutcomes(v.c)
	if !allowed.Has(d.Outcome) && d.Outcome != OutcomeWithdrawn && d.Outcome != OutcomeRedirected {
		v.add(field, "%q is not an outcome of a %s complaint: use one of %s", Printable(d.Outcome), orNone(v.c.Type), strings.Join(allowed.List(), ", "))
	}
}

// checkStatus: a status of the workflow, the one the history derives, and then none of the
// facts that status rules out.
func checkStatus(v *validation, field string) {
	c, p := v.c, v.p
	if !p.Workflow.HasStatus(c.Status) {
		v.add(field, "unknown status %q: use one of %s", Printable(c.Status), strings.Join(p.Workflow.StatusCodes(), ", "))
		return
	}
	derived, err := p.DeriveStatus(c.History)
	switch {
	case err != nil:
		v.add("history", "%v", err)
	case derived != c.Status:
		v.add(field, "says %s but the history says %s: the status is derived from the history (run the workflow verb, or fix the status)", c.Status, derived)
	default:
		for _, x := range RecordContradictions(c) {
			v.add(x.Field, "%s [%s]", x.Msg, x.Check)
		}
	}
}

// checkIDList: every item a case id, none this case's own.
func checkIDList(v *validation, field string, ids []string) {
	for i, id := range ids {
		switch {
		case !ValidID(id):
			v.add(fmt.Sprintf("%s[%d]", field, i), "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", Printable(id))
		case id == v.c.ID:
			v.add(fmt.Sprintf("%s[%d]", field, i), "%s is this case's own id", id)
		}
	}
}

func checkLegacyIDs(v *validation, field string) {
	ids := v.c.LegacyIDs
	for i, id := range ids {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case strings.TrimSpace(id) == "":
			v.add(f, "empty: write the file number of the former system, or remove the line")
		case strings.TrimSpace(id) != id:
			v.add(f, "%s has spaces around it: remove them", Quote(Printable(id)))
		case slices.Index(ids, id) < i:
			v.add(f, "%s is listed twice", Quote(Printable(id)))
		}
	}
}

func checkIncidentDate(v *validation, field string) {
	c, limit := v.c, v.p.Clocks.SixMonthLimit
	if days := c.Incident.Date.DaysUntil(c.Received); limit > 0 && days > limit && c.Screening == nil {
		v.warn(field, "received %d days after the incident, over the %d-day limit (over-six-months is a discretionary screen-out ground: decide at screening)", days, limit)
	}
	if limit > 0 && c.Incident.Date.After(c.Received) {
		v.add(field, "%s is after the date received (%s)", c.Incident.Date, c.Received)
	}
}

// codeLike reports whether v looks like a code: 1 to 40 characters, lower-case letters and
// digits of any script, and . _ - after the first (the language of
// ^[\p{Ll}\p{N}][\p{Ll}\p{N}._-]{0,39}$, written out: compiling that expression's classes cost
// every process 1.7 ms and 1.6 MB at start). A value that does not (a name in the wrong
// column of an import, say) is not quoted back: it may be personal information.
func codeLike(v string) bool {
	n := 0
	for _, r := range v { // invalid UTF-8 reads as U+FFFD, which is neither
		switch {
		case unicode.IsLower(r) || unicode.IsNumber(r):
		case n > 0 && (r == '.' || r == '_' || r == '-'):
		default:
			return false
		}
		if n++; n > 40 {
			return false
		}
	}
	return n > 0
}

func codeValue(v string) string {
	if codeLike(v) {
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
