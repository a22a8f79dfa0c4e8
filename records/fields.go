package records

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// This file holds the value rules of the profile's declared fields: SetField, the one function
// that parses and checks a value given for a field (create --field, dossier do --field, import),
// and the rules of each kind it and Validate share.

// MaxFieldText is the longest value a text field holds, in bytes.
const MaxFieldText = 10000

// FieldPath is the record path of the declared field name: fields.NAME.
func FieldPath(name string) string { return "fields." + name }

// SetField parses value for the declared field name and sets it on c, by the field's kind:
//   - code, partner: one code of the field's codes (the profile's partners);
//   - codes: one or more codes separated by commas, added to those the case has;
//   - date: YYYY-MM-DD; integer: a whole number; money: an amount with at most two decimals,
//     stored as 1234.50 (no thousands separators, no sign);
//   - text: any text the text rules accept, up to MaxFieldText bytes;
//   - list: SUB=VALUE pairs separated by commas (number=123,date=2026-01-05) add one item,
//     each sub-field checked by its own kind.
//
// Errors are *InputError naming fields.NAME; a value of a personal or confidential field is
// never quoted back. On error c is unchanged.
func (p *Profile) SetField(c *Case, name, value string) error {
	def := p.Fields.Find(name)
	if def == nil {
		return p.unknownField(name)
	}
	path := FieldPath(name)
	v := c.Field(name)
	switch def.Kind {
	case KindList:
		item, err := p.parseItem(def, path, value)
		if err != nil {
			return err
		}
		v.Items = append(slices.Clone(v.Items), item)
	case KindCodes:
		codes := slices.Clone(v.Codes)
		for _, part := range strings.Split(value, ",") {
			code := strings.TrimSpace(part)
			if code == "" {
				return &InputError{Field: path, Msg: "an empty code: separate codes with single commas (" + exampleValue(def) + ")"}
			}
			if err := checkFieldCode(def.Codes, def.Kind, def.Class, path, code); err != nil {
				return err
			}
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		v.Codes = codes
	default:
		s, err := p.parseScalar(def, def.Class, path, value)
		if err != nil {
			return err
		}
		v = FieldValue{Scalar: s}
	}
	fs := maps.Clone(c.Fields)
	if fs == nil {
		fs = Fields{}
	}
	fs[name] = v
	c.Fields = fs
	return nil
}

// unknownField is the error for a name the profile does not declare: the declared names, and
// the closest one.
func (p *Profile) unknownField(name string) error {
	names := p.FieldNames()
	if len(names) == 0 {
		return &InputError{Field: FieldPath(name), Value: name, Msg: fmt.Sprintf("unknown field %s: the profile declares no fields (fields: in dossier.yaml)", Quote(name))}
	}
	return &InputError{Field: FieldPath(name), Value: name, Allowed: names,
		Msg: fmt.Sprintf("unknown field %s%s: declared fields: %s", Quote(name), Suggest(name, names), strings.Join(names, ", "))}
}

// FieldNames lists the declared fields' names, in declaration order.
func (p *Profile) FieldNames() []string {
	out := make([]string, len(p.Fields))
	for i, f := range p.Fields {
		out[i] = f.Name
	}
	return out
}

// parseScalar checks value by the kind of def (a scalar kind) and returns its canonical form.
// class decides whether the value may be quoted in the error.
func (p *Profile) parseScalar(def *FieldDef, class Class, path, value string) (string, error) {
	bad := func(format string, args ...any) error {
		return &InputError{Field: path, Msg: fmt.Sprintf(format, args...)}
	}
	shown := FieldValueText(class, value)
	if def.Kind != KindText {
		value = strings.TrimSpace(value)
	}
	if value == "" {
		return "", bad("empty: give a value (%s)", exampleValue(def))
	}
	switch def.Kind {
	case KindCode:
		return value, checkFieldCode(def.Codes, def.Kind, class, path, value)
	case KindPartner:
		return value, checkFieldCode(p.Partners, def.Kind, class, path, value)
	case KindDate:
		d, err := ParseDate(value)
		if err != nil {
			return "", bad("%s is not a date: write YYYY-MM-DD with a real month and day", shown)
		}
		return d.String(), nil
	case KindInteger:
		n, err := ParseInteger(value)
		if err != nil {
			return "", bad("%s %v", shown, err)
		}
		return strconv.FormatInt(n, 10), nil
	case KindMoney:
		cents, err := ParseMoney(value)
		if err != nil {
			return "", bad("%s %v", shown, err)
		}
		return FormatMoney(cents), nil
	case KindText:
		if err := CheckText(value, true); err != nil {
			return "", bad("%v", err)
		}
		if len(value) > MaxFieldText {
			return "", bad("too long (%d bytes): at most %d", len(value), MaxFieldText)
		}
		return value, nil
	}
	return "", bad("the profile declares kind %s, which holds no single value (kinds: %s)", Quote(def.Kind), strings.Join(FieldKinds(), ", "))
}

// subFieldName reports whether key looks like a sub-field's name in a list value (number=123):
// a letter of any script or _, then letters, digits, _ and - (^[\p{L}_][\p{L}\p{N}_-]*$,
// written out so that no process compiles the classes at start).
func subFieldName(key string) bool {
	for i, r := range key {
		switch {
		case unicode.IsLetter(r) || r == '_':
		case i > 0 && (unicode.IsNumber(r) || r == '-'):
		default:
			return false
		}
	}
	return key != ""
}

// parseItem reads one item of a list field: SUB=VALUE pairs separated by commas. A comma
// followed by something other than SUB= belongs to the value before it (a text with a comma).
func (p *Profile) parseItem(def *FieldDef, path, value string) (map[string]string, error) {
	subs := make([]string, len(def.Fields))
	for i, f := range def.Fields {
		subs[i] = f.Name
	}
	bad := func(format string, args ...any) error {
		return &InputError{Field: path, Msg: fmt.Sprintf(format, args...)}
	}
	if len(subs) == 0 {
		return nil, bad("the profile declares no sub-fields for this list (fields: under it in dossier.yaml)")
	}
	usage := "write SUB=VALUE pairs separated by commas (" + exampleValue(def) + ")"
	type pair struct{ key, raw string }
	var pairs []pair
	for _, seg := range strings.Split(value, ",") {
		key, rest, ok := strings.Cut(seg, "=")
		key = strings.TrimSpace(key)
		switch {
		case ok && def.Fields.Find(key) != nil:
			pairs = append(pairs, pair{key, rest})
		case ok && subFieldName(key):
			return nil, bad("unknown sub-field %s%s: sub-fields: %s", Quote(key), Suggest(key, subs), strings.Join(subs, ", "))
		case len(pairs) == 0:
			return nil, bad("%s", usage)
		default:
			pairs[len(pairs)-1].raw += "," + seg
		}
	}
	item := map[string]string{}
	for _, pr := range pairs {
		sub := def.Fields.Find(pr.key)
		if _, dup := item[pr.key]; dup {
			return nil, bad("%s given twice: give each sub-field once per item", pr.key)
		}
		s, err := p.parseScalar(sub, subClass(def, sub), path, pr.raw)
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				ie.Msg = pr.key + ": " + ie.Msg
			}
			return nil, err
		}
		item[pr.key] = s
	}
	return item, nil
}

// checkFieldCode refuses a code not in cs, naming the allowed ones; the value and the closest
// code are shown only for a field whose values may be quoted.
func checkFieldCode(cs Codes, kind string, class Class, path, v string) error {
	if cs.Has(v) {
		return nil
	}
	what := "code"
	if kind == KindPartner {
		what = "partner"
	}
	hint := ""
	if class == Public || class == Internal {
		hint = Suggest(v, cs.List())
	}
	allowed := ": use one of " + strings.Join(cs.List(), ", ")
	if len(cs) == 0 {
		allowed = ": the field declares no codes"
	}
	return &InputError{Field: path, Value: v, Allowed: cs.List(),
		Msg: fmt.Sprintf("unknown %s %s%s%s", what, FieldValueText(class, v), hint, allowed)}
}

// FieldValueText is how a message shows a value of a field of class c: quoted when the class
// is public or internal, only described otherwise (and when the class is not declared).
func FieldValueText(c Class, v string) string {
	if c == Public || c == Internal {
		return Quote(v)
	}
	if c == "" {
		c = Personal
	}
	return "(value not shown: " + string(c) + " field)"
}

// exampleValue is an example of what a field of def's kind takes, for messages.
func exampleValue(def *FieldDef) string {
	switch def.Kind {
	case KindCode, KindCodes:
		ex := "a code"
		if len(def.Codes) > 0 {
			ex = def.Codes[0].Code
		}
		if def.Kind == KindCodes && len(def.Codes) > 1 {
			ex += "," + def.Codes[1].Code
		}
		return "e.g. " + def.Name + "=" + ex
	case KindPartner:
		return "a partner code"
	case KindDate:
		return "YYYY-MM-DD"
	case KindInteger:
		return "a whole number, e.g. 12"
	case KindMoney:
		return "an amount, e.g. 1234.50"
	case KindList:
		parts := make([]string, 0, len(def.Fields))
		for _, f := range def.Fields {
			parts = append(parts, f.Name+"="+subExample(f.Kind))
		}
		return "e.g. " + def.Name + "=" + strings.Join(parts, ",")
	}
	return "some text"
}

func subExample(kind string) string {
	switch kind {
	case KindDate:
		return "2026-01-05"
	case KindInteger:
		return "12"
	case KindMoney:
		return "1234.50"
	}
	return "…"
}

// ParseInteger reads a whole number written in digits, with an optional sign; no separators.
func ParseInteger(s string) (int64, error) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, fmt.Errorf("is not a whole number: write digits only, e.g. 12 (no spaces, separators or decimals)")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("is too large a number")
	}
	return n, nil
}

// maxMoneyDigits bounds the digits before the point of an amount (under a trillion), so that a
// total of many amounts stays exact.
const maxMoneyDigits = 12

// ParseMoney reads an amount in the office's currency: digits, then at most two decimals after
// a point (1234.50, 1234.5, 1234). Thousands separators, currency signs, a decimal comma and
// negative amounts are refused, so that 1,234 cannot be read as 1.234. The result is in cents.
func ParseMoney(s string) (int64, error) {
	const how = "write the amount with digits and a point, at most two decimals, e.g. 1234.50 (no thousands separators, no currency sign)"
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("is a negative amount: write the amount without a sign")
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	switch {
	case whole == "" || strings.Trim(whole, "0123456789") != "":
		return 0, fmt.Errorf("is not an amount: %s", how)
	case hasPoint && (frac == "" || strings.Trim(frac, "0123456789") != ""):
		return 0, fmt.Errorf("is not an amount: %s", how)
	case len(frac) > 2:
		return 0, fmt.Errorf("has more than two decimals: %s", how)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxMoneyDigits {
		return 0, fmt.Errorf("is too large an amount (at most %d digits before the point)", maxMoneyDigits)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("is not an amount: %s", how)
	}
	return n, nil
}

// FormatMoney writes cents as a record stores an amount: 1234.50.
func FormatMoney(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}
