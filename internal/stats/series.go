package stats

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// ReceivedBy counts the complaints received in the period by key (e.g. the incident location),
// largest first, ties by key; at most limit bars, the rest summed under other (when limit > 0).
func ReceivedBy(cases []*records.Case, period Period, service string, key func(*records.Case) string, limit int, other string) []Bar {
	rc := NewReceivedCounter(period, service, key)
	for _, c := range cases {
		rc.Add(c)
	}
	return rc.Bars(limit, other)
}

// A ReceivedCounter is ReceivedBy a case at a time (Add), for a reader that does not hold the
// cases.
type ReceivedCounter struct {
	period  Period
	service string
	key     func(*records.Case) string
	counts  map[string]int
}

func NewReceivedCounter(period Period, service string, key func(*records.Case) string) *ReceivedCounter {
	return &ReceivedCounter{period: period, service: service, key: key, counts: map[string]int{}}
}

// Add counts c.
func (rc *ReceivedCounter) Add(c *records.Case) {
	if (rc.service == "" || c.Service() == rc.service) && rc.period.Contains(c.Received) {
		rc.counts[rc.key(c)]++
	}
}

// Bars are the counts as ReceivedBy gives them.
func (rc *ReceivedCounter) Bars(limit int, other string) []Bar {
	bars := make([]Bar, 0, len(rc.counts))
	for k, v := range rc.counts {
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
	qc := NewQuarterlyCounter(service, end, n)
	for _, c := range cases {
		qc.Add(c)
	}
	return qc.Bars()
}

// A QuarterlyCounter is QuarterlyReceived a case at a time (Add).
type QuarterlyCounter struct {
	service  string
	quarters []Period
	bars     []Bar
}

func NewQuarterlyCounter(service string, end records.Date, n int) *QuarterlyCounter {
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
	return &QuarterlyCounter{service: service, quarters: quarters, bars: bars}
}

// Add counts c.
func (qc *QuarterlyCounter) Add(c *records.Case) {
	if qc.service != "" && c.Service() != qc.service {
		return
	}
	for i, p := range qc.quarters {
		if p.Contains(c.Received) {
			qc.bars[i].Value++
			return
		}
	}
}

// Bars are the counts, oldest quarter first.
func (qc *QuarterlyCounter) Bars() []Bar { return qc.bars }
