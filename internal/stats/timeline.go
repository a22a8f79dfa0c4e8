package stats

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/store"
)

// The reports need the state of a case on a past day: was it open at the start of the period,
// under which routing was it closed. Those come from the history, whose entries carry the day
// each step took effect (date), not only from the record's present fields: a case closed in
// 2024 and reopened in 2025 was closed at the end of 2024, although its disposition is empty
// today. Entries are taken in history order; an entry without a date counts on the day it was
// recorded (at).

// change is a case becoming closed (with its outcome) or open again on a day.
type change struct {
	date    records.Date
	closed  bool
	outcome string
}

// reviewSpan is one review of a police decision.
type reviewSpan struct {
	requested, decided records.Date
	outcome            string
}

// routingChange is the routing a case took on a day.
type routingChange struct {
	date    records.Date
	routing string
}

// facts are the dated events of one case that the reports use.
type facts struct {
	c                   *records.Case
	changes             []change
	withdrawnUnscreened []records.Date
	reviews             []reviewSpan
	routings            []routingChange
}

func entryDate(e records.Entry) records.Date {
	if !e.Date.IsZero() {
		return e.Date
	}
	if e.At.IsZero() {
		return records.Date{}
	}
	return records.DateOf(e.At.UTC())
}

// allFacts computes the facts of every case on all cores (it is most of what a report costs).
func allFacts(cases []*records.Case) []*facts {
	out := make([]*facts, len(cases))
	store.Parallel(len(cases), func(i int) { out[i] = factsOf(cases[i]) })
	return out
}

func factsOf(c *records.Case) *facts {
	f := &facts{c: c}
	f.read(c, true)
	return f
}

// read fills f with the facts of c: with all false, only its changes (what Grouper.Facts
// keeps; f then need not leave the caller's stack).
func (f *facts) read(c *records.Case, all bool) {
	closed, screened := false, false
	for _, e := range c.History {
		d := entryDate(e)
		switch e.Do {
		case records.ActScreenIn:
			screened = true
		case records.ActScreenOut:
			screened = true
			f.changes = append(f.changes, change{d, true, records.OutcomeScreenedOut})
			closed = true
		case records.ActClose:
			f.changes = append(f.changes, change{d, true, e.Detail})
			closed = true
		case records.ActWithdraw:
			if !screened && all {
				f.withdrawnUnscreened = append(f.withdrawnUnscreened, d)
			}
			f.changes = append(f.changes, change{d, true, records.OutcomeWithdrawn})
			closed = true
		case records.ActReopen:
			f.changes = append(f.changes, change{date: d})
			closed = false
		case records.ActReviewRequest:
			if closed {
				f.changes = append(f.changes, change{date: d})
				closed = false
			}
			if all {
				f.reviews = append(f.reviews, reviewSpan{requested: d})
			}
		case records.ActReviewDecision:
			if !all {
				continue
			}
			if n := len(f.reviews); n > 0 && f.reviews[n-1].decided.IsZero() {
				f.reviews[n-1].decided, f.reviews[n-1].outcome = d, e.Detail
			}
			if e.Detail == "taken-over" {
				f.routings = append(f.routings, routingChange{d, "retained"})
			}
		case records.ActRedirect:
			f.changes = append(f.changes, change{d, true, records.OutcomeRedirected})
			closed = true
		case records.ActCancelInvest:
			if all {
				f.routings = append(f.routings, routingChange{d, ""})
			}
		case records.ActRefer:
			if !all {
				continue
			}
			to, rest, _ := strings.Cut(e.Detail, " (")
			// Histories written before referrals for other purposes had their own action
			// (refer-for) record them as refer: only an investigation routes a case.
			if purpose, _, ok := strings.Cut(rest, ")"); ok && purpose != records.PurposeInvestigation {
				continue
			}
			r := "other-service"
			if to == c.Service() || c.Service() == "" {
				r = "referred"
			}
			f.routings = append(f.routings, routingChange{d, r})
		case records.ActRetain:
			if all {
				f.routings = append(f.routings, routingChange{d, "retained"})
			}
		}
	}
	// A record whose history does not tell (imported from elsewhere) still counts by its fields.
	if !c.Open() && len(f.changes) == 0 && c.Disposition != nil {
		d := c.Disposition.Closed
		if d.IsZero() {
			d = c.Received
		}
		f.changes = append(f.changes, change{d, true, c.Disposition.Outcome})
		if c.Disposition.Outcome == records.OutcomeWithdrawn && c.Screening == nil && all {
			f.withdrawnUnscreened = append(f.withdrawnUnscreened, d)
		}
	}
	if !all {
		return
	}
	if len(f.reviews) == 0 && c.Review != nil && !c.Review.Requested.IsZero() {
		f.reviews = append(f.reviews, reviewSpan{c.Review.Requested, c.Review.Decided, c.Review.Outcome})
	}
	if len(f.routings) == 0 && c.Routing != "" {
		f.routings = append(f.routings, routingChange{routing: c.Routing})
	}
}

// closedAt tells whether the case was closed at the end of day d and, if so, by which change.
func (f *facts) closedAt(d records.Date) (bool, change) {
	var last change
	for _, ch := range f.changes {
		if !ch.date.After(d) {
			last = ch
		}
	}
	return last.closed, last
}

// openAt tells whether the case had been received and was not closed at the end of day d.
func (f *facts) openAt(d records.Date) bool {
	if f.c.Received.After(d) {
		return false
	}
	closed, _ := f.closedAt(d)
	return !closed
}

// routingAt is the routing in force at the end of day d, or "" when none was taken.
func (f *facts) routingAt(d records.Date) string {
	r := ""
	for _, rc := range f.routings {
		if !rc.date.After(d) {
			r = rc.routing
		}
	}
	return r
}

// closedIn returns the closing change when the case is closed at the end of p and was closed
// within p (its last closing, when it was reopened and closed again).
func (f *facts) closedIn(p Period) (change, bool) {
	closed, ch := f.closedAt(p.To)
	if !closed || ch.date.Before(p.From) {
		return change{}, false
	}
	return ch, true
}
