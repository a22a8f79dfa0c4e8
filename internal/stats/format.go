package stats

import (
	"time"

	"fmt"
	"strconv"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/records"
)

// LongDate writes a date for people, as letters do (package locale): January 1, 2025;
// 1er janvier 2025.
func LongDate(lang string, d records.Date) string {
	if d.IsZero() {
		return ""
	}
	return locale.LongDate(lang, int(d.Year), time.Month(d.Month), int(d.Day))
}

// PeriodName names a period for people: 2025, Q1 2025 / 1er trimestre 2025, March 2025 / mars
// 2025, or the two dates of a range.
func PeriodName(lang string, p Period) string {
	q := (int(p.From.Month) + 2) / 3
	switch {
	case p.Kind == KindYear:
		return strconv.Itoa(int(p.From.Year))
	case p.Kind == KindQuarter && lang == "fr":
		return fmt.Sprintf("%s trimestre %d", locale.Ordinal(q), p.From.Year)
	case p.Kind == KindQuarter:
		return fmt.Sprintf("Q%d %d", q, p.From.Year)
	case p.Kind == KindMonth:
		return locale.MonthYear(lang, int(p.From.Year), time.Month(p.From.Month))
	case lang == "fr":
		return fmt.Sprintf("du %s au %s", LongDate(lang, p.From), LongDate(lang, p.To))
	}
	return fmt.Sprintf("%s to %s", LongDate(lang, p.From), LongDate(lang, p.To))
}
