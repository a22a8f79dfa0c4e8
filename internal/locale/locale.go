// Package locale writes dates and numbers for people, in English and French, and applies
// French typography (non-breaking spaces before high punctuation and inside guillemets). It is
// the one place letters and reports take these rules from, so that a letter and a report of
// the same office write a date the same way.
package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// NBSP is the no-break space French typography puts before : ; ! ? and inside « ».
const NBSP = "\u00a0"

// NarrowNBSP is the narrow no-break space that groups the digits of a French number.
const NarrowNBSP = "\u202f"

var monthsFr = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Month is the name of month m: March, mars. Languages other than French get English.
func Month(lang string, m time.Month) string {
	if lang == "fr" {
		return monthsFr[m-1]
	}
	return m.String()
}

// DayOfMonth is day as a date writes it: 1er for the first of the month in French.
func DayOfMonth(lang string, day int) string {
	if lang == "fr" && day == 1 {
		return "1er"
	}
	return strconv.Itoa(day)
}

// Ordinal is n as an ordinal in French: 1er, 2e, 3e.
func Ordinal(n int) string {
	if n == 1 {
		return "1er"
	}
	return strconv.Itoa(n) + "e"
}

// LongDate writes a date for people: January 15, 2026 in English (the month first, as
// Canadian English correspondence writes it); 15 janvier 2026 and 1er janvier 2026 in
// French. Other languages get YYYY-MM-DD.
func LongDate(lang string, year int, month time.Month, day int) string {
	switch lang {
	case "fr":
		return fmt.Sprintf("%s %s %d", DayOfMonth(lang, day), Month(lang, month), year)
	case "en":
		return fmt.Sprintf("%s %d, %d", Month(lang, month), day, year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, int(month), day)
}

// MonthYear names a month of a year: March 2025, mars 2025.
func MonthYear(lang string, year int, month time.Month) string {
	return fmt.Sprintf("%s %d", Month(lang, month), year)
}

// Number writes a count for people: 12,345 in English, 12 345 (narrow no-break space) in
// French.
func Number(lang string, n int) string {
	out := group(lang, strconv.Itoa(max(n, -n)))
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
