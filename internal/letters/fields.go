package letters

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/records"
)

// The helpers of a profile's declared fields (records/decl.go) and of its referrals, for the
// letters a profile brings with it.

// fieldDef is the declared field name, or an error naming the fields the profile declares.
func (e *env) fieldDef(helper, name string) (*records.FieldDef, error) {
	if d := e.in.Profile.Fields.Find(name); d != nil {
		return d, nil
	}
	var names []string
	for _, d := range e.in.Profile.Fields {
		names = append(names, d.Name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: unknown field %q: the profile declares no fields", helper, name)
	}
	return nil, fmt.Errorf("%s: unknown field %q%s: use %s", helper, name, records.Suggest(name, names), strings.Join(names, ", "))
}

// field is the value of a declared field as the letter's reader may see it, in the letter's
// language: a code's label, several codes joined the language's way, a date written long, an
// amount or a count with the language's separators, a partner's name. A field the case does
// not have (or the reader may not see) is an error: use optfield for one the letter may do
// without.
func (e *env) field(name string) (string, error) {
	s, err := e.optfield(name)
	if err == nil && s == "" {
		return "", &ErrZero{What: "field " + name, Helper: "field"}
	}
	return s, err
}

// optfield is field, empty when the case does not have the field: {{with optfield "x"}}…{{end}}.
func (e *env) optfield(name string) (string, error) {
	d, err := e.fieldDef("optfield", name)
	if err != nil {
		return "", err
	}
	v := e.in.Case.Field(name)
	if v.IsZero() {
		return "", nil
	}
	switch d.Kind {
	case records.KindCode:
		return codeLabel(d.Codes, v.Scalar, e.lang), nil
	case records.KindCodes:
		var out []string
		for _, c := range v.Codes {
			out = append(out, codeLabel(d.Codes, c, e.lang))
		}
		return e.joinAnd(out), nil
	case records.KindDate:
		day, err := records.ParseDate(v.Scalar)
		if err != nil {
			return v.Scalar, nil
		}
		return FormatDate(day, e.lang), nil
	case records.KindInteger:
		if n, err := strconv.Atoi(v.Scalar); err == nil {
			return locale.Number(e.lang, n), nil
		}
	case records.KindMoney:
		if cents, err := records.ParseMoney(v.Scalar); err == nil {
			return locale.Money(e.lang, cents), nil // exact, as show and the reports print it
		}
	case records.KindPartner:
		return e.label("partner", v.Scalar)
	case records.KindList:
		return "", fmt.Errorf("field: %s is a list: print its items with {{range}} over .Case.Fields", name)
	}
	return v.Scalar, nil
}

// fieldLabel is the declared field's own label in the letter's language.
func (e *env) fieldLabel(name string) (string, error) {
	d, err := e.fieldDef("fieldLabel", name)
	if err != nil {
		return "", err
	}
	return d.Label(e.lang), nil
}

// joinAnd joins labels the way the language does: a, b and c; a, b et c.
func (e *env) joinAnd(out []string) string {
	and := " and "
	if e.lang == "fr" {
		and = " et "
	}
	if n := len(out); n > 1 {
		return strings.Join(out[:n-1], ", ") + and + out[n-1]
	}
	return strings.Join(out, "")
}

// latestReferral is the referral the letter speaks of, as the reader may see it: the one open
// referral, or, when none is open, the only one not cancelled, or the case's only referral. It is never guessed from the
// order of the referrals: with several candidates the letter refuses and says why.
func (e *env) latestReferral() (*records.Referral, error) {
	var live []records.Referral // the referrals not cancelled
	for _, r := range e.in.Case.Referrals {
		if r.Cancelled.IsZero() {
			live = append(live, r)
		}
	}
	var open []records.Referral
	for _, r := range live {
		if r.Open() {
			open = append(open, r)
		}
	}
	all := e.in.Case.Referrals
	switch {
	case len(open) == 1:
		return &open[0], nil
	case len(open) == 0 && len(live) == 1:
		return &live[0], nil
	case len(all) == 1: // closing settles the open referral: the case's only one
		return &all[0], nil
	case len(all) == 0:
		return nil, &ErrZero{What: "referral", Helper: "latestReferral"}
	}
	// Several: the letter would have to guess which one it speaks of.
	var to []string
	for _, r := range all {
		to = append(to, r.To)
	}
	return nil, fmt.Errorf("latestReferral: %s has %d referrals (%s) and no one of them is the only open one: the letter cannot tell which it speaks of; write it by hand", e.in.Case.ID, len(all), strings.Join(to, ", "))
}

// codeLabel is the code's label in lang, or the code itself when the list does not have it
// (nothing silently disappears from a letter).
func codeLabel(cs records.Codes, code, lang string) string {
	if c := cs.Find(code); c != nil {
		return c.Label(lang)
	}
	return code
}
