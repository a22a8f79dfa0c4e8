package letters

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// Applies is what a template's front matter declares about when the letter may be written:
// the statuses the case may be in, the facts that must hold and the facts that must not.
//
//	applies:
//	  status: [closed]
//	  facts: [decision]
//	  unless: [screened-out, redirected]
//
// A profile that declares its own workflow also says which of its actions the history must
// hold (after:) and which outcomes a closed case must have (outcome:).
type Applies struct {
	Status  []string `yaml:"status"`
	Facts   []string `yaml:"facts"`
	Unless  []string `yaml:"unless"`
	After   []string `yaml:"after"`
	Outcome []string `yaml:"outcome"`
}

// Fact names (a contract: office templates use them in their front matter).
const (
	FactScreenedOut       = "screened-out"
	FactWithdrawn         = "withdrawn"
	FactRedirected        = "redirected"
	FactOpenInvestigation = "open-investigation-referral"
	FactOverdueReferral   = "overdue-referral"
	FactOpenRequest       = "open-request-from-reader"
	FactDecision          = "decision"
	FactReviewWindowOpen  = "review-window-open"
	FactReviewRequested   = "review-requested"
)

// factDef says what a fact means, for messages and docs, and whether it names obligations a
// letter must choose among (referrals or requests).
type factDef struct {
	name, means string
}

var facts = []factDef{
	{FactScreenedOut, "the office screened the complaint out"},
	{FactWithdrawn, "the complaint was withdrawn"},
	{FactRedirected, "the complaint was redirected to another organisation"},
	{FactOpenInvestigation, "an investigation referral is waiting for its report"},
	{FactOverdueReferral, "a referral's report is past its due date"},
	{FactOpenRequest, "a request is open for an item from the letter's reader"},
	{FactDecision, "a decision was made on the complaint (an investigation report returned, or the office's own)"},
	{FactReviewWindowOpen, "a decision's review window is still open on the letter's date"},
	{FactReviewRequested, "a review was requested and is not decided"},
}

// FactNames lists the facts a template may declare.
func FactNames() []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = f.name
	}
	return out
}

func factMeaning(name string) string {
	for _, f := range facts {
		if f.name == name {
			return f.means
		}
	}
	return name
}

// NotApplicableError is a letter the case is not in a state for: exit 4, before anything is
// rendered.
type NotApplicableError struct {
	Template, ID, Why string
}

func (e *NotApplicableError) Error() string {
	return fmt.Sprintf("%s: letter %s does not apply: %s", e.ID, e.Template, e.Why)
}

// ChoiceError is a letter that could speak of several obligations: the command line must
// choose one (exit 2).
type ChoiceError struct {
	Template, ID, Flag, What string
	Choices                  []string
}

func (e *ChoiceError) Error() string {
	if e.Choices == nil {
		return fmt.Sprintf("%s: letter %s speaks of no %s: leave out %s", e.ID, e.Template, e.What, e.Flag)
	}
	return fmt.Sprintf("%s: letter %s could speak of %d %s: choose one with %s (%s)",
		e.ID, e.Template, len(e.Choices), e.What, e.Flag, strings.Join(e.Choices, ", "))
}

// Subject is what a letter speaks of, chosen before rendering from the facts its template
// declares: indexes into the case's referrals and requests (-1: none).
type Subject struct {
	Reader   string // the template's reader, whom "from the reader" means
	Referral int    // the referral the letter is about (overdue, or the open investigation)
	Requests []int  // the open requests from the reader
	Decision *Decision
}

// Decision is the decision on the complaint the letters speak of: who made it, when, what
// it found. By is a partner code, or "" for the office itself.
type Decision struct {
	Date    records.Date
	By      string
	Finding string
	// Referral is the index of the investigation referral that brought it (-1: the office's
	// own decision).
	Referral int
}

// Choice is what the command line chose: a referral's partner and an item requested.
type Choice struct {
	Referral string // partner code (--referral)
	Request  string // item (--request)
}

// opener is a referral or request that knows whether it is still open (not returned or
// received, not cancelled).
type opener interface{ Open() bool }

// referralOpen is a referral still waiting for its report (and not cancelled).
func referralOpen(r records.Referral) bool {
	if o, ok := any(r).(opener); ok {
		return o.Open()
	}
	return r.Returned.IsZero()
}

// requestOpen is a request still waiting for its item (and not cancelled).
func requestOpen(rq records.Request) bool {
	if o, ok := any(rq).(opener); ok {
		return o.Open()
	}
	return rq.Received.IsZero()
}

// isInvestigation tells whether a referral is for investigation (a referral recorded before
// purposes existed is one).
func isInvestigation(r records.Referral) bool {
	return r.Purpose == "" || r.Purpose == "investigation"
}

// requestFrom tells whether the request is asked of the reader (an audience): the
// complainant, or the police service complained about for the respondent.
func requestFrom(c *records.Case, rq records.Request, reader string) bool {
	if rq.From == reader {
		return true
	}
	return reader == "respondent" && rq.From != "" && rq.From == c.Service()
}

// LatestDecision is the decision that closes the investigation stage: the latest returned
// investigation referral or the office's own decide step, whichever came last; nil when the
// case has none.
func LatestDecision(c *records.Case) *Decision {
	var d *Decision
	for i, r := range c.Referrals {
		if isInvestigation(r) && !r.Returned.IsZero() && (d == nil || !r.Returned.Before(d.Date)) {
			d = &Decision{Date: r.Returned, By: r.To, Finding: r.Finding, Referral: i}
		}
	}
	for _, h := range c.History {
		if h.Do != records.ActDecide {
			continue
		}
		day := h.Date
		if day.IsZero() {
			day = records.DateOf(h.At.Time)
		}
		if d == nil || day.After(d.Date) {
			d = &Decision{Date: day, Finding: h.Detail, Referral: -1}
		}
	}
	return d
}

// reviewWindowOpen tells whether the decision can still be the subject of a request for
// review on today: a police decision, no review requested since, within the clock.
func reviewWindowOpen(c *records.Case, p *records.Profile, d *Decision, today records.Date) bool {
	if d == nil || d.By == "" || p.Clocks.ReviewRequest <= 0 {
		return false
	}
	if c.Review != nil && !c.Review.Requested.IsZero() && !c.Review.Requested.Before(d.Date) {
		return false
	}
	return !today.After(d.Date.AddDays(p.Clocks.ReviewRequest))
}

func redirected(c *records.Case) bool {
	if c.Outcome() == "redirected" {
		return true
	}
	return slices.ContainsFunc(c.History, func(h records.Entry) bool { return h.Do == "redirect" })
}

// Check decides whether the template applies to the case (the whole case, not the copy
// redacted for the reader: facts are about the case) on today, and what it speaks of. It
// refuses with a NotApplicableError naming the first condition that fails, or a ChoiceError
// when the letter could speak of several obligations and ch does not choose.
func (t *Template) Check(c *records.Case, p *records.Profile, today records.Date, ch Choice) (*Subject, error) {
	refuse := func(format string, args ...any) error {
		return &NotApplicableError{Template: t.Name, ID: c.ID, Why: fmt.Sprintf(format, args...)}
	}
	ap := t.Applies
	if ap == nil {
		return nil, refuse("its template %s does not say when it applies: add applies: with status: and facts: to its front matter", t.File)
	}
	if len(ap.Status) > 0 && !slices.Contains(ap.Status, c.Status) {
		return nil, refuse("the case is %s and the letter is for a case that is %s", c.Status, orList(ap.Status))
	}
	if len(ap.After) > 0 && !slices.ContainsFunc(c.History, func(h records.Entry) bool { return slices.Contains(ap.After, h.Do) }) {
		return nil, refuse("the letter is for a case after %s, and the case's history has none", orList(ap.After))
	}
	if len(ap.Outcome) > 0 && !slices.Contains(ap.Outcome, c.Outcome()) {
		return nil, refuse("the case's outcome is %s and the letter is for the outcome %s", outcomeOrOpen(c.Outcome()), orList(ap.Outcome))
	}
	sub := &Subject{Reader: t.Reader, Referral: -1, Decision: LatestDecision(c)}
	holds := map[string]bool{
		FactScreenedOut:      c.Outcome() == "screened-out" || (c.Screening != nil && c.Screening.Decision == "out"),
		FactWithdrawn:        c.Outcome() == "withdrawn",
		FactRedirected:       redirected(c),
		FactDecision:         sub.Decision != nil,
		FactReviewWindowOpen: reviewWindowOpen(c, p, sub.Decision, today),
		FactReviewRequested:  c.Review != nil && !c.Review.Requested.IsZero() && c.Review.Decided.IsZero(),
	}
	var openInv, overdue, requests []int
	for i, r := range c.Referrals {
		if !referralOpen(r) {
			continue
		}
		if isInvestigation(r) {
			openInv = append(openInv, i)
		}
		if !r.Due.IsZero() && today.After(r.Due) {
			overdue = append(overdue, i)
		}
	}
	for i, rq := range c.Requests {
		if requestOpen(rq) && requestFrom(c, rq, t.Reader) {
			requests = append(requests, i)
		}
	}
	holds[FactOpenInvestigation] = len(openInv) > 0
	holds[FactOverdueReferral] = len(overdue) > 0
	holds[FactOpenRequest] = len(requests) > 0
	for _, f := range ap.Facts {
		if !holds[f] {
			return nil, refuse("the letter needs %s, and on %s the case has none", factPhrase(f), today)
		}
	}
	for _, f := range ap.Unless {
		if holds[f] {
			return nil, refuse("the letter is not for a case where %s", factMeaning(f))
		}
	}
	// The obligations the letter speaks of, chosen.
	switch {
	case slices.Contains(ap.Facts, FactOverdueReferral):
		i, err := t.chooseReferral(c, overdue, ch, "overdue referrals")
		if err != nil {
			return nil, err
		}
		sub.Referral = i
	case slices.Contains(ap.Facts, FactOpenInvestigation):
		i, err := t.chooseReferral(c, openInv, ch, "open investigation referrals")
		if err != nil {
			return nil, err
		}
		sub.Referral = i
	case ch.Referral != "":
		return nil, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--referral", What: "referral"}
	}
	if slices.Contains(ap.Facts, FactOpenRequest) {
		var err error
		if sub.Requests, err = t.chooseRequest(c, requests, ch); err != nil {
			return nil, err
		}
	} else if ch.Request != "" {
		return nil, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--request", What: "request"}
	}
	return sub, nil
}

func (t *Template) chooseReferral(c *records.Case, idx []int, ch Choice, what string) (int, error) {
	var names []string
	var match []int
	for _, i := range idx {
		r := c.Referrals[i]
		names = append(names, r.To)
		if ch.Referral == "" || r.To == ch.Referral {
			match = append(match, i)
		}
	}
	switch {
	case len(match) == 1:
		return match[0], nil
	case len(match) == 0:
		return -1, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--referral", What: what + " (none to " + ch.Referral + ")", Choices: names}
	}
	var choices []string
	for _, i := range match {
		r := c.Referrals[i]
		choices = append(choices, r.To+" ("+orNone(r.Purpose)+", due "+r.Due.String()+")")
	}
	return -1, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--referral PARTNER", What: what, Choices: choices}
}

func (t *Template) chooseRequest(c *records.Case, idx []int, ch Choice) ([]int, error) {
	var names []string
	var match []int
	for _, i := range idx {
		rq := c.Requests[i]
		names = append(names, rq.Item)
		if ch.Request == "" || rq.Item == ch.Request {
			match = append(match, i)
		}
	}
	switch {
	case len(match) == 1:
		return match, nil
	case len(match) == 0:
		return nil, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--request", What: "open requests from the " + t.Reader + " (none for " + ch.Request + ")", Choices: names}
	}
	var choices []string
	for _, i := range match {
		choices = append(choices, c.Requests[i].Item+" (due "+c.Requests[i].Due.String()+")")
	}
	return nil, &ChoiceError{Template: t.Name, ID: c.ID, Flag: "--request ITEM", What: "open requests from the " + t.Reader, Choices: choices}
}

func factPhrase(f string) string {
	switch f {
	case FactScreenedOut:
		return "a complaint the office screened out"
	case FactWithdrawn:
		return "a withdrawn complaint"
	case FactRedirected:
		return "a complaint redirected to another organisation"
	case FactOpenInvestigation:
		return "an investigation referral waiting for its report"
	case FactOverdueReferral:
		return "a referral whose report is overdue"
	case FactOpenRequest:
		return "an open request from the letter's reader"
	case FactDecision:
		return "a decision on the complaint"
	case FactReviewWindowOpen:
		return "a decision whose review window is still open"
	case FactReviewRequested:
		return "a request for review not yet decided"
	}
	return f
}

func orList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func orNone(s string) string {
	if s == "" {
		return "no purpose"
	}
	return s
}

func outcomeOrOpen(s string) string {
	if s == "" {
		return "none yet (the case is open)"
	}
	return s
}
