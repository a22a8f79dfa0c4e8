package locale

import (
	"testing"
	"time"
)

func TestLongDate(t *testing.T) {
	for _, tt := range []struct {
		lang  string
		month time.Month
		day   int
		want  string
	}{
		{"en", time.March, 1, "March 1, 2025"},
		{"en", time.January, 15, "January 15, 2025"},
		{"fr", time.March, 1, "1er mars 2025"},
		{"fr", time.August, 15, "15 août 2025"},
		{"de", time.August, 5, "2025-08-05"},
	} {
		if got := LongDate(tt.lang, 2025, tt.month, tt.day); got != tt.want {
			t.Errorf("LongDate(%s, 2025-%02d-%02d) = %q, want %q", tt.lang, tt.month, tt.day, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1234567, "1,234,567"}, {"fr", 12345, "12\u202f345"}, {"en", 999, "999"}, {"en", -1234, "-1,234"},
	} {
		if got := Number(tt.lang, tt.n); got != tt.want {
			t.Errorf("Number(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, tt := range []struct {
		lang string
		f    float64
		want string
	}{
		{"en", 0.25, "0.25"}, {"fr", 0.25, "0,25"}, {"en", 1234.5, "1,234.50"},
		{"fr", 1234.5, "1\u202f234,50"}, {"en", -1.5, "-1.50"}, {"en", -0.001, "0.00"},
	} {
		if got := Decimal(tt.lang, tt.f); got != tt.want {
			t.Errorf("Decimal(%s, %v) = %q, want %q", tt.lang, tt.f, got, tt.want)
		}
	}
}

func TestFrenchTypography(t *testing.T) {
	got := FrenchTypography("Objet : « plainte » ; vraiment ? oui !")
	want := "Objet\u00a0: «\u00a0plainte\u00a0»\u00a0; vraiment\u00a0? oui\u00a0!"
	if got != want {
		t.Errorf("FrenchTypography = %q, want %q", got, want)
	}
	if got := Quote("fr", "x"); got != "«\u00a0x\u00a0»" {
		t.Errorf("Quote fr = %q", got)
	}
	if got := Quote("en", "x"); got != "“x”" {
		t.Errorf("Quote en = %q", got)
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		lang  string
		cents int64
		want  string
	}{
		{"en", 123450, "$1,234.50"}, {"fr", 123450, "1\u202f234,50\u00a0$"}, {"en", 5, "$0.05"},
		{"fr", -5, "-0,05\u00a0$"}, {"en", -100000000, "-$1,000,000.00"}, {"en", 0, "$0.00"},
		{"fr", 100000000, "1\u202f000\u202f000,00\u00a0$"}, {"en", -1250, "-$12.50"}, {"fr", -1250, "-12,50\u00a0$"},
	} {
		if got := Money(tt.lang, tt.cents); got != tt.want {
			t.Errorf("Money(%s, %d) = %q, want %q", tt.lang, tt.cents, got, tt.want)
		}
	}
}

func TestPercentAndTenths(t *testing.T) {
	for _, tt := range []struct {
		lang, got, want string
	}{
		{"en", Percent("en", 125), "12.5%"}, {"fr", Percent("fr", 125), "12,5\u00a0%"},
		{"en", Percent("en", 1000), "100.0%"}, {"fr", Tenths("fr", 123455, false), "12\u202f345,5"},
		{"en", Tenths("en", 120, false), "12"}, {"en", Tenths("en", 120, true), "12.0"},
		{"en", Tenths("en", -5, false), "-0.5"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, tt.got, tt.want)
		}
	}
}
