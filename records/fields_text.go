package records

import (
	"fmt"
	"strings"
)

// FieldText is the value of the declared field name for people, in lang: a code by its label,
// codes by their labels separated by commas, a partner by its label, an amount by money
// (locale.Money: $1,234.50, 1 234,50 $), a list one item a line ("Number: 123, Date:
// 2026-01-05"); other values as stored. A value the profile does not declare is printed as
// stored. money may be nil (the amount as stored: 1234.50).
func (p *Profile) FieldText(name string, v FieldValue, lang string, money func(lang string, cents int64) string) string {
	def := p.Fields.Find(name)
	if def == nil {
		return rawFieldText(v)
	}
	switch def.Kind {
	case KindCodes:
		out := make([]string, len(v.Codes))
		for i, c := range v.Codes {
			out[i] = codeLabel(def.Codes, c, lang)
		}
		return strings.Join(out, ", ")
	case KindList:
		colon := ": "
		if lang == "fr" {
			colon = "\u00a0: "
		}
		lines := make([]string, 0, len(v.Items))
		for _, item := range v.Items {
			var parts []string
			for i := range def.Fields {
				sub := &def.Fields[i]
				if s := item[sub.Name]; s != "" {
					parts = append(parts, sub.Label(lang)+colon+p.scalarText(sub, s, lang, money))
				}
			}
			lines = append(lines, strings.Join(parts, ", "))
		}
		return strings.Join(lines, "\n")
	}
	if v.Scalar == "" {
		return rawFieldText(v)
	}
	return p.scalarText(def, v.Scalar, lang, money)
}

func (p *Profile) scalarText(def *FieldDef, s, lang string, money func(string, int64) string) string {
	switch def.Kind {
	case KindCode:
		return codeLabel(def.Codes, s, lang)
	case KindPartner:
		return codeLabel(p.Partners, s, lang)
	case KindMoney:
		if cents, err := ParseMoney(s); err == nil && money != nil {
			return money(lang, cents)
		}
	}
	return s
}

func codeLabel(cs Codes, code, lang string) string {
	if c := cs.Find(code); c != nil {
		return c.Label(lang)
	}
	return code
}

func rawFieldText(v FieldValue) string {
	switch {
	case len(v.Codes) > 0:
		return strings.Join(v.Codes, ", ")
	case len(v.Items) > 0:
		return fmt.Sprintf("(%d items)", len(v.Items))
	}
	return v.Scalar
}
