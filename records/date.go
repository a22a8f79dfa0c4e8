package records

import (
	"fmt"
	"slices"
	"time"
)

// Date is a civil date (no time, no zone). The zero Date is "unset". It takes 4 bytes: a
// summary holds about ten of them and a read command keeps every case's summary alive (a
// million cases: BENCHMARKS.md "One million cases"); the years a record can name (0000–9999,
// ParseDate) and those a clock adds days to fit an int16.
type Date struct {
	Year  int16
	Month uint8 // 1–12, as time.Month
	Day   uint8
}

// NewDate is the date y-m-d, normalised as time.Date does (2026-02-30 is 2026-03-02).
func NewDate(y int, m time.Month, d int) Date {
	if m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	}
	return Date{int16(y), uint8(m), uint8(d)}
}

// ParseDate reads YYYY-MM-DD and refuses impossible dates such as 2026-13-45. (By hand: it
// runs for every date of every record read.)
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD", s)
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
			n = n*10 + int(part[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, fmt.Errorf("%q is not a real date (YYYY-MM-DD with a valid month and day)", s)
	}
	return Date{int16(y), uint8(m), uint8(d)}, nil
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{int16(y), uint8(m), uint8(d)}
}

func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Month > 99 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// by hand: every date of every record written goes through here
	y, m, day := int(d.Year), int(d.Month), int(d.Day)
	var b [16]byte
	out := b[:0]
	if y > 9999 {
		out = append(out, byte('0'+y/10000))
		y %= 10000
	}
	out = append(out, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
	return string(out)
}

// Time is midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC)
}

func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil is the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int { return int(o.Time().Sub(d.Time()).Hours() / 24) }

// Compare is -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(int(d.Year), int(o.Year))
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	}
	return cmpInt(int(d.Day), int(o.Day))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before and After compare the fields (as Compare does), not two time.Time: the reports
// test every date of every case against a period.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// AddBusinessDays skips Saturdays and Sundays (see AddBusinessDaysSkipping for holidays).
func (d Date) AddBusinessDays(n int) Date { return d.AddBusinessDaysSkipping(n, nil) }

// AddBusinessDaysSkipping counts n business days after d: not a Saturday, a Sunday or one of
// holidays.
func (d Date) AddBusinessDaysSkipping(n int, holidays []Date) Date {
	t := d.Time()
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday && !slices.Contains(holidays, DateOf(t)) {
			n--
		}
	}
	return DateOf(t)
}

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Timestamp is an instant, always written as RFC 3339 in UTC with second precision.
type Timestamp struct{ time.Time }

func ParseTimestamp(s string) (Timestamp, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Timestamp{}, fmt.Errorf("%q is not a time: write RFC 3339, e.g. 2026-01-15T14:02:11Z", s)
	}
	return Timestamp{t.UTC().Truncate(time.Second)}, nil
}

func (t Timestamp) String() string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (t Timestamp) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

func (t *Timestamp) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = Timestamp{}
		return nil
	}
	v, err := ParseTimestamp(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
