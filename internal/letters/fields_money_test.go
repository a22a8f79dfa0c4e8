package letters

import (
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// A money field prints exactly, with the language's separators and currency sign — the same
// way show and the declared reports print it, never through a float.
func TestFieldMoneyExact(t *testing.T) {
	p := &records.Profile{Fields: records.FieldDefs{{Name: "value", Kind: records.KindMoney, Class: records.Internal}}}
	c := &records.Case{Fields: records.Fields{"value": {Scalar: "1234567.05"}}}
	for lang, want := range map[string]string{"en": "$1,234,567.05", "fr": "1\u202f234\u202f567,05\u00a0$"} {
		e := &env{lang: lang, in: &Input{Case: c, Profile: p}}
		got, err := e.field("value")
		if err != nil || got != want {
			t.Errorf("%s: field value = %q, %v; want %q", lang, got, err, want)
		}
	}
}

// The referral a profile's letter speaks of is never guessed from the order of the referrals:
// the one open referral, else the only one; with several candidates the letter refuses.
func TestLatestReferralNeverGuesses(t *testing.T) {
	d := func(s string) records.Date { v, _ := records.ParseDate(s); return v }
	p := &records.Profile{}
	one := &records.Case{ID: "2026-0001", Referrals: []records.Referral{{To: "a", Sent: d("2026-01-02"), Cancelled: d("2026-03-01")}, {To: "b", Sent: d("2026-02-01")}}}
	e := &env{lang: "en", in: &Input{Case: one, Profile: p}}
	if r, err := e.latestReferral(); err != nil || r.To != "b" {
		t.Errorf("one open referral: %v, %v; want b", r, err)
	}
	two := &records.Case{ID: "2026-0002", Referrals: []records.Referral{{To: "b", Sent: d("2026-02-01")}, {To: "a", Sent: d("2026-01-02")}}}
	e = &env{lang: "en", in: &Input{Case: two, Profile: p}}
	if r, err := e.latestReferral(); err == nil {
		t.Errorf("two open referrals: chose %s, want a refusal", r.To)
	}
}
