package stats

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

var monthsEn = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsFr = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// LongDate writes a date for people: 1 January 2025, 1er janvier 2025.
func LongDate(lang string, d records.Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == "fr" {
		day := strconv.Itoa(d.Day)
		if d.Day == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, monthsFr[d.Month-1], d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, monthsEn[d.Month-1], d.Year)
}

// PeriodName names a period for people: 2025, Q1 2025 / 1er trimestre 2025, March 2025 / mars
// 2025, or the two dates of a range.
func PeriodName(lang string, p Period) string {
	q := (int(p.From.Month) + 2) / 3
	switch {
	case p.Kind == KindYear:
		return strconv.Itoa(p.From.Year)
	case p.Kind == KindQuarter && lang == "fr":
		ord := "e"
		if q == 1 {
			ord = "er"
		}
		return fmt.Sprintf("%d%s trimestre %d", q, ord, p.From.Year)
	case p.Kind == KindQuarter:
		return fmt.Sprintf("Q%d %d", q, p.From.Year)
	case p.Kind == KindMonth && lang == "fr":
		return fmt.Sprintf("%s %d", monthsFr[p.From.Month-1], p.From.Year)
	case p.Kind == KindMonth:
		return fmt.Sprintf("%s %d", monthsEn[p.From.Month-1], p.From.Year)
	case lang == "fr":
		return fmt.Sprintf("du %s au %s", LongDate(lang, p.From), LongDate(lang, p.To))
	}
	return fmt.Sprintf("%s to %s", LongDate(lang, p.From), LongDate(lang, p.To))
}

// Number writes a count for people: 12,345 in English, 12 345 (narrow no-break space) in
// French.
func Number(lang string, n int) string {
	s := strconv.Itoa(max(n, -n))
	sep := ","
	if lang == "fr" {
		sep = "\u202f"
	}
	out := ""
	for len(s) > 3 {
		out = sep + s[len(s)-3:] + out
		s = s[:len(s)-3]
	}
	out = s + out
	if n < 0 {
		out = "-" + out
	}
	return out
}

// Decimal writes a fraction for people with two decimals: 1,234.50 in English, 1 234,50 in
// French.
func Decimal(lang string, f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil { // beyond an int: leave the digits ungrouped
		return strings.Replace(strconv.FormatFloat(f, 'f', 2, 64), ".", decimalMark(lang), 1)
	}
	out := Number(lang, n) + decimalMark(lang) + frac
	if neg && strings.Trim(whole+frac, "0") != "" {
		out = "-" + out
	}
	return out
}

func decimalMark(lang string) string {
	if lang == "fr" {
		return ","
	}
	return "."
}
