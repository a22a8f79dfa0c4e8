package stats

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// TrendBaselinePeriods is how many periods before the current one make the baseline.
const TrendBaselinePeriods = 4

// Trend is one service × category: its count this period against the mean of the periods
// before it.
type Trend struct {
	Service  string  `json:"service"`
	Category string  `json:"category"`
	Count    int     `json:"count"`
	Baseline float64 `json:"baseline"`
	Previous []int   `json:"previous"` // oldest first
	Flagged  bool    `json:"flagged"`
}

// TrendReport is the systemic-issue list of a period.
type TrendReport struct {
	Period   DateSpan `json:"period"`
	MinCount int      `json:"min_count"`
	Trends   []Trend  `json:"trends"`
}

// ComputeTrends counts the conduct complaints received per service × category in the period
// and in each of the four periods of the same kind before it. A pair is flagged when this
// period's count is at least twice the baseline (the mean of the four) and at least minCount.
// A complaint with several categories counts once in each. Flagged pairs come first, then by
// count, service and category.
func ComputeTrends(cases []*records.Case, period Period, minCount int) *TrendReport {
	periods := trendPeriods(period)
	type key struct{ service, category string }
	counts := map[key][]int{}
	for _, c := range cases {
		idx := trendIndex(c, periods)
		if idx < 0 {
			continue
		}
		for _, cat := range uniq(c.Categories) {
			k := key{c.Service(), cat}
			if counts[k] == nil {
				counts[k] = make([]int, len(periods))
			}
			counts[k][idx]++
		}
	}
	r := &TrendReport{Period: DateSpan{period.From, period.To}, MinCount: minCount, Trends: []Trend{}}
	for k, n := range counts {
		prev := make([]int, TrendBaselinePeriods)
		sum := 0
		for i := range TrendBaselinePeriods {
			prev[TrendBaselinePeriods-1-i] = n[i+1]
			sum += n[i+1]
		}
		base := float64(sum) / TrendBaselinePeriods
		t := Trend{Service: k.service, Category: k.category, Count: n[0], Baseline: base, Previous: prev}
		t.Flagged = n[0] >= minCount && float64(n[0]) >= 2*base
		if n[0] > 0 || sum > 0 {
			r.Trends = append(r.Trends, t)
		}
	}
	slices.SortFunc(r.Trends, func(a, b Trend) int {
		if a.Flagged != b.Flagged {
			if a.Flagged {
				return -1
			}
			return 1
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Service, b.Service); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
	return r
}

// trendPeriods are period and the TrendBaselinePeriods before it, latest first.
func trendPeriods(period Period) []Period {
	periods := []Period{period}
	for range TrendBaselinePeriods {
		periods = append(periods, periods[len(periods)-1].Previous())
	}
	return periods
}

// trendIndex is the index in periods of the one c, a conduct complaint, was received in; -1
// when it is not counted.
func trendIndex(c *records.Case, periods []Period) int {
	if c.Type != "conduct" {
		return -1
	}
	return slices.IndexFunc(periods, func(p Period) bool { return p.Contains(c.Received) })
}

// InTrends tells whether ComputeTrends of period counts c (a reader keeps only those).
func InTrends(period Period) func(*records.Case) bool {
	periods := trendPeriods(period)
	return func(c *records.Case) bool { return trendIndex(c, periods) >= 0 }
}
