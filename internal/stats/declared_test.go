package stats

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// declaredProfile is Ontario's profile with a program code field, a theme codes field, a
// money value and an integer count, all groupable or summable.
func declaredProfile(t *testing.T) *records.Profile {
	t.Helper()
	p := testProfile(t)
	p.Fields = records.FieldDefs{
		{Name: "program", Kind: records.KindCode, Class: records.Public, Group: true, En: "Program", Fr: "Programme",
			Codes: records.Codes{{Code: "pmrg", En: "General"}, {Code: "paj", En: "Mental health"}, {Code: "unused", En: "Unused"}}},
		{Name: "theme", Kind: records.KindCodes, Class: records.Internal, Group: true,
			Codes: records.Codes{{Code: "violence"}, {Code: "elders"}}},
		{Name: "value", Kind: records.KindMoney, Class: records.Internal},
		{Name: "people", Kind: records.KindInteger, Class: records.Public},
	}
	return p
}

// entry is a history entry of action on day.
func entry(t *testing.T, do, day string) records.Entry {
	return records.Entry{Do: do, Date: date(t, day), By: "test"}
}

func declaredCase(t *testing.T, id, received string, fields records.Fields, history ...records.Entry) *records.Case {
	t.Helper()
	c := &records.Case{ID: id, Received: date(t, received), Status: "received", Fields: fields}
	c.History = append([]records.Entry{entry(t, records.ActCreate, received)}, history...)
	return c
}

func declaredCases(t *testing.T) []*records.Case {
	e := func(do, day string) records.Entry { return entry(t, do, day) }
	return []*records.Case{
		// pmrg: 4 cases in Q1, 3 completed, 10, 20 and 31 days after their referral
		declaredCase(t, "A", "2026-01-05", records.Fields{"program": {Scalar: "pmrg"}, "theme": {Codes: []string{"violence", "elders"}}, "value": {Scalar: "1234.50"}, "people": {Scalar: "3"}},
			e("refer", "2026-01-05"), e("complete", "2026-01-15")),
		declaredCase(t, "B", "2026-01-10", records.Fields{"program": {Scalar: "pmrg"}, "value": {Scalar: "0.05"}, "people": {Scalar: "2"}},
			e("refer", "2026-01-12"), e("complete", "2026-02-01"), e("complete", "2026-03-01")),
		declaredCase(t, "C", "2026-02-01", records.Fields{"program": {Scalar: "pmrg"}, "theme": {Codes: []string{"violence"}}, "value": {Scalar: "100"}},
			e("refer", "2026-02-01"), e("complete", "2026-03-04")),
		declaredCase(t, "D", "2026-03-31", records.Fields{"program": {Scalar: "pmrg"}},
			e("refer", "2026-03-31")),
		// paj: one case, never referred; a complete without refer does not count in a median
		declaredCase(t, "E", "2026-02-15", records.Fields{"program": {Scalar: "paj"}, "value": {Scalar: "-0.50"}},
			e("complete", "2026-02-20")),
		// no program
		declaredCase(t, "F", "2026-03-01", nil, e("refer", "2026-03-10"), e("complete", "2026-03-01")),
		// outside the period
		declaredCase(t, "G", "2025-12-31", records.Fields{"program": {Scalar: "pmrg"}, "value": {Scalar: "999.99"}}, e("refer", "2026-01-02")),
	}
}

func values(t *testing.T, vs Values) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, v := range vs {
		out[v.Measure.Spec] = v.Code()
	}
	return out
}

func TestComputeDeclaredNumbers(t *testing.T) {
	p := declaredProfile(t)
	def := &records.ReportDef{Name: "q", Rows: records.Dims{"program", "theme"},
		Measures: []string{"count", "sum:value", "sum:people", "rate:complete/refer", "median:refer..complete"}}
	r, err := ComputeDeclared(declaredCases(t), p, def, Quarter(2026, 1), false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Cases != 6 {
		t.Errorf("cases = %d, want 6 (G was received before the period)", r.Cases)
	}
	prog := r.Sections[0]
	var order []string
	for _, l := range prog.Lines {
		order = append(order, l.Value)
	}
	if got, want := order, []string{"pmrg", "paj", "unused", ""}; !slices.Equal(got, want) {
		t.Errorf("program rows = %q, want %q (every code, then the cases with none)", got, want)
	}
	for _, tt := range []struct {
		line int
		want map[string]string
	}{
		// pmrg: A B C D; sums 1234.50 + 0.05 + 100 = 1334.55; people 3+2; 3 of 4 referred
		// completed: 75.0; days refer→complete 10, 20, 31 (odd count): the middle one, 20
		{0, map[string]string{"count": "4", "sum:value": `"1334.55"`, "sum:people": "5", "rate:complete/refer": "75.0", "median:refer..complete": "20"}},
		// paj: E completed but never referred: no denominator, no median
		{1, map[string]string{"count": "1", "sum:value": `"-0.50"`, "sum:people": "0", "rate:complete/refer": "null", "median:refer..complete": "null"}},
		{2, map[string]string{"count": "0", "sum:value": `"0.00"`, "sum:people": "0", "rate:complete/refer": "null", "median:refer..complete": "null"}},
		// F: completed before it was referred: no complete on or after the referral
		{3, map[string]string{"count": "1", "sum:value": `"0.00"`, "sum:people": "0", "rate:complete/refer": "100.0", "median:refer..complete": "null"}},
	} {
		if got := values(t, prog.Lines[tt.line].Total); !maps.Equal(got, tt.want) {
			t.Errorf("line %q = %v, want %v", prog.Lines[tt.line].Value, got, tt.want)
		}
	}
	// the total: 6 cases, each once; 5 completed (E without a referral) over 5 referred
	want := map[string]string{"count": "6", "sum:value": `"1334.05"`, "sum:people": "5", "rate:complete/refer": "100.0", "median:refer..complete": "20"}
	if got := values(t, prog.Total.Total); !maps.Equal(got, want) {
		t.Errorf("total = %v, want %v", got, want)
	}
	// theme: A counts in violence and elders, C in violence; the total counts each case once
	theme := r.Sections[1]
	if got := values(t, theme.Lines[0].Total)["count"]; got != "2" {
		t.Errorf("violence count = %s, want 2", got)
	}
	if got := values(t, theme.Lines[1].Total)["count"]; got != "1" {
		t.Errorf("elders count = %s, want 1", got)
	}
	if got := values(t, theme.Total.Total)["count"]; got != "6" {
		t.Errorf("theme total = %s, want 6", got)
	}
	// an even count: A and C only (10 and 31 days): the mean of the two, 20.5
	two := &records.ReportDef{Name: "m", Rows: records.Dims{"program"}, Measures: []string{"median:refer..complete"}, Filter: map[string][]string{"theme": {"violence", "elders"}}}
	r2, err := ComputeDeclared(declaredCases(t), p, two, Quarter(2026, 1), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := values(t, r2.Sections[0].Total.Total)["median:refer..complete"]; got != "20.5" {
		t.Errorf("median A, C (10, 31) = %s, want 20.5", got)
	}
}

func TestMedianTenths(t *testing.T) {
	for _, tt := range []struct {
		days []int
		want string
	}{
		{[]int{5}, "5"}, {[]int{30, 10, 20}, "20"}, {[]int{10, 20}, "15"}, {[]int{10, 11}, "10.5"},
		{[]int{4, 1, 3, 2}, "2.5"}, {[]int{0, 0}, "0"},
	} {
		n, none := MedianTenths(tt.days)
		if none || TenthsString(n, false) != tt.want {
			t.Errorf("median %v = %s (none %v), want %s", tt.days, TenthsString(n, false), none, tt.want)
		}
	}
	if _, none := MedianTenths(nil); !none {
		t.Error("median of nothing: want none")
	}
}

func TestRateRoundsHalfUp(t *testing.T) {
	for _, tt := range []struct {
		num, den int
		want     string
	}{
		{1, 8, "12.5"}, {1, 3, "33.3"}, {2, 3, "66.7"}, {1, 16, "6.3"}, {0, 4, "0.0"}, {5, 4, "125.0"},
	} {
		v := &Value{Measure: records.Measure{Kind: records.MeasureRate}, num: tt.num, den: tt.den}
		v.finish()
		if v.Code() != tt.want {
			t.Errorf("rate %d/%d = %s, want %s", tt.num, tt.den, v.Code(), tt.want)
		}
	}
}

func TestParseCents(t *testing.T) {
	for s, want := range map[string]int64{"1234.50": 123450, "0.05": 5, "12": 1200, "-3.5": -350, "0.1": 10} {
		if got, err := ParseCents(s); err != nil || got != want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "1.234", "1,5", "12.", ".5", "abc", "1e3", "--1", "9999999999999999"} {
		if _, err := ParseCents(s); err == nil {
			t.Errorf("ParseCents(%q): want an error", s)
		}
	}
	// a tenth of a cent never appears: 0.10 + 0.20 is exactly 0.30
	if Cents(10+20) != "0.30" || Cents(-5) != "-0.05" || Cents(123456789) != "1234567.89" {
		t.Errorf("Cents: %s %s %s", Cents(30), Cents(-5), Cents(123456789))
	}
}

func TestComputeDeclaredColumnsAndPeriodByAction(t *testing.T) {
	p := declaredProfile(t)
	def := &records.ReportDef{Name: "c", Rows: records.Dims{"program"}, Columns: "theme", Period: "complete", Measures: []string{"count"}}
	r, err := ComputeDeclared(declaredCases(t), p, def, Month(2026, 3), false)
	if err != nil {
		t.Fatal(err)
	}
	// completed in March: B (again on 03-01), C, F
	if r.Cases != 3 {
		t.Errorf("cases = %d, want 3", r.Cases)
	}
	if !slices.Equal(r.ColumnValues, []string{"violence", "elders", ""}) {
		t.Errorf("columns = %q", r.ColumnValues)
	}
	b, err := json.Marshal(r.Sections[0].Lines[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"value":"pmrg","columns":{"violence":{"count":1},"elders":{"count":0},"":{"count":1}},"total":{"count":2}}`
	if string(b) != want {
		t.Errorf("pmrg line:\n got %s\nwant %s", b, want)
	}
}

func TestComputeDeclaredRefusesABadAmount(t *testing.T) {
	p := declaredProfile(t)
	def := &records.ReportDef{Name: "s", Rows: records.Dims{"program"}, Measures: []string{"sum:value"}}
	cases := []*records.Case{declaredCase(t, "2026-X", "2026-01-05", records.Fields{"value": {Scalar: "12,50"}})}
	_, err := ComputeDeclared(cases, p, def, Year(2026), false)
	if err == nil || err.Error() != `2026-X: fields.value: "12,50" is not an amount: write digits with at most two decimals (1234.50)` {
		t.Errorf("err = %v", err)
	}
}
