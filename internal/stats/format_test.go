package stats

import "testing"

func TestFormat(t *testing.T) {
	d := date(t, "2025-03-01")
	tests := []struct{ got, want string }{
		{LongDate("en", d), "March 1, 2025"},
		{LongDate("fr", d), "1er mars 2025"},
		{LongDate("fr", date(t, "2025-08-15")), "15 août 2025"},
		{PeriodName("en", Quarter(2025, 1)), "Q1 2025"},
		{PeriodName("fr", Quarter(2025, 1)), "1er trimestre 2025"},
		{PeriodName("fr", Quarter(2025, 3)), "3e trimestre 2025"},
		{PeriodName("fr", Month(2025, 2)), "février 2025"},
		{PeriodName("en", Month(2025, 2)), "February 2025"},
		{PeriodName("en", Year(2024)), "2024"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	r, _ := Range(date(t, "2025-01-01"), date(t, "2025-06-30"))
	if got := PeriodName("fr", r); got != "du 1er janvier 2025 au 30 juin 2025" {
		t.Errorf("range fr: %q", got)
	}
	if got := PeriodName("en", r); got != "January 1, 2025 to June 30, 2025" {
		t.Errorf("range en: %q", got)
	}
}
