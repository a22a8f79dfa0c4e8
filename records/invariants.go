package records

import (
	"fmt"
	"slices"
	"sync"
)

// Contradiction is a fact of a case that its status (or another fact) rules out. Check names
// the rule, so that check, stats and reports can cite it.
type Contradiction struct {
	Check string // e.g. "closed-without-outcome"
	Field string
	Msg   string
}

// invariant is one named check; the list below is what the transition table implies about the
// facts of a case in each status, enumerated once.
type invariant struct {
	name string
	test func(c *Case, rep *reporter)
	// full: the check reads what a summary (the index) does not keep, so only check runs it on
	// the full record; stats and reports run the others.
	full bool
}

// Ontario's statuses after and before screening, which its invariants speak of.
var screenedStatuses = []string{StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview}
var unscreenedStatuses = []string{StatusReceived, StatusClassified}

var invariants = []invariant{
	{"screened-in-with-grounds", func(c *Case, rep *reporter) {
		if s := c.Screening; s != nil && s.Decision == "in" && len(s.Grounds) > 0 {
			rep.add("screening.grounds", "the case was screened in but lists screen-out grounds: remove them, or record the screen-out")
		}
	}, false},
	{"screened-out-not-closed", func(c *Case, rep *reporter) {
		if s := c.Screening; s != nil && s.Decision == "out" && (c.Status != StatusClosed || c.Outcome() != OutcomeScreenedOut) {
			rep.add("screening.decision", "the case was screened out but is %s with outcome %s: a screen-out closes the case with outcome screened-out", c.Status, orNothing(c.Outcome()))
		}
	}, false},
	{"screened-out-outcome-without-screen-out", func(c *Case, rep *reporter) {
		if c.Outcome() == OutcomeScreenedOut && (c.Screening == nil || c.Screening.Decision != "out") {
			rep.add("disposition.outcome", "outcome screened-out but the screening decision is not out")
		}
	}, false},
	{"screening-missing", func(c *Case, rep *reporter) {
		if slices.Contains(screenedStatuses, c.Status) && (c.Screening == nil || c.Screening.Decision != "in") {
			rep.add("screening", "the case is %s but has no screen-in decision: every status after screened-in needs one", c.Status)
		}
	}, false},
	{"screening-before-status", func(c *Case, rep *reporter) {
		if slices.Contains(unscreenedStatuses, c.Status) && c.Screening != nil {
			rep.add("screening", "the case is %s but has a screening decision", c.Status)
		}
	}, false},
	{"closed-without-outcome", func(c *Case, rep *reporter) {
		if c.Status == StatusClosed && (c.Disposition == nil || c.Disposition.Outcome == "") {
			rep.add("disposition", "a closed case needs a disposition (outcome and closed date)")
		}
	}, false},
	{"open-with-disposition", func(c *Case, rep *reporter) {
		if c.Status != StatusClosed && c.Status != "" && c.Disposition != nil {
			rep.add("disposition", "the case is %s but has a disposition: only closed cases have one", c.Status)
		}
	}, false},
	{"redirected-without-organisation", func(c *Case, rep *reporter) {
		if d := c.Disposition; d != nil && d.Outcome == OutcomeRedirected && d.RedirectedTo == "" {
			rep.add("disposition.redirected_to", "outcome redirected but no organisation: say where the complainant was sent")
		}
	}, true},
	{"referred-without-investigation", func(c *Case, rep *reporter) {
		if c.Status != StatusReferred {
			return
		}
		for _, r := range c.Referrals {
			if r.Purpose == PurposeInvestigation && r.Open() {
				return
			}
		}
		rep.add("referrals", "the case is referred but no investigation referral is open")
	}, false},
	{"routing-of-status", func(c *Case, rep *reporter) {
		switch {
		case c.Status == StatusReferred && c.Routing != "referred" && c.Routing != "other-service":
			rep.add("routing", "the case is referred but its routing is %s: an investigation referral routes it referred or other-service", orNothing(c.Routing))
		case c.Status == StatusRetained && c.Routing != "retained":
			rep.add("routing", "the case is retained but its routing is %s", orNothing(c.Routing))
		case (c.Status == StatusScreenedIn || slices.Contains(unscreenedStatuses, c.Status)) && c.Routing != "":
			rep.add("routing", "the case is %s but has routing %s: only an investigation referral or retain sets routing", c.Status, c.Routing)
		}
	}, false},
	{"open-referral-on-closed-case", func(c *Case, rep *reporter) {
		if c.Status != StatusClosed {
			return
		}
		for i, r := range c.Referrals {
			if r.Open() {
				rep.add(fmt.Sprintf("referrals[%d]", i), "the case is closed but the referral to %s is still open: return or cancel it", r.To)
			}
		}
	}, false},
	{"open-request-on-closed-case", func(c *Case, rep *reporter) {
		if c.Status != StatusClosed {
			return
		}
		for i, r := range c.Requests {
			if r.Open() {
				rep.add(fmt.Sprintf("requests[%d]", i), "the case is closed but a request is still open: mark it received or cancel it")
			}
		}
	}, false},
	{"returned-without-date", func(c *Case, rep *reporter) {
		for i, r := range c.Referrals {
			if r.Finding != "" && r.Returned.IsZero() {
				rep.add(fmt.Sprintf("referrals[%d].returned", i), "the referral has a finding but no return date")
			}
		}
	}, false},
	{"returned-and-cancelled", func(c *Case, rep *reporter) {
		for i, r := range c.Referrals {
			if !r.Returned.IsZero() && !r.Cancelled.IsZero() {
				rep.add(fmt.Sprintf("referrals[%d].cancelled", i), "the referral was both returned and cancelled")
			}
		}
		for i, r := range c.Requests {
			if !r.Received.IsZero() && !r.Cancelled.IsZero() {
				rep.add(fmt.Sprintf("requests[%d].cancelled", i), "the request was both received and cancelled")
			}
		}
	}, false},
	{"cancelled-without-reason", func(c *Case, rep *reporter) {
		for i, r := range c.Referrals {
			if !r.Cancelled.IsZero() && r.Reason == "" {
				rep.add(fmt.Sprintf("referrals[%d].reason", i), "a cancelled referral needs its reason")
			}
		}
		for i, r := range c.Requests {
			if !r.Cancelled.IsZero() && r.Reason == "" {
				rep.add(fmt.Sprintf("requests[%d].reason", i), "a cancelled request needs its reason")
			}
		}
	}, true},
	{"under-review-without-review", func(c *Case, rep *reporter) {
		if c.Status == StatusUnderReview && (c.Review == nil || !c.Review.Decided.IsZero()) {
			rep.add("review", "the case is under review but has no undecided review")
		}
	}, false},
	{"police-received-not-forwarded", func(c *Case, rep *reporter) {
		if !c.PoliceReceived.IsZero() && c.Channel != "police-forwarded" {
			rep.add("police_received", "only a complaint forwarded by the police (channel police-forwarded) has the date the police received it; this one came by %s", orNothing(c.Channel))
		}
	}, false},
	{"date-order", func(c *Case, rep *reporter) {
		// the field's name is written only for a date out of order (stats and reports run this
		// on every case: no string is built for the others)
		// (outOfOrder is asked first, inline: most dates are in order)
		before := func(list string, i int, field string, d Date, what string, o Date) {
			if list != "" {
				field = fmt.Sprintf("%s[%d].%s", list, i, field)
			}
			rep.add(field, "%s is before %s (%s)", d, what, o)
		}
		if s := c.Screening; s != nil {
			if outOfOrder(s.Decided, c.Received) {
				before("", 0, "screening.decided", s.Decided, "the date received", c.Received)
			}
		}
		for i, r := range c.Referrals {
			if outOfOrder(r.Sent, c.Received) {
				before("referrals", i, "sent", r.Sent, "the date received", c.Received)
			}
			if c.Screening != nil && c.Screening.Decision == "in" {
				if outOfOrder(r.Sent, c.Screening.Decided) {
					before("referrals", i, "sent", r.Sent, "the screen-in", c.Screening.Decided)
				}
			}
			if outOfOrder(r.Returned, r.Sent) {
				before("referrals", i, "returned", r.Returned, "the referral was sent", r.Sent)
			}
			if outOfOrder(r.Cancelled, r.Sent) {
				before("referrals", i, "cancelled", r.Cancelled, "the referral was sent", r.Sent)
			}
		}
		for i, r := range c.Requests {
			if outOfOrder(r.Received, r.Sent) {
				before("requests", i, "received", r.Received, "the request was sent", r.Sent)
			}
			if outOfOrder(r.Cancelled, r.Sent) {
				before("requests", i, "cancelled", r.Cancelled, "the request was sent", r.Sent)
			}
		}
		if d := c.Disposition; d != nil {
			if outOfOrder(d.Closed, c.Received) {
				before("", 0, "disposition.closed", d.Closed, "the date received", c.Received)
			}
		}
		if rv := c.Review; rv != nil {
			if outOfOrder(rv.Decided, rv.Requested) {
				before("", 0, "review.decided", rv.Decided, "the review was requested", rv.Requested)
			}
		}
		if !c.PoliceReceived.IsZero() && c.PoliceReceived.After(c.Received) {
			rep.add("police_received", "%s is after the date the office received the complaint (%s)", c.PoliceReceived, c.Received)
		}
	}, false},
}

// InvariantNames lists the named checks, in the order they run.
func InvariantNames() []string {
	out := make([]string, len(invariants))
	for i, inv := range invariants {
		out[i] = inv.name
	}
	return out
}

// Contradictions lists the facts of c its status rules out that a summary shows (stats and
// reports skip such a case with a warning); RecordContradictions adds the checks that need the
// full record (check and every write run them).
func Contradictions(c *Case) []Contradiction { return contradictions(c, false) }

// RecordContradictions is Contradictions plus the checks that read the full record.
func RecordContradictions(c *Case) []Contradiction { return contradictions(c, true) }

func contradictions(c *Case, full bool) []Contradiction {
	// One reporter for every invariant, taken from a pool: stats and reports test every case,
	// and at 1,000,000 cases a closure per invariant and case was a fifth of a warm `stats`,
	// and one reporter allocated per case still a tenth (BENCHMARKS.md, one million cases).
	r := reporters.Get().(*reporter)
	for _, inv := range invariants {
		if inv.full && !full {
			continue
		}
		r.check = inv.name
		inv.test(c, r)
	}
	out := r.out
	r.out, r.check = nil, ""
	reporters.Put(r)
	return out
}

// reporter collects the contradictions the invariants find in one case.
type reporter struct {
	check string // the invariant being run
	out   []Contradiction
}

func (r *reporter) add(field, format string, args ...any) {
	r.out = append(r.out, Contradiction{Check: r.check, Field: field, Msg: fmt.Sprintf(format, args...)})
}

var reporters = sync.Pool{New: func() any { return new(reporter) }}

// outOfOrder reports whether d and o are both set and d is before o (Date.Before, in a form
// the compiler inlines).
func outOfOrder(d, o Date) bool {
	dk := int32(d.Year)<<9 | int32(d.Month)<<5 | int32(d.Day)
	ok := int32(o.Year)<<9 | int32(o.Month)<<5 | int32(o.Day)
	return dk != 0 && ok != 0 && dk < ok
}

func orNothing(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
