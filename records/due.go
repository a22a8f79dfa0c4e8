package records

import (
	"slices"
	"strings"
)

// Kinds of deadline: every obligation a case can carry.
const (
	DueReferralReport = "referral-report"
	DueStatusUpdate   = "status-update"
	DueInformation    = "information-request"
	DueReview         = "review-decision"
	DueForwarding     = "forwarding" // a police service forwarding a complaint it received
)

// DueKinds lists the kinds of deadline, for help and filters.
var DueKinds = []string{DueReferralReport, DueStatusUpdate, DueInformation, DueReview, DueForwarding}

// DueItem is one thing owed on a case and the day it is due. What is its one-line summary for
// a table; the typed fields say who owes what, for whoever needs the parts (never cut What
// apart).
type DueItem struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Due  Date   `json:"due"`
	What string `json:"what"` // the partner (and purpose when not investigation), "ITEM from PARTY", "review"
	// Partner is who owes it: the partner of a referral, the party a request is from, the
	// police service that forwards a complaint; "" for the office itself (a review decision).
	Partner string `json:"partner,omitempty"`
	// Met is the day a forwarding clock was met (the office received the complaint); zero for
	// the obligations still open.
	Met     Date   `json:"met,omitzero"`
	Purpose string `json:"-"` // referral report, status update: the referral's purpose
	Item    string `json:"-"` // information request: the document asked for
	From    string `json:"-"` // information request: who was asked (a partner code or a party)
	// Clock is the declared clock the item is the deadline of (its Kind too), with its
	// labels; Warn: how many days before Due it is shown whatever the window (warn:).
	Clock string `json:"clock,omitempty"`
	Label Code   `json:"-"`
	Warn  int    `json:"-"`
}

// Late reports whether the item is past due on today (a met item: whether it was met late).
func (it DueItem) Late(today Date) bool {
	if !it.Met.IsZero() {
		return it.Met.After(it.Due)
	}
	return it.Due.Before(today)
}

// DueItems lists what is outstanding on an open case, earliest first: each open referral's
// report and next status update, each open request, an undecided review, and a police
// service's late forwarding of a complaint still waiting for screening. With a nil profile,
// the clocks (status updates, forwarding) are left out.
func DueItems(c *Case, p *Profile) []DueItem {
	if !c.Open() {
		return nil
	}
	var out []DueItem
	for _, r := range c.Referrals {
		if !r.Open() {
			continue
		}
		out = append(out, DueItem{ID: c.ID, Kind: DueReferralReport, Due: r.Due, What: referralDetail(r), Partner: r.To, Purpose: r.Purpose})
		if p != nil && p.Clocks.StatusUpdate > 0 {
			last := r.Sent
			if n := len(r.Updates); n > 0 {
				last = r.Updates[n-1]
			}
			if next := last.AddDays(p.Clocks.StatusUpdate); next.Before(r.Due) {
				out = append(out, DueItem{ID: c.ID, Kind: DueStatusUpdate, Due: next, What: referralDetail(r), Partner: r.To, Purpose: r.Purpose})
			}
		}
	}
	for _, rq := range c.Requests {
		if rq.Open() && !rq.Due.IsZero() {
			out = append(out, DueItem{ID: c.ID, Kind: DueInformation, Due: rq.Due, What: rq.Item + " from " + rq.From, Partner: rq.From, Item: rq.Item, From: rq.From})
		}
	}
	if rv := c.Review; rv != nil && rv.Decided.IsZero() && !rv.Due.IsZero() && c.Status == StatusUnderReview {
		out = append(out, DueItem{ID: c.ID, Kind: DueReview, Due: rv.Due, What: "review"})
	}
	if it, ok := ForwardingItem(c, p); ok && it.Late(it.Met) && slices.Contains(unscreenedStatuses, c.Status) {
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b DueItem) int { return strings.Compare(a.Due.String(), b.Due.String()) })
	return out
}

// ForwardingItem is the forwarding clock of a police-forwarded complaint: due
// forward_business_days (skipping weekends and holidays) after the police service received it,
// met the day the office received it. ok is false when the case has no such clock.
func ForwardingItem(c *Case, p *Profile) (DueItem, bool) {
	if p == nil || p.Clocks.ForwardBusinessDays <= 0 || c.PoliceReceived.IsZero() {
		return DueItem{}, false
	}
	return DueItem{ID: c.ID, Kind: DueForwarding, Due: p.ForwardingDue(c.PoliceReceived), What: "forwarding by " + orNothing(c.Service()),
		Partner: c.Service(), Met: c.Received}, true
}
