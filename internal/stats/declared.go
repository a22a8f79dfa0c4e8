package stats

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// A declared report (the profile's reports:) is a count table: the cases of the period, one
// section per rows dimension, each line a value of it, each cell the measures of the cases
// with that value (and the column's, when the report has columns). A case with several values
// (themes, the partners it was referred to) counts once in each; the totals count it once.

// Declared is a declared report computed. Its JSON form is a contract: codes, never labels,
// and keys that only grow.
type Declared struct {
	Report       string              `json:"report"`
	From         records.Date        `json:"from,omitzero"`
	To           records.Date        `json:"to,omitzero"`
	PeriodBy     string              `json:"period_by"`
	Filter       map[string][]string `json:"filter,omitempty"`
	Columns      string              `json:"columns,omitempty"`
	ColumnValues []string            `json:"column_values,omitempty"`
	Measures     []string            `json:"measures"`
	Cases        int                 `json:"cases"` // in the period, after the filter
	Sections     []*DeclaredSection  `json:"sections"`
}

// DeclaredSection is the table of one rows dimension.
type DeclaredSection struct {
	Rows  string          `json:"rows"`
	Lines []*DeclaredLine `json:"lines"`
	Total DeclaredTotals  `json:"total"` // every case of the report once
}

// DeclaredLine is the line of one value of the rows dimension ("" for the cases with none).
type DeclaredLine struct {
	Value string `json:"value"`
	DeclaredTotals
}

// DeclaredTotals are the measures of a line by column value (none without columns) and over
// every column.
type DeclaredTotals struct {
	Columns Keyed[Values] `json:"columns,omitempty"`
	Total   Values        `json:"total"`
}

// Values are the measures of one cell, in the report's order.
type Values []*Value

// Value is one measure of one cell. N is the count or the sum (cents for money); Tenths the
// rate (tenths of a percent) or the median (tenths of a day); None a rate with no case in its
// denominator or a median with no case that took both actions.
type Value struct {
	Measure records.Measure
	Money   bool
	N       int64
	Tenths  int64
	None    bool
	num     int
	den     int
	days    []int
}

// MarshalJSON writes the values as an object keyed by measure, in order: a count or an
// integer sum as a number, a money sum as an exact decimal string ("1234.50"), a rate or a
// median as a number with one decimal, null when there is none.
func (vs Values) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(v.Measure.Spec)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(v.Code())
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Code is the value as JSON writes it.
func (v *Value) Code() string {
	switch {
	case v.None:
		return "null"
	case v.Measure.Kind == records.MeasureSum && v.Money:
		return strconv.Quote(Cents(v.N))
	case v.Measure.Kind == records.MeasureRate, v.Measure.Kind == records.MeasureMedian:
		return TenthsString(v.Tenths, v.Measure.Kind == records.MeasureRate)
	}
	return strconv.FormatInt(v.N, 10)
}

// Plain is the value as CSV writes it: Code without quotes, and empty for none.
func (v *Value) Plain() string {
	switch {
	case v.None:
		return ""
	case v.Measure.Kind == records.MeasureSum && v.Money:
		return Cents(v.N)
	}
	return v.Code()
}

// Cents writes an amount in cents as the canonical decimal: 1234.50, -0.05.
func Cents(n int64) string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-n)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// TenthsString writes tenths with one decimal (12.5, 50.0), or with none when the tenths are
// zero and keep is false (a median of 12 days).
func TenthsString(t int64, keep bool) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	if t%10 == 0 && !keep {
		return fmt.Sprintf("%s%d", sign, t/10)
	}
	return fmt.Sprintf("%s%d.%d", sign, t/10, t%10)
}

// ParseCents reads a money value ("1234.50", "12", "-3.5") into cents exactly.
func ParseCents(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(body, ".")
	if whole == "" || (dot && (frac == "" || len(frac) > 2)) || strings.Trim(whole+frac, "0123456789") != "" || len(whole) > 15 {
		return 0, fmt.Errorf("%q is not an amount: write digits with at most two decimals (1234.50)", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount: %v", s, err)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// caseFacts are what one case adds to every cell it falls in, per measure.
type caseFacts struct {
	n    []int64 // sum (or 1 for count)
	took [][2]bool
	days []int // -1: not both
}

func (v *Value) add(f *caseFacts, i int) {
	switch v.Measure.Kind {
	case records.MeasureCount, records.MeasureSum:
		v.N += f.n[i]
	case records.MeasureRate:
		if f.took[i][0] {
			v.num++
		}
		if f.took[i][1] {
			v.den++
		}
	case records.MeasureMedian:
		if f.days[i] >= 0 {
			v.days = append(v.days, f.days[i])
		}
	}
}

func (v *Value) finish() {
	switch v.Measure.Kind {
	case records.MeasureRate:
		if v.den == 0 {
			v.None = true
			return
		}
		// tenths of a percent, rounded half up, in integers: no float ever touches a figure
		v.Tenths = (2000*int64(v.num) + int64(v.den)) / (2 * int64(v.den))
	case records.MeasureMedian:
		v.Tenths, v.None = MedianTenths(v.days)
	}
}

// MedianTenths is the median of days in tenths of a day: the middle value of an odd count,
// the mean of the two middle values of an even one; none when there is no value.
func MedianTenths(days []int) (int64, bool) {
	if len(days) == 0 {
		return 0, true
	}
	s := slices.Clone(days)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return int64(s[n/2]) * 10, false
	}
	return int64(s[n/2-1]+s[n/2]) * 5, false
}

// firstOn is the day of the first history entry of action on or after from (any day when from
// is zero); received is the day the case was received.
func firstOn(c *records.Case, action string, from records.Date) (records.Date, bool) {
	if action == records.PeriodReceived {
		if c.Received.IsZero() || (!from.IsZero() && c.Received.Before(from)) {
			return records.Date{}, false
		}
		return c.Received, true
	}
	for _, e := range c.History {
		if e.Do != action {
			continue
		}
		d := records.EntryDate(e)
		if d.IsZero() || (!from.IsZero() && d.Before(from)) {
			continue
		}
		return d, true
	}
	return records.Date{}, false
}

// inPeriod reports whether the case's period date falls in the period: the day received, or
// the day of any entry of the action.
func inPeriod(c *records.Case, by string, period Period) bool {
	if by == records.PeriodReceived {
		return period.Contains(c.Received)
	}
	for _, e := range c.History {
		if e.Do == by && period.Contains(records.EntryDate(e)) {
			return true
		}
	}
	return false
}

// kept reports whether the case passes the report's filter.
func kept(c *records.Case, filter map[string][]string) bool {
	for dim, codes := range filter {
		if !slices.ContainsFunc(records.DimensionValues(c, dim), func(v string) bool { return slices.Contains(codes, v) }) {
			return false
		}
	}
	return true
}

// InDeclared tells whether ComputeDeclared of def over period (whole: every case) counts c:
// in the period, through the report's filter (a reader keeps only those).
func InDeclared(def *records.ReportDef, period Period, whole bool) func(*records.Case) bool {
	by := def.PeriodBy()
	return func(c *records.Case) bool { return (whole || inPeriod(c, by, period)) && kept(c, def.Filter) }
}

// ComputeDeclared computes the declared report def over cases, for the period when whole is
// false (every case otherwise). Rates and medians read each case's whole history: the share
// of the cases received in a quarter that completed their measure, as of today. def must pass
// CheckReports; a money or integer value that does not parse is an error naming the case.
func ComputeDeclared(cases []*records.Case, p *records.Profile, def *records.ReportDef, period Period, whole bool) (*Declared, error) {
	measures := def.ParsedMeasures()
	r := &Declared{Report: def.Name, PeriodBy: def.PeriodBy(), Filter: def.Filter, Columns: def.Columns}
	if !whole {
		r.From, r.To = period.From, period.To
	}
	for _, m := range measures {
		r.Measures = append(r.Measures, m.Spec)
	}
	money := make([]bool, len(measures))
	for i, m := range measures {
		if m.Kind == records.MeasureSum {
			if f := p.Fields.Find(m.Field); f != nil && f.Kind == records.KindMoney {
				money[i] = true
			}
		}
	}
	var scope []*records.Case
	var facts []*caseFacts
	inScope := InDeclared(def, period, whole)
	for _, c := range cases {
		if !inScope(c) {
			continue
		}
		f, err := declaredFacts(c, measures, money)
		if err != nil {
			return nil, err
		}
		scope = append(scope, c)
		facts = append(facts, f)
	}
	r.Cases = len(scope)
	newValues := func() Values {
		vs := make(Values, len(measures))
		for i, m := range measures {
			vs[i] = &Value{Measure: m, Money: money[i]}
		}
		return vs
	}
	addAll := func(vs Values, f *caseFacts) {
		for i, v := range vs {
			v.add(f, i)
		}
	}
	var columns []string
	if def.Columns != "" {
		columns = dimensionOrder(p, def.Columns, scope)
		r.ColumnValues = columns
	}
	newTotals := func() DeclaredTotals {
		t := DeclaredTotals{Total: newValues()}
		for _, col := range columns {
			t.Columns = append(t.Columns, KV[Values]{Key: col, Value: newValues()})
		}
		return t
	}
	addTotals := func(t *DeclaredTotals, c *records.Case, f *caseFacts) {
		addAll(t.Total, f)
		if def.Columns == "" {
			return
		}
		for _, col := range valuesOrNone(c, def.Columns) {
			vs, _ := t.Columns.Get(col)
			addAll(vs, f)
		}
	}
	for _, dim := range def.Rows {
		s := &DeclaredSection{Rows: dim, Total: newTotals()}
		index := map[string]*DeclaredLine{}
		for _, v := range dimensionOrder(p, dim, scope) {
			l := &DeclaredLine{Value: v, DeclaredTotals: newTotals()}
			index[v] = l
			s.Lines = append(s.Lines, l)
		}
		for i, c := range scope {
			addTotals(&s.Total, c, facts[i])
			for _, v := range valuesOrNone(c, dim) {
				addTotals(&index[v].DeclaredTotals, c, facts[i])
			}
		}
		finishTotals(&s.Total)
		for _, l := range s.Lines {
			finishTotals(&l.DeclaredTotals)
		}
		r.Sections = append(r.Sections, s)
	}
	return r, nil
}

func finishTotals(t *DeclaredTotals) {
	for _, v := range t.Total {
		v.finish()
	}
	for _, kv := range t.Columns {
		for _, v := range kv.Value {
			v.finish()
		}
	}
}

// declaredFacts is what case c adds to a cell, per measure.
func declaredFacts(c *records.Case, measures []records.Measure, money []bool) (*caseFacts, error) {
	f := &caseFacts{n: make([]int64, len(measures)), took: make([][2]bool, len(measures)), days: make([]int, len(measures))}
	for i, m := range measures {
		f.days[i] = -1
		switch m.Kind {
		case records.MeasureCount:
			f.n[i] = 1
		case records.MeasureSum:
			s := c.Field(m.Field).Scalar
			if s == "" {
				continue
			}
			var err error
			if money[i] {
				f.n[i], err = ParseCents(s)
			} else {
				f.n[i], err = strconv.ParseInt(s, 10, 64)
				if err != nil {
					err = fmt.Errorf("%q is not a whole number", s)
				}
			}
			if err != nil {
				return nil, fmt.Errorf("%s: fields.%s: %v", c.ID, m.Field, err)
			}
		case records.MeasureRate:
			_, a := firstOn(c, m.A, records.Date{})
			_, b := firstOn(c, m.B, records.Date{})
			f.took[i] = [2]bool{a, b}
		case records.MeasureMedian:
			from, ok := firstOn(c, m.A, records.Date{})
			if !ok {
				continue
			}
			if to, ok := firstOn(c, m.B, from); ok {
				f.days[i] = from.DaysUntil(to)
			}
		}
	}
	return f, nil
}

// valuesOrNone are the case's values of dim, or "" when it has none.
func valuesOrNone(c *records.Case, dim string) []string {
	if vs := records.DimensionValues(c, dim); len(vs) > 0 {
		return vs
	}
	return []string{""}
}

// dimensionOrder lists the values of a dimension a report shows: every code of its list, in
// the profile's order (0 when no case has it), then the other values found, sorted, then ""
// when a case has none.
func dimensionOrder(p *records.Profile, dim string, cases []*records.Case) []string {
	codes, _ := p.DimensionCodes(dim)
	out := codes.List()
	var extra []string
	none := false
	for _, c := range cases {
		vs := records.DimensionValues(c, dim)
		if len(vs) == 0 {
			none = true
		}
		for _, v := range vs {
			if !slices.Contains(out, v) && !slices.Contains(extra, v) {
				extra = append(extra, v)
			}
		}
	}
	slices.SortFunc(extra, compareNumeric)
	out = append(out, extra...)
	if none {
		out = append(out, "")
	}
	return out
}

// compareNumeric orders whole numbers by value (9 before 10), anything else alphabetically.
func compareNumeric(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}
