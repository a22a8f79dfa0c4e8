package records

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "2026-01-15", want: "2026-01-15"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "0001-01-01", want: "0001-01-01"},
		{in: "2026-13-45", err: `"2026-13-45" is not a real date`},
		{in: "2026-02-29", err: "not a real date"},
		{in: "2026-04-31", err: "not a real date"},
		{in: "2026-00-10", err: "not a real date"},
		{in: "2026-1-5", err: "is not a date: write YYYY-MM-DD"},
		{in: "15/01/2026", err: "is not a date: write YYYY-MM-DD"},
		{in: "2026-01-15T10:00:00Z", err: "is not a date"},
		{in: "", err: "is not a date"},
		{in: "2026/01/15", err: "is not a date"},
		{in: "2026-01-1x", err: "not a real date"},
		{in: "+026-01-15", err: "not a real date"},
	} {
		d, err := ParseDate(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseDate(%q) = %v, %v; want error containing %q", tc.in, d, err, tc.err)
		case tc.err == "" && (err != nil || d.String() != tc.want):
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	t.Parallel()
	d := Date{2026, 1, 30}
	if got := d.AddDays(30).String(); got != "2026-03-01" {
		t.Errorf("AddDays(30) = %s", got)
	}
	if got := d.DaysUntil(Date{2026, 3, 1}); got != 30 {
		t.Errorf("DaysUntil = %d", got)
	}
	if got := (Date{2026, 3, 1}).DaysUntil(d); got != -30 {
		t.Errorf("DaysUntil backwards = %d", got)
	}
	// 2026-01-30 is a Friday: three business days later is Wednesday 2026-02-04.
	if got := d.AddBusinessDays(3).String(); got != "2026-02-04" {
		t.Errorf("AddBusinessDays(3) = %s", got)
	}
	if !d.Before(d.AddDays(1)) || d.After(d.AddDays(1)) || d.Before(d) {
		t.Error("Before/After")
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("zero date")
	}
	// DateOf takes the calendar date in the time's own zone.
	toronto := time.FixedZone("EST", -5*3600)
	if got := DateOf(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC).In(toronto)).String(); got != "2026-03-01" {
		t.Errorf("DateOf in EST = %s", got)
	}
}

func TestDateText(t *testing.T) {
	t.Parallel()
	var d Date
	if err := d.UnmarshalText([]byte("2026-02-28")); err != nil || d != (Date{2026, 2, 28}) {
		t.Errorf("UnmarshalText = %v, %v", d, err)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Errorf("empty UnmarshalText = %v, %v", d, err)
	}
	if err := d.UnmarshalText([]byte("2026-13-45")); err == nil {
		t.Error("UnmarshalText accepted 2026-13-45")
	}
	b, _ := Date{2026, 1, 5}.MarshalText()
	if string(b) != "2026-01-05" {
		t.Errorf("MarshalText = %s", b)
	}
}

func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"2026-01-15T14:02:11Z", "2026-01-15T14:02:11Z"},
		{"2026-01-15T09:02:11-05:00", "2026-01-15T14:02:11Z"},
		{"2026-01-15T14:02:11.999Z", "2026-01-15T14:02:11Z"},
	} {
		ts, err := ParseTimestamp(tc.in)
		if err != nil || ts.String() != tc.want {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want %s", tc.in, ts, err, tc.want)
		}
	}
	for _, bad := range []string{"2026-01-15", "2026-01-15 14:02:11", "yesterday", "2026-01-15T25:00:00Z"} {
		if _, err := ParseTimestamp(bad); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
			t.Errorf("ParseTimestamp(%q) = %v; want an error naming RFC 3339", bad, err)
		}
	}
}

// TestParseDateAgreesWithTime: the hand-written parser accepts exactly what time.Parse does.
func TestParseDateAgreesWithTime(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2026-01-15", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2026-04-31", "2026-12-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-1-15", "20260115xx", "2026-01-1a", "+026-01-15", "2026/01/15", "0000-01-01", "9999-12-31"} {
		_, want := time.Parse("2006-01-02", s)
		_, got := ParseDate(s)
		if (got == nil) != (want == nil) {
			t.Errorf("ParseDate(%q) error = %v, time.Parse error = %v", s, got, want)
		}
	}
}

// Date.String, written by hand, is the %04d-%02d-%02d it replaces, for the years a record can
// name, the limits of the type and the carries between them, months and days in and out of range.
func TestDateStringIsPrintf(t *testing.T) {
	t.Parallel()
	var years []int
	for y := -200; y <= 10200; y++ {
		years = append(years, y)
	}
	for y := range 200 {
		years = append(years, math.MinInt16+y, math.MaxInt16-y, 19990+y)
	}
	for _, y := range years {
		for _, md := range [][2]uint8{{1, 1}, {12, 31}, {0, 0}, {99, 100}, {255, 9}} {
			d := Date{Year: int16(y), Month: md[0], Day: md[1]}
			want := fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
			if d.IsZero() {
				want = ""
			}
			if got := d.String(); got != want {
				t.Fatalf("%#v.String() = %q, want %q", d, got, want)
			}
		}
	}
}
