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
