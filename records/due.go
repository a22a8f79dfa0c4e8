package records

import (
	"slices"
	"strings"
)

// Kinds of deadline.
const (
	DueReferralReport = "referral-report"
	DueStatusUpdate   = "status-update"
	DueInformation    = "information-request"
	DueReview         = "review-decision"
)

// DueItem is one thing owed on a case and the day it is due. What is its one-line summary for
// a table; the typed fields say who owes what, for whoever needs the parts (never cut What
// apart).
type DueItem struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Due  Date   `json:"due"`
	What string `json:"what"` // the partner, "ITEM from PARTY", "review"

	Partner string `json:"-"` // referral report, status update: the partner code
	Item    string `json:"-"` // information request: the document asked for
	From    string `json:"-"` // information request: who was asked (a partner code or a party)
}

// DueItems lists what is outstanding on an open case, earliest first. With a nil profile, status
// updates (which need the clock) are left out.
func DueItems(c *Case, p *Profile) []DueItem {
	if !c.Open() {
		return nil
	}
	var out []DueItem
	for _, r := range c.Referrals {
		if !r.Returned.IsZero() {
			continue
		}
		out = append(out, DueItem{ID: c.ID, Kind: DueReferralReport, Due: r.Due, What: r.To, Partner: r.To})
		if p != nil && p.Clocks.StatusUpdate > 0 {
			last := r.Sent
			if n := len(r.Updates); n > 0 {
				last = r.Updates[n-1]
			}
			if next := last.AddDays(p.Clocks.StatusUpdate); next.Before(r.Due) {
				out = append(out, DueItem{ID: c.ID, Kind: DueStatusUpdate, Due: next, What: r.To, Partner: r.To})
			}
		}
	}
	for _, rq := range c.Requests {
		if rq.Received.IsZero() && !rq.Due.IsZero() {
			out = append(out, DueItem{ID: c.ID, Kind: DueInformation, Due: rq.Due, What: rq.Item + " from " + rq.From, Item: rq.Item, From: rq.From})
		}
	}
	if rv := c.Review; rv != nil && rv.Decided.IsZero() && !rv.Due.IsZero() && c.Status == StatusUnderReview {
		out = append(out, DueItem{ID: c.ID, Kind: DueReview, Due: rv.Due, What: "review"})
	}
	slices.SortStableFunc(out, func(a, b DueItem) int { return strings.Compare(a.Due.String(), b.Due.String()) })
	return out
}
