package stats

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// ReceivedBy counts the complaints received in the period by key (e.g. the incident location),
// largest first, ties by key; at most limit bars, the rest summed under other (when limit > 0).
func ReceivedBy(cases []*records.Case, period Period, service string, key func(*records.Case) string, limit int, other string) []Bar {
	counts := map[string]int{}
	for _, c := range cases {
		if (service == "" || c.Service() == service) && period.Contains(c.Received) {
			counts[key(c)]++
		}
	}
	bars := make([]Bar, 0, len(counts))
	for k, v := range counts {
		bars = append(bars, Bar{Label: k, Value: v})
	}
	slices.SortFunc(bars, func(a, b Bar) int {
		if a.Value != b.Value {
			return b.Value - a.Value
		}
		return strings.Compare(a.Label, b.Label)
	})
	if limit > 0 && len(bars) > limit {
		rest := 0
		for _, b := range bars[limit-1:] {
			rest += b.Value
		}
		bars = append(bars[:limit-1], Bar{Label: other, Value: rest})
	}
	return bars
}

// QuarterlyReceived counts complaints received in each of the n quarters ending with the one
// holding end, oldest first, labelled 2025-Q1.
func QuarterlyReceived(cases []*records.Case, service string, end records.Date, n int) []Bar {
	q := Quarter(int(end.Year), (int(end.Month)+2)/3)
	quarters := make([]Period, n)
	for i := n - 1; i >= 0; i-- {
		quarters[i] = q
		q = q.Previous()
	}
	bars := make([]Bar, n)
	for i, p := range quarters {
		bars[i].Label = p.String()
	}
	for _, c := range cases {
		if service != "" && c.Service() != service {
			continue
		}
		for i, p := range quarters {
			if p.Contains(c.Received) {
				bars[i].Value++
				break
			}
		}
	}
	return bars
}
