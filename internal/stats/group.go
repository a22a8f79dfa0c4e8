package stats

import (
	"time"

	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/store"
)

// Dimensions stats can group by. The last three bucket each measure by the date of its own
// event (received by the day received, closed by the day closed...).
var Dimensions = []string{"type", "status", "service", "area", "category", "flag", "channel", "language", "outcome", "ground", "routing", "year", "quarter", "month"}

// DimensionFields are the record fields behind the dimensions that are not dates. Statistics
// group only by public or internal fields (CheckGroupable), which purge never touches: a
// report of a past period counts the same after a purge.
var DimensionFields = map[string]string{
	"type": "type", "status": "status", "service": "respondent.service", "area": "incident.area",
	"category": "categories", "flag": "flags", "channel": "channel", "language": "language",
	"outcome": "disposition.outcome", "ground": "screening.grounds", "routing": "routing",
}

// CheckGroupable reports the dimensions whose field purge would remove (class personal or
// confidential) or that name no classified field: grouping by them would change past reports
// when files are disposed of. classOf is records.ClassOf.
func CheckGroupable(fields map[string]string, classOf func(string) (records.Class, bool)) []records.Problem {
	var out []records.Problem
	bad := func(d, format string, args ...any) {
		out = append(out, records.Problem{File: "dossier.yaml", Field: "stats dimension " + d, Msg: fmt.Sprintf(format, args...)})
	}
	for _, d := range Dimensions {
		if isTimeDim(d) {
			continue
		}
		f, ok := fields[d]
		if !ok {
			bad(d, "names no field of the record")
			continue
		}
		c, ok := classOf(f)
		switch {
		case !ok:
			bad(d, "%s is not a field of the record", f)
		case c.Removable():
			bad(d, "%s is %s and purge removes it: statistics group only by public or internal fields", f, c)
		}
	}
	return out
}

// Measures, in output order.
var Measures = []string{"received", "screened_in", "screened_out", "closed", "open_at_end", "median_days", "p90_days"}

// Row is one group of the stats: its values for each dimension and its measures.
type Row struct {
	Dims                                                 []string // names, as asked
	Values                                               []string // one per dimension ("" when the case has none)
	Received, ScreenedIn, ScreenedOut, Closed, OpenAtEnd int
	MedianDays, P90Days                                  int
	days                                                 []int
}

// Counts lists the measures in the order of Measures.
func (r *Row) Counts() []int {
	return []int{r.Received, r.ScreenedIn, r.ScreenedOut, r.Closed, r.OpenAtEnd, r.MedianDays, r.P90Days}
}

// MarshalJSON writes the dimensions then the measures, in order.
func (r *Row) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, d := range r.Dims {
		k, _ := json.Marshal(d)
		v, _ := json.Marshal(r.Values[i])
		fmt.Fprintf(&b, "%s:%s,", k, v)
	}
	for i, m := range Measures {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%d", m, r.Counts()[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// CheckDimensions refuses a dimension stats does not know: one of Dimensions or a groupable
// declared field of p (p may be nil: Dimensions only).
func CheckDimensions(by []string, p *records.Profile) error {
	for _, d := range by {
		if d == "location" {
			return fmt.Errorf("location is free text, confidential and removed by purge: group by area (the incident's municipality or region)")
		}
		if slices.Contains(Dimensions, d) {
			continue
		}
		if p != nil && p.Fields.Find(d) != nil {
			if _, err := p.GroupField(d); err != nil {
				return err
			}
			continue
		}
		all := Dimensions
		if p != nil {
			all = append(slices.Clip(Dimensions), p.GroupFieldNames()...)
		}
		return fmt.Errorf("unknown field %q%s: group by %s", d, records.Suggest(d, all), strings.Join(all, ", "))
	}
	return nil
}

// AllDimensions are Dimensions followed by the groupable declared fields of p.
func AllDimensions(p *records.Profile) []string {
	return append(slices.Clip(Dimensions), p.GroupFieldNames()...)
}

// CheckFieldDimensions reports the groupable declared fields named like a dimension stats
// already has: --by NAME would group by the case's own field, never by the declared one.
func CheckFieldDimensions(p *records.Profile) []records.Problem {
	var out []records.Problem
	for _, f := range p.GroupFields() {
		if slices.Contains(Dimensions, f.Name) || f.Name == "location" {
			out = append(out, records.Problem{File: "dossier.yaml", Line: f.Line, Field: "fields." + f.Name,
				Msg: fmt.Sprintf("%s is already a statistics dimension of the case (stats --by %s): give the declared field another name", f.Name, f.Name)})
		}
	}
	return out
}

func isTimeDim(d string) bool { return d == "year" || d == "quarter" || d == "month" }

// singleValue is the value of a dimension that has exactly one for every case (the case's own
// coded fields), without allocating; false for the others (see caseValues).
func singleValue(c *records.Case, dim string) (string, bool) {
	switch dim {
	case "type":
		return c.Type, true
	case "status":
		return c.Status, true
	case "service":
		return c.Service(), true
	case "area":
		return c.Area(), true
	case "channel":
		return c.Channel, true
	case "language":
		return c.Language, true
	case "outcome":
		return c.Outcome(), true
	case "routing":
		return c.Routing, true
	}
	return "", false
}

// caseValues are the values of a non-time dimension for a case (several for categories,
// flags, grounds and a declared codes field; one "" when it has none).
func caseValues(c *records.Case, dim string) []string {
	if v, ok := singleValue(c, dim); ok {
		return []string{v}
	}
	many := func(s []string) []string {
		if len(s) == 0 {
			return []string{""}
		}
		return uniq(s)
	}
	switch dim {
	case "category":
		return many(c.Categories)
	case "flag":
		return many(c.Flags)
	case "ground":
		if c.Screening == nil {
			return []string{""}
		}
		return many(c.Screening.Grounds)
	}
	// A groupable declared field (CheckDimensions): its code, or each of its codes.
	return many(c.Field(dim).Values())
}

// appendTimeValue appends timeValue(dim, d) without allocating.
func appendTimeValue(b []byte, dim string, d records.Date) []byte {
	b = strconv.AppendInt(b, int64(d.Year), 10)
	switch dim {
	case "year":
		return b
	case "quarter":
		return append(b, '-', 'Q', byte('0'+(int(d.Month)+2)/3))
	}
	if d.Month < 10 {
		return append(b, '-', '0', byte('0'+d.Month))
	}
	return append(b, '-', '1', byte('0'+d.Month-10))
}

func timeValue(dim string, d records.Date) string {
	switch dim {
	case "year":
		return fmt.Sprintf("%04d", d.Year)
	case "quarter":
		return fmt.Sprintf("%04d-Q%d", d.Year, (int(d.Month)+2)/3)
	}
	return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
}

// buckets cuts the period by the finest time dimension asked (the whole period when none).
func buckets(period Period, by []string) []Period {
	finest := ""
	for _, k := range []string{"year", "quarter", "month"} {
		if slices.Contains(by, k) {
			finest = k
		}
	}
	if finest == "" {
		return []Period{period}
	}
	var out []Period
	d := period.From
	for !d.After(period.To) {
		var b Period
		switch finest {
		case "year":
			b = Year(int(d.Year))
		case "quarter":
			b = Quarter(int(d.Year), (int(d.Month)+2)/3)
		default:
			b = Month(int(d.Year), time.Month(d.Month))
		}
		if b.From.Before(period.From) {
			b.From = period.From
		}
		if b.To.After(period.To) {
			b.To = period.To
		}
		out = append(out, b)
		d = b.To.AddDays(1)
	}
	return out
}

// Group counts the cases of the period grouped by the dimensions in by (none: one row of
// totals): Dimensions or the groupable declared fields of p. A case with several categories
// (flags, grounds, codes of a declared codes field) counts once in each.
//
// Measures: received (received in the period), screened_in / screened_out (screening decision
// in the period), closed (closed at the end of the period and last closed within it),
// open_at_end (received and not closed at the end of the period), median_days / p90_days
// (days from received to closed of the closed ones, nearest rank). With year, quarter or
// month, each measure falls in the bucket of its own date and open_at_end is at the end of
// each bucket.
func Group(cases []*records.Case, p *records.Profile, period Period, by []string) ([]*Row, error) {
	if err := CheckDimensions(by, p); err != nil {
		return nil, err
	}
	g := NewGrouper(by)
	facts := make([]GroupCase, len(cases))
	store.Parallel(len(cases), func(i int) { facts[i] = g.Facts(cases[i]) })
	for _, f := range facts {
		g.Add(f)
	}
	return g.Rows(p, period)
}

// A Grouper is Group for a caller that reads the cases one at a time without holding them
// (store.EachSummary): Facts takes what Group counts of a case (on all cores), Add keeps it,
// Rows counts. by must have passed CheckDimensions.
type Grouper struct {
	by     []string
	cases  [][]GroupCase // in blocks: a million cases are never copied to grow one slice
	mu     sync.RWMutex
	combos map[string][][]string // one shared copy of each set of value tuples, by comboKey
}

const groupBlock = 4096

// GroupCase is what Group counts of one case: the value tuples of its non-time dimensions,
// the day it was received, its screening and the days it was closed and reopened.
type GroupCase struct {
	combos    [][]string
	received  records.Date
	decided   records.Date
	decision  string
	changes   []change
	screening bool
}

func NewGrouper(by []string) *Grouper { return &Grouper{by: by, combos: map[string][][]string{}} }

// Facts is what Group counts of c (nothing of c is kept); safe on all cores.
func (g *Grouper) Facts(c *records.Case) GroupCase {
	f := GroupCase{received: c.Received}
	if c.Received.IsZero() {
		return f // never counted
	}
	var values [4]string
	buf := [1][]string{values[:0]}
	f.combos = g.shared(combinations(c, g.by, buf[:]))
	if s := c.Screening; s != nil {
		f.screening, f.decision, f.decided = true, s.Decision, s.Decided
	}
	var facts facts
	facts.read(c, false) // only the changes: nothing else of the facts is allocated
	f.changes = slices.Clip(facts.changes)
	return f
}

// shared is the one copy of combos the grouper keeps (combos may be reused by the caller).
func (g *Grouper) shared(combos [][]string) [][]string {
	var kb [128]byte
	key := comboKey(kb[:0], combos)
	g.mu.RLock()
	out, ok := g.combos[string(key)]
	g.mu.RUnlock()
	if ok {
		return out
	}
	out = make([][]string, len(combos))
	for i, keys := range combos {
		out[i] = slices.Clip(slices.Clone(keys))
	}
	g.mu.Lock()
	if prev, ok := g.combos[string(key)]; ok {
		out = prev
	} else if len(g.combos) < 1<<16 {
		g.combos[string(key)] = out
	}
	g.mu.Unlock()
	return out
}

// comboKey appends to b an encoding of combos no other set of tuples has: each tuple and each
// value by its length.
func comboKey(b []byte, combos [][]string) []byte {
	for _, keys := range combos {
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = append(binary.AppendUvarint(b, uint64(len(k))), k...)
		}
	}
	return b
}

// Add keeps f, counted by Rows; one caller at a time.
func (g *Grouper) Add(f GroupCase) {
	if n := len(g.cases); n == 0 || len(g.cases[n-1]) == groupBlock {
		g.cases = append(g.cases, make([]GroupCase, 0, groupBlock))
	}
	last := &g.cases[len(g.cases)-1]
	*last = append(*last, f)
}

// Reset forgets every case added.
func (g *Grouper) Reset() { g.cases = nil }

// all lists the cases added, in order.
func (g *Grouper) all() iter.Seq[*GroupCase] {
	return func(yield func(*GroupCase) bool) {
		for _, b := range g.cases {
			for i := range b {
				if !yield(&b[i]) {
					return
				}
			}
		}
	}
}

// Rows are the rows of Group over the cases added. The cases are counted on all cores, each
// core a run of them, and the counts merged in the order of the runs: the rows first appear,
// and their days are listed, as in one pass (counting a million cases on one core was a
// tenth of a warm stats).
func (g *Grouper) Rows(p *records.Profile, period Period) ([]*Row, error) {
	return g.rowsIn(p, period, runtime.GOMAXPROCS(0)), nil
}

// rowsIn is Rows counted in at most runs runs.
func (g *Grouper) rowsIn(p *records.Profile, period Period, runs int) []*Row {
	by := g.by
	bks := buckets(period, by)
	parts := make([]*rowCounter, max(1, min(runs, len(g.cases))))
	var wg sync.WaitGroup
	for k := range parts {
		parts[k] = &rowCounter{by: by, bks: bks, period: period, rows: map[string]*Row{}}
		wg.Go(func() {
			for _, block := range g.cases[k*len(g.cases)/len(parts) : (k+1)*len(g.cases)/len(parts)] {
				for i := range block {
					parts[k].count(&block[i])
				}
			}
		})
	}
	wg.Wait()
	all := parts[0]
	for _, part := range parts[1:] {
		all.merge(part)
	}
	order := all.order
	if len(by) == 0 && len(order) == 0 {
		order = append(order, &Row{})
	}
	for _, r := range order {
		r.MedianDays, r.P90Days = Percentile(r.days, 50), Percentile(r.days, 90)
	}
	slices.SortStableFunc(order, func(a, b *Row) int {
		for i, d := range by {
			if c := compareValues(p, d, a.Values[i], b.Values[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return order
}

// rowCounter counts cases into the rows of Group (Grouper.Rows), by the value tuples and
// buckets each falls in.
type rowCounter struct {
	by     []string
	bks    []Period
	period Period
	rows   map[string]*Row
	order  []*Row   // in the order they first appear
	keys   []string // order[i]'s key in rows
	key    []byte   // reused: a row is looked up without allocating, created on a miss
}

func (rc *rowCounter) get(keys []string, b Period) *Row {
	rc.key = rc.key[:0]
	k := 0
	for i, d := range rc.by {
		if i > 0 {
			rc.key = append(rc.key, 0)
		}
		if isTimeDim(d) {
			rc.key = appendTimeValue(rc.key, d, b.From)
		} else {
			rc.key = append(rc.key, keys[k]...)
			k++
		}
	}
	if r, ok := rc.rows[string(rc.key)]; ok {
		return r
	}
	values := make([]string, len(rc.by))
	k = 0
	for i, d := range rc.by {
		if isTimeDim(d) {
			values[i] = timeValue(d, b.From)
		} else {
			values[i] = keys[k]
			k++
		}
	}
	r := &Row{Dims: rc.by, Values: values}
	rc.rows[string(rc.key)] = r
	rc.order = append(rc.order, r)
	rc.keys = append(rc.keys, string(rc.key))
	return r
}

func (rc *rowCounter) bucketOf(d records.Date) (Period, bool) {
	for _, b := range rc.bks {
		if b.Contains(d) {
			return b, true
		}
	}
	return Period{}, false
}

// count counts one case.
func (rc *rowCounter) count(c *GroupCase) {
	if c.received.IsZero() || c.received.After(rc.period.To) {
		return
	}
	f := &facts{changes: c.changes}
	for _, keys := range c.combos {
		if b, ok := rc.bucketOf(c.received); ok {
			rc.get(keys, b).Received++
		}
		if c.screening {
			if b, ok := rc.bucketOf(c.decided); ok {
				switch c.decision {
				case "in":
					rc.get(keys, b).ScreenedIn++
				case "out":
					rc.get(keys, b).ScreenedOut++
				}
			}
		}
		var seen []records.Date // buckets already counted (a case closes in few)
		for _, ch := range f.changes {
			b, ok := rc.bucketOf(ch.date)
			if !ok || !ch.closed || slices.Contains(seen, b.From) {
				continue
			}
			seen = append(seen, b.From)
			if last, ok := f.closedIn(b); ok {
				r := rc.get(keys, b)
				r.Closed++
				r.days = append(r.days, c.received.DaysUntil(last.date))
			}
		}
		for _, b := range rc.bks {
			if !c.received.After(b.To) {
				if closed, _ := f.closedAt(b.To); !closed {
					rc.get(keys, b).OpenAtEnd++
				}
			}
		}
	}
}

// merge adds the counts of next, which counted the cases after rc's.
func (rc *rowCounter) merge(next *rowCounter) {
	for i, r := range next.order {
		mine, ok := rc.rows[next.keys[i]]
		if !ok {
			rc.rows[next.keys[i]] = r
			rc.order = append(rc.order, r)
			rc.keys = append(rc.keys, next.keys[i])
			continue
		}
		mine.Received += r.Received
		mine.ScreenedIn += r.ScreenedIn
		mine.ScreenedOut += r.ScreenedOut
		mine.Closed += r.Closed
		mine.OpenAtEnd += r.OpenAtEnd
		mine.days = append(mine.days, r.days...)
	}
}

// combinations are the value tuples of the non-time dimensions of a case. buf is reused for
// the common case of one tuple (no category, flag or ground dimension, or one value each).
func combinations(c *records.Case, by []string, buf [][]string) [][]string {
	single := buf[:1]
	single[0] = single[0][:0]
	for _, d := range by {
		if isTimeDim(d) {
			continue
		}
		if v, ok := singleValue(c, d); ok {
			single[0] = append(single[0], v)
			continue
		}
		vs := caseValues(c, d)
		if len(vs) != 1 {
			return combinationsOf(c, by)
		}
		single[0] = append(single[0], vs[0])
	}
	return single
}

func combinationsOf(c *records.Case, by []string) [][]string {
	out := [][]string{{}}
	for _, d := range by {
		if isTimeDim(d) {
			continue
		}
		var next [][]string
		for _, prefix := range out {
			for _, v := range caseValues(c, d) {
				next = append(next, append(slices.Clone(prefix), v))
			}
		}
		out = next
	}
	return out
}

// compareValues orders codes the way the profile lists them, other values alphabetically,
// and the empty value last.
func compareValues(p *records.Profile, dim, a, b string) int {
	if a == b {
		return 0
	}
	if a == "" {
		return 1
	}
	if b == "" {
		return -1
	}
	cs, _ := p.Taxonomy(dim) // a dimension with no codes sorts alphabetically
	ia, ib := slices.Index(cs.List(), a), slices.Index(cs.List(), b)
	switch {
	case ia >= 0 && ib >= 0:
		return ia - ib
	case ia >= 0:
		return -1
	case ib >= 0:
		return 1
	}
	return strings.Compare(a, b)
}
