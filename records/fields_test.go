package records

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fieldsYAML declares one field of each kind, the way a profile writes them.
const fieldsYAML = `
district: {kind: code, class: public, group: true, en: Judicial district, fr: District judiciaire, required: intake,
           codes: [{code: montreal, en: Montreal, fr: Montréal}, {code: quebec, en: Quebec City, fr: Québec}]}
themes:   {kind: codes, class: internal, en: Themes, fr: Thèmes,
           codes: [{code: conjugal, en: Intimate partner violence, fr: Violence conjugale}, {code: elders, en: Elder abuse, fr: Maltraitance envers les personnes aînées}]}
gender:   {kind: code, class: personal, en: Gender, fr: Genre, codes: [{code: female, en: Female, fr: Femme}, {code: male, en: Male, fr: Homme}]}
prosecutor: {kind: partner, class: internal, en: Prosecutor, fr: Procureur}
deadline: {kind: date, class: internal, en: Deadline, fr: Échéance, required_before: [refer]}
birth:    {kind: date, class: personal, en: Date of birth, fr: Date de naissance}
count:    {kind: integer, class: public, en: Participants, fr: Participants}
value:    {kind: money, class: internal, en: Value, fr: Valeur}
remarks:  {kind: text, class: confidential, en: Remarks, fr: Remarques}
orders:   {kind: list, class: internal, en: Court orders, fr: Ordonnances,
           fields: {number: {kind: text, class: internal, en: Number, fr: Numéro},
                    date: {kind: date, class: internal, en: Date, fr: Date},
                    amount: {kind: money, class: internal, en: Amount, fr: Montant}}}
`

// fieldsProfile is the embedded profile with the fields of fieldsYAML declared.
func fieldsProfile(tb testing.TB) *Profile {
	tb.Helper()
	p := testProfile(tb)
	if err := yaml.Unmarshal([]byte(fieldsYAML), &p.Fields); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestSetFieldStoresCanonicalValues(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := &Case{}
	for _, set := range [][2]string{
		{"district", " quebec "}, {"themes", "conjugal"}, {"themes", "elders, conjugal"},
		{"prosecutor", p.Partners[0].Code}, {"deadline", "2026-01-05"}, {"count", "+007"},
		{"value", "1234.5"}, {"remarks", "  two lines\nkept as written, with commas  "},
		{"orders", "number=A-12, with a comma,date=2026-01-05"}, {"orders", "amount=0.5"},
	} {
		if err := p.SetField(c, set[0], set[1]); err != nil {
			t.Fatalf("SetField(%s=%q): %v", set[0], set[1], err)
		}
	}
	want := map[string]string{
		"district": "quebec", "themes": "[conjugal elders]", "prosecutor": p.Partners[0].Code,
		"deadline": "2026-01-05", "count": "7", "value": "1234.50",
		"remarks": "  two lines\nkept as written, with commas  ",
		"orders":  "[map[date:2026-01-05 number:A-12, with a comma] map[amount:0.50]]",
	}
	for name, w := range want {
		v := c.Field(name)
		got := v.Scalar
		switch {
		case v.Codes != nil:
			got = fmtAny(v.Codes)
		case v.Items != nil:
			got = fmtAny(v.Items)
		}
		if got != w {
			t.Errorf("%s = %s, want %s", name, got, w)
		}
	}
}

func TestSetFieldRefuses(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	for _, tc := range []struct {
		name, value string
		field, msg  string // msg: a part of the message
		hidden      string // a part of the value that must not be quoted
	}{
		{"distrct", "x", "fields.distrct", `unknown field "distrct" (did you mean district?): declared fields: district, themes, gender`, ""},
		{"district", "montrael", "fields.district", `unknown code "montrael" (did you mean montreal?): use one of montreal, quebec`, ""},
		{"district", "", "fields.district", "empty: give a value (e.g. district=montreal)", ""},
		{"themes", "conjugal,,elders", "fields.themes", "an empty code", ""},
		{"themes", "conjugal,nope", "fields.themes", `unknown code "nope"`, ""},
		{"gender", "fxmale", "fields.gender", "unknown code (value not shown: personal field): use one of female, male", "fxmale"},
		{"prosecutor", "nobody", "fields.prosecutor", `unknown partner "nobody"`, ""},
		{"deadline", "2026-02-30", "fields.deadline", `"2026-02-30" is not a date: write YYYY-MM-DD`, ""},
		{"deadline", "5 janvier", "fields.deadline", "is not a date", ""},
		{"birth", "1970-13-01", "fields.birth", "(value not shown: personal field) is not a date", "1970"},
		{"count", "1,000", "fields.count", `"1,000" is not a whole number`, ""},
		{"count", "1.5", "fields.count", "is not a whole number", ""},
		{"count", "99999999999999999999", "fields.count", "too large", ""},
		{"value", "1,234.50", "fields.value", `"1,234.50" is not an amount: write the amount with digits and a point`, ""},
		{"value", "1 234,50", "fields.value", "no thousands separators", ""},
		{"value", "1234,50", "fields.value", "is not an amount", ""},
		{"value", "$12", "fields.value", "is not an amount", ""},
		{"value", "-12.00", "fields.value", "is a negative amount", ""},
		{"value", "12.345", "fields.value", "more than two decimals", ""},
		{"value", "12.", "fields.value", "is not an amount", ""},
		{"value", "1e3", "fields.value", "is not an amount", ""},
		{"value", "9999999999999", "fields.value", "too large an amount", ""},
		{"remarks", "secret\x1bname", "fields.remarks", "contains a control character (U+001B) at byte 6", "secret"},
		{"remarks", strings.Repeat("x", MaxFieldText+1), "fields.remarks", "too long", ""},
		{"orders", "2026-01-05", "fields.orders", "write SUB=VALUE pairs separated by commas (e.g. orders=number=…,date=2026-01-05,amount=1234.50)", ""},
		{"orders", "numbr=1", "fields.orders", `unknown sub-field "numbr" (did you mean number?): sub-fields: number, date, amount`, ""},
		{"orders", "number=1,number=2", "fields.orders", "number given twice", ""},
		{"orders", "number=1,date=2026-13-01", "fields.orders", `date: "2026-13-01" is not a date`, ""},
		{"orders", "amount=1,234", "fields.orders", "amount: \"1,234\" is not an amount", ""},
	} {
		c := &Case{Fields: Fields{"district": {Scalar: "quebec"}}}
		err := p.SetField(c, tc.name, tc.value)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("SetField(%s=%q) = %v, want an InputError", tc.name, tc.value, err)
			continue
		}
		if ie.Field != tc.field || !strings.Contains(ie.Msg, tc.msg) {
			t.Errorf("SetField(%s=%q):\n got %s: %s\nwant %s: …%s…", tc.name, tc.value, ie.Field, ie.Msg, tc.field, tc.msg)
		}
		if tc.hidden != "" && strings.Contains(ie.Error(), tc.hidden) {
			t.Errorf("SetField(%s=%q) quotes a personal or confidential value: %s", tc.name, tc.value, ie.Error())
		}
		if len(c.Fields) != 1 || c.Field("district").Scalar != "quebec" {
			t.Errorf("SetField(%s=%q) failed but changed the case: %v", tc.name, tc.value, c.Fields)
		}
	}
}

func TestSetFieldNoFieldsDeclared(t *testing.T) {
	t.Parallel()
	err := testProfile(t).SetField(&Case{}, "district", "x")
	if err == nil || !strings.Contains(err.Error(), "the profile declares no fields") {
		t.Fatalf("got %v", err)
	}
}

// A case copied before SetField keeps its own fields: SetField never writes into a map another
// copy of the case shares.
func TestSetFieldCopiesOnWrite(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	before := Case{Fields: Fields{"district": {Scalar: "quebec"}}}
	after := before
	if err := p.SetField(&after, "district", "montreal"); err != nil {
		t.Fatal(err)
	}
	if before.Field("district").Scalar != "quebec" || after.Field("district").Scalar != "montreal" {
		t.Fatalf("before %v, after %v", before.Fields, after.Fields)
	}
}

func TestParseMoneyCanonical(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"0": "0.00", "0.5": "0.50", "007.10": "7.10", "1234.5": "1234.50", "999999999999.99": "999999999999.99"} {
		cents, err := ParseMoney(in)
		if err != nil || FormatMoney(cents) != want {
			t.Errorf("ParseMoney(%q) = %d, %v; formatted %q, want %q", in, cents, err, FormatMoney(cents), want)
		}
	}
}

func fmtAny(v any) string { return fmt.Sprint(v) }

func TestFieldText(t *testing.T) {
	t.Parallel()
	p := fieldsProfile(t)
	c := &Case{}
	for _, s := range [][2]string{{"district", "quebec"}, {"themes", "elders,conjugal"}, {"value", "1234.5"}, {"orders", "number=A-1,date=2026-01-05"}, {"orders", "amount=2"}, {"count", "12"}} {
		if err := p.SetField(c, s[0], s[1]); err != nil {
			t.Fatal(err)
		}
	}
	money := func(lang string, cents int64) string { return lang + ":" + FormatMoney(cents) }
	for _, tc := range []struct{ name, lang, want string }{
		{"district", "en", "Quebec City"}, {"district", "fr", "Québec"},
		{"themes", "fr", "Maltraitance envers les personnes aînées, Violence conjugale"},
		{"value", "fr", "fr:1234.50"}, {"count", "en", "12"},
		{"orders", "en", "Number: A-1, Date: 2026-01-05\nAmount: en:2.00"},
		{"orders", "fr", "Numéro\u00a0: A-1, Date\u00a0: 2026-01-05\nMontant\u00a0: fr:2.00"},
	} {
		if got := p.FieldText(tc.name, c.Field(tc.name), tc.lang, money); got != tc.want {
			t.Errorf("FieldText(%s, %s) = %q, want %q", tc.name, tc.lang, got, tc.want)
		}
	}
	if got := p.FieldText("value", c.Field("value"), "en", nil); got != "1234.50" {
		t.Errorf("without a money writer: %q", got)
	}
	if got := p.FieldText("undeclared", FieldValue{Codes: []string{"a", "b"}}, "en", nil); got != "a, b" {
		t.Errorf("undeclared: %q", got)
	}
}
