package records

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Act is who does a workflow step, when it is recorded (Now) and the day it happened (Date).
type Act struct {
	Actor string
	Now   time.Time
	Date  Date
}

func (a Act) Entry(do, detail string) Entry {
	return Entry{At: Timestamp{a.Now.UTC().Truncate(time.Second)}, Date: a.Date, By: a.Actor, Do: do, Detail: detail}
}

// InputError is a value given to a verb or at intake that the profile or the rules do not
// accept: exit status 2. It names the field it is about — a case field path ("type",
// "screening.grounds", "referral.to") or a verb's input ("date", "finding", "note") — never
// a command-line flag or a spreadsheet column: the CLI maps fields to its flags, import to
// its columns.
type InputError struct {
	Field   string   // "" when the error is about no one field
	Value   string   // the value refused, when there is one
	Allowed []string // the codes allowed, when the value must be one of them
	Msg     string   // what is wrong and how to fix it, without the field
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func InputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

func checkCode(cs Codes, field, what, v string) error {
	if cs.Has(v) {
		return nil
	}
	return &InputError{Field: field, Value: v, Allowed: cs.List(),
		Msg: fmt.Sprintf("unknown %s %q%s: use one of %s", what, Printable(v), Suggest(v, cs.List()), strings.Join(cs.List(), ", "))}
}

// Apply checks the workflow (the profile's declared actions), runs mutate, appends the history entry and derives the
// status from the history: the one path every verb takes.
func Apply(c *Case, p *Profile, a Act, verb, act, detail string, mutate func() error) error {
	if why := p.Disallowed(c, act); why != "" {
		return p.Refuse(c, verb, why)
	}
	if what, d := stepFollows(c, p, act); !d.IsZero() && a.Date.Before(d) {
		return p.Refuse(c, verb, fmt.Sprintf("dated %s, before %s (%s): a step cannot happen before the step it follows (check --date)", a.Date, what, d))
	}
	if mutate != nil {
		if err := mutate(); err != nil {
			return err
		}
	}
	c.History = append(c.History, a.Entry(act, detail))
	st, err := p.DeriveStatus(c.History)
	if err != nil {
		return err
	}
	c.Status = st
	return nil
}

// NewCase prepares a case received by the office: the workflow's first status, a create entry.
func NewCase(c *Case, p *Profile, a Act) {
	c.Status = p.Workflow.InitialStatus()
	c.History = []Entry{a.Entry(ActCreate, "")}
}

// Classify sets the type, categories (conduct only) and adds flags. Allowed until screening.
func Classify(c *Case, p *Profile, a Act, typ string, categories, flags []string) error {
	return classifyAs(c, p, a, "classify", ActClassify, typ, categories, flags, nil)
}

// classifyAs is the classify role under the action act (run by verb); also sets the declared
// fields of fields (applied, like the rest, only if the step is allowed).
func classifyAs(c *Case, p *Profile, a Act, verb, act, typ string, categories, flags []string, fields Fields) error {
	if typ == "" {
		typ = c.Type
	}
	if typ == "" {
		return InputErr("type", "required (%s)", strings.Join(p.Types.List(), ", "))
	}
	if err := checkCode(p.Types, "type", "type", typ); err != nil {
		return err
	}
	for _, cat := range categories {
		if err := checkCode(p.Categories, "categories", "category", cat); err != nil {
			return err
		}
	}
	if len(categories) > 0 && !p.TakesCategories(typ) {
		return InputErr("categories", "%s", noCategories(p, typ))
	}
	for _, f := range flags {
		if err := checkCode(p.Flags, "flags", "flag", f); err != nil {
			return err
		}
	}
	categories, flags = uniq(categories), uniq(flags)
	detail := typ
	if len(categories) > 0 {
		detail += ": " + strings.Join(categories, ", ")
	}
	if len(flags) > 0 {
		detail += " [" + strings.Join(flags, ", ") + "]"
	}
	return Apply(c, p, a, verb, act, detail, func() error {
		if fields != nil {
			c.Fields = fields
		}
		c.Type = typ
		if len(categories) > 0 {
			c.Categories = uniq(categories)
		}
		if !p.TakesCategories(typ) {
			c.Categories = nil
		}
		c.Flags = uniq(append(c.Flags, flags...))
		return nil
	})
}

// Uniq returns s without repeats, in first-seen order.
func Uniq(s []string) []string { return uniq(s) }

func uniq(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// ScreenIn records the decision to deal with the complaint.
func ScreenIn(c *Case, p *Profile, a Act) error {
	return Apply(c, p, a, "screen", ActScreenIn, "", func() error {
		c.Screening = &Screening{Decision: "in", Decided: a.Date}
		return nil
	})
}

// ScreenOut records the decision not to deal with it; the case closes, finally.
func ScreenOut(c *Case, p *Profile, a Act, grounds []string) error {
	if len(grounds) == 0 {
		return InputErr("screening.grounds", "a screen-out needs at least one ground (%s)", strings.Join(p.Grounds.List(), ", "))
	}
	for _, g := range grounds {
		if err := checkCode(p.Grounds, "screening.grounds", "ground", g); err != nil {
			return err
		}
	}
	grounds = uniq(grounds)
	return Apply(c, p, a, "screen", ActScreenOut, strings.Join(grounds, ", "), func() error {
		c.Screening = &Screening{Decision: "out", Decided: a.Date, Grounds: grounds}
		settleObligations(c, a, OutcomeScreenedOut)
		c.Disposition = &Disposition{Outcome: OutcomeScreenedOut, Closed: a.Date}
		return nil
	})
}

// Retain: the office investigates itself.
func Retain(c *Case, p *Profile, a Act) error {
	return Apply(c, p, a, "retain", ActRetain, "", func() error {
		c.Routing = "retained"
		return nil
	})
}

// Decide records the finding of the office's own investigation (or of a referral, like
// ReferralReturned).
func Decide(c *Case, p *Profile, a Act, finding string) error {
	if c.Status == StatusReferred {
		return ReferralReturned(c, p, a, ReferralChoice{Purpose: PurposeInvestigation}, finding)
	}
	if finding != "" && p.Disallowed(c, ActDecide) == "" {
		if err := checkCode(p.OutcomesFor(c.Type), "finding", "finding for a "+orNone(c.Type)+" complaint", finding); err != nil {
			return err
		}
	}
	return Apply(c, p, a, "decide", ActDecide, finding, nil)
}

// Note appends free text to the history (internal: never disclosed outside the office).
func Note(c *Case, p *Profile, a Act, text string) error {
	if strings.TrimSpace(text) == "" {
		return InputErr("note", "the text is empty")
	}
	return Apply(c, p, a, "note", ActNote, text, nil)
}

// lastFinding is the date of the latest decision entry (return or decide).
func lastFinding(c *Case) Date {
	var d Date
	for _, e := range c.History {
		if e.Do == ActReturn || e.Do == ActDecide {
			d = e.Date
		}
	}
	return d
}

// ReviewRequest records a complainant's request for review. It returns a warning (not an
// error) when the request comes after the review window: the office records it anyway.
func ReviewRequest(c *Case, p *Profile, a Act) (warning string, err error) {
	if f := lastFinding(c); !f.IsZero() && p.Clocks.ReviewRequest > 0 {
		if days := f.DaysUntil(a.Date); days > p.Clocks.ReviewRequest {
			warning = fmt.Sprintf("%s: review requested %d days after the decision of %s, outside the %d-day window; recorded anyway", c.ID, days, f, p.Clocks.ReviewRequest)
		}
	}
	due := a.Date.AddDays(p.Clocks.ReviewDecision)
	err = Apply(c, p, a, "review --request", ActReviewRequest, "due "+due.String(), func() error {
		c.Review = &Review{Requested: a.Date, Due: due}
		c.Disposition = nil
		return nil
	})
	return warning, err
}

// ReviewDecide records the review's outcome. new-investigation sends the case back to the
// partner of the last referral; taken-over makes the office investigate.
func ReviewDecide(c *Case, p *Profile, a Act, outcome string) error {
	if err := checkCode(p.ReviewOutcomes, "review.outcome", "review outcome", outcome); err != nil {
		return err
	}
	return reviewDecideAs(c, p, a, "review --decide", ActReviewDecision, outcome, nil)
}

// reviewDecideAs is the review-decide role under the action act (run by verb); also sets the
// declared fields of fields.
func reviewDecideAs(c *Case, p *Profile, a Act, verb, act, outcome string, fields Fields) error {
	if outcome == "new-investigation" && p.Disallowed(c, act) == "" && newInvestigationPartner(c) == "" {
		return p.Refuse(c, verb, "a new investigation goes to the partner of the last referral or the service complained about, and the case has neither: set respondent.service, or decide taken-over and refer it with refer --to")
	}
	return Apply(c, p, a, verb, act, outcome, func() error {
		if fields != nil {
			c.Fields = fields
		}
		if c.Review == nil {
			c.Review = &Review{}
		}
		c.Review.Decided, c.Review.Outcome = a.Date, outcome
		switch outcome {
		case "new-investigation":
			to := newInvestigationPartner(c)
			c.Referrals = append(c.Referrals, Referral{To: to, Purpose: "investigation", Sent: a.Date, Due: a.Date.AddDays(p.Clocks.ReferralReport)})
			c.Routing = routingTo(c, to)
		case "taken-over":
			c.Routing = "retained"
		}
		return nil
	})
}

// newInvestigationPartner is who investigates again after a review: the partner of the last
// referral, else the service complained about, else "".
func newInvestigationPartner(c *Case) string {
	if n := len(c.Referrals); n > 0 {
		return c.Referrals[n-1].To
	}
	return c.Service()
}

// Close closes a screened-in case with an outcome of its type.
func Close(c *Case, p *Profile, a Act, outcome, reason string) error {
	if outcome == "" {
		return InputErr("disposition.outcome", "required (%s)", strings.Join(p.OutcomesFor(c.Type).List(), ", "))
	}
	if c.Type != "" && p.Disallowed(c, ActClose) == "" {
		if err := checkCode(p.OutcomesFor(c.Type), "disposition.outcome", "outcome for a "+c.Type+" complaint", outcome); err != nil {
			return err
		}
	}
	return Apply(c, p, a, "close", ActClose, outcome, func() error {
		settleObligations(c, a, outcome)
		c.Disposition = &Disposition{Outcome: outcome, Closed: a.Date, Reason: reason}
		return nil
	})
}

// Withdraw closes the case at the complainant's request, at any open stage.
func Withdraw(c *Case, p *Profile, a Act, reason string) error {
	return Apply(c, p, a, "withdraw", ActWithdraw, "", func() error {
		settleObligations(c, a, OutcomeWithdrawn)
		c.Disposition = &Disposition{Outcome: OutcomeWithdrawn, Closed: a.Date, Reason: reason}
		return nil
	})
}

// Reopen reopens a closed case (not a screened-out one) in the status it had when closed.
func Reopen(c *Case, p *Profile, a Act, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return InputErr("reopen.reason", "say why the file is reopened")
	}
	return Apply(c, p, a, "reopen", ActReopen, reason, func() error {
		c.Disposition = nil
		return nil
	})
}

// settleObligations cancels what is still open when a file closes (a section-72 closing while
// the police report is outstanding, a withdrawal with documents still asked for): a closed case
// owes and is owed nothing, and the cancellation is recorded on each referral and request.
func settleObligations(c *Case, a Act, outcome string) {
	reason := "the file was closed (" + outcome + ")"
	for i := range c.Referrals {
		if c.Referrals[i].Open() {
			c.Referrals[i].Cancelled, c.Referrals[i].Reason = a.Date, reason
		}
	}
	for i := range c.Requests {
		if c.Requests[i].Open() {
			c.Requests[i].Cancelled, c.Requests[i].Reason = a.Date, reason
		}
	}
}

// noCategories says that cases of type typ take no categories, and which types do
// (codes.category_types).
func noCategories(p *Profile, typ string) string {
	if len(p.CategoryTypes) == 0 {
		return fmt.Sprintf("cases of type %s take no categories: no type does (codes.category_types in dossier.yaml names none)", Printable(typ))
	}
	return fmt.Sprintf("cases of type %s take no categories: only %s do (codes.category_types in dossier.yaml)", Printable(typ), strings.Join(p.CategoryTypes, ", "))
}
