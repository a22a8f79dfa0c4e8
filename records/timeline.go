package records

import "slices"

// Timeline is the case's history in the order things happened: by the day each step took
// effect (EntryDate), then in the order they were recorded. The file keeps recording order
// (the history is append-only); show, history and letters display this order.
func Timeline(c *Case) []Entry {
	out := slices.Clone(c.History)
	slices.SortStableFunc(out, func(a, b Entry) int { return EntryDate(a).Time().Compare(EntryDate(b).Time()) })
	return out
}
