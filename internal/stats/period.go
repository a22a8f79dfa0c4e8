// Package stats computes dossier's statistics and reports from cases: the oversight report of
// DESIGN §5, grouped counts and durations, workload, trends. It is pure: cases and a profile in,
// numbers out; no files, no clock, no flags.
package stats

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// Period kinds.
const (
	KindYear    = "year"
	KindQuarter = "quarter"
	KindMonth   = "month"
	KindRange   = "range"
)

// Period is a span of days, both ends included.
type Period struct {
	From, To records.Date
	Kind     string // year, quarter, month or range
}

var (
	yearRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})$`) })
	quarterRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-[Qq]([1-4])$`) })
	monthRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(\d{2})$`) })
)

// ParsePeriod reads 2025, 2025-Q1 or 2025-03.
func ParsePeriod(s string) (Period, error) {
	if m := yearRe().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Year(y), nil
	}
	if m := quarterRe().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		return Quarter(y, q), nil
	}
	if m := monthRe().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return Month(y, time.Month(mo)), nil
		}
	}
	return Period{}, fmt.Errorf("%q is not a period: write a year (2025), a quarter (2025-Q1) or a month (2025-03)", s)
}

// Range is the period from..to; it fails when to is before from.
func Range(from, to records.Date) (Period, error) {
	if to.Before(from) {
		return Period{}, fmt.Errorf("the period ends (%s) before it starts (%s)", to, from)
	}
	return Period{From: from, To: to, Kind: KindRange}, nil
}

func Year(y int) Period {
	return Period{From: records.NewDate(y, time.January, 1), To: records.NewDate(y, time.December, 31), Kind: KindYear}
}

func Quarter(y, q int) Period {
	from := records.NewDate(y, time.Month(3*q-2), 1)
	return Period{From: from, To: records.DateOf(from.Time().AddDate(0, 3, -1)), Kind: KindQuarter}
}

func Month(y int, m time.Month) Period {
	from := records.NewDate(y, m, 1)
	return Period{From: from, To: records.DateOf(from.Time().AddDate(0, 1, -1)), Kind: KindMonth}
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d records.Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

// Days is the number of days in the period.
func (p Period) Days() int { return p.From.DaysUntil(p.To) + 1 }

// Previous is the period of the same kind just before p (the same number of days for a range).
func (p Period) Previous() Period {
	switch p.Kind {
	case KindYear:
		return Year(int(p.From.Year) - 1)
	case KindQuarter:
		prev := p.From.AddDays(-1)
		return Quarter(int(prev.Year), (int(prev.Month)+2)/3)
	case KindMonth:
		prev := p.From.AddDays(-1)
		return Month(int(prev.Year), time.Month(prev.Month))
	}
	n := p.Days()
	return Period{From: p.From.AddDays(-n), To: p.From.AddDays(-1), Kind: KindRange}
}

// String names the period the way it was asked for: 2025, 2025-Q1, 2025-03, or from..to.
func (p Period) String() string {
	switch p.Kind {
	case KindYear:
		return fmt.Sprintf("%04d", p.From.Year)
	case KindQuarter:
		return fmt.Sprintf("%04d-Q%d", p.From.Year, (int(p.From.Month)+2)/3)
	case KindMonth:
		return fmt.Sprintf("%04d-%02d", p.From.Year, int(p.From.Month))
	}
	return p.From.String() + ".." + p.To.String()
}
