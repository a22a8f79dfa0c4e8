package merge

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"go.yaml.in/yaml/v3"
)

// The semantic merge of one case (the git merge driver): a three-way merge on the typed Case,
// field by field. A field changed on one side only takes that side; changed the same way on
// both, fine; changed differently on both, a conflict. Lists merge by identity (history by
// entry, referrals by partner and date sent, requests by item and date sent, officers by name
// and badge; categories, flags and the like as sets). The status is derived again from the
// merged history. The result does not depend on which side is "ours": only comments, which
// are taken from ours first, then from theirs where ours has none.

// Conflict is a field both sides changed differently. Ours and Theirs are the two values as
// YAML flow text, "(absent)" where a side has no such field or list item.
type Conflict struct {
	Field  string
	Ours   string
	Theirs string
	Why    string // more about it, when the values alone do not say (e.g. an invalid history)
}

// Withheld is c with the two values replaced by what they are, when the field is personal or
// confidential (or a history entry, whose detail is): conflict explanations reach stderr and CI
// logs, so they name the field and what differs, never such a value. `check --show-values`
// shows them on a terminal to the person resolving the conflict.
func (c Conflict) Withheld() Conflict {
	class, ok := records.ClassOf(c.Field)
	if ok && !class.Removable() && !strings.HasPrefix(c.Field, "history") {
		return c
	}
	if !ok {
		class = records.Confidential
	}
	w := fmt.Sprintf("(a %s value, withheld: dossier check --show-values on a terminal shows it)", class)
	if c.Ours != "(absent)" {
		c.Ours = w
	}
	if c.Theirs != "(absent)" {
		c.Theirs = w
	}
	return c
}

func (c Conflict) String() string {
	s := fmt.Sprintf("%s: changed differently on the two sides: ours %s, theirs %s", c.Field, c.Ours, c.Theirs)
	if c.Why != "" {
		s += " (" + c.Why + ")"
	}
	return s
}

const absent = "(absent)"

// MergeCases merges ours and theirs, both descended from base. A nil base means the two sides
// have no common ancestor (the same case added on both branches): every field they disagree
// on is a conflict, and lists are united. It returns the merged case resolved with ours'
// values at each conflict and the same case resolved with theirs' values: they are equal when
// there is no conflict.
func MergeCases(base, ours, theirs *records.Case, p *records.Profile) (resolvedOurs, resolvedTheirs *records.Case, conflicts []Conflict) {
	m := &merger{profile: p}
	var b records.Case
	if base != nil {
		b = *base
	}
	bo, bt := NormalizedCase(b), NormalizedCase(*ours)
	btt := NormalizedCase(*theirs)
	ro, rt := m.value("", reflect.ValueOf(bo), reflect.ValueOf(bt), reflect.ValueOf(btt))
	co, ct := ro.Interface().(records.Case), rt.Interface().(records.Case)
	m.status(&co, &ct, &bt, &btt)
	return &co, &ct, m.conflicts
}

// DiffCases lists the fields where a and b differ, as conflicts with a as ours and b as theirs
// (check uses it to say what each block of a conflicted file is about).
func DiffCases(a, b *records.Case) []Conflict {
	m := &merger{diff: true}
	m.value("", reflect.ValueOf(NormalizedCase(*a)), reflect.ValueOf(NormalizedCase(*a)), reflect.ValueOf(NormalizedCase(*b)))
	if a.Status != b.Status {
		m.conflict("status", reflect.ValueOf(a.Status), reflect.ValueOf(b.Status), "")
	}
	return m.conflicts
}

type merger struct {
	diff      bool             // report every difference between ours and theirs; base is ignored
	profile   *records.Profile // whose workflow derives the merged status
	conflicts []Conflict
}

func (m *merger) conflict(path string, o, t reflect.Value, why string) {
	m.conflicts = append(m.conflicts, Conflict{Field: path, Ours: renderValue(o), Theirs: renderValue(t), Why: why})
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	entryType         = reflect.TypeFor[records.Entry]()
)

func isScalar(t reflect.Type) bool {
	return t.Kind() == reflect.String || t.Implements(textMarshalerType)
}

func same(a, b reflect.Value) bool { return reflect.DeepEqual(a.Interface(), b.Interface()) }

// value merges one field; b, o, t have the same type. It returns the value resolved with
// ours' choice at each conflict inside it, and the one with theirs' choice.
func (m *merger) value(path string, b, o, t reflect.Value) (reflect.Value, reflect.Value) {
	if same(o, t) {
		return o, o
	}
	if !m.diff {
		if same(b, o) {
			return t, t
		}
		if same(b, t) {
			return o, o
		}
	}
	typ := o.Type()
	switch {
	case typ == fieldsType:
		ro, rt := m.fields(path, b.Interface().(records.Fields), o.Interface().(records.Fields), t.Interface().(records.Fields))
		return reflect.ValueOf(ro), reflect.ValueOf(rt)
	case isScalar(typ):
		m.conflict(path, o, t, "")
		return o, t
	case typ.Kind() == reflect.Pointer:
		if o.IsNil() || t.IsNil() {
			m.conflict(path, o, t, "")
			return o, t
		}
		be := reflect.New(typ.Elem()).Elem()
		if !b.IsNil() && !m.diff {
			be = b.Elem()
		}
		ro, rt := m.value(path, be, o.Elem(), t.Elem())
		po, pt := reflect.New(typ.Elem()), reflect.New(typ.Elem())
		po.Elem().Set(ro)
		pt.Elem().Set(rt)
		return po, pt
	case typ.Kind() == reflect.Struct:
		ro, rt := reflect.New(typ).Elem(), reflect.New(typ).Elem()
		for i := range typ.NumField() {
			name := records.FieldName(typ.Field(i))
			if typ == reflect.TypeFor[records.Case]() && name == "status" {
				continue // derived from the merged history afterwards
			}
			fo, ft := m.value(records.JoinPath(path, name), b.Field(i), o.Field(i), t.Field(i))
			ro.Field(i).Set(fo)
			rt.Field(i).Set(ft)
		}
		return ro, rt
	case typ.Kind() == reflect.Slice && typ.Elem() == entryType:
		ho, ht := m.history(path, b.Interface().([]records.Entry), o.Interface().([]records.Entry), t.Interface().([]records.Entry))
		return reflect.ValueOf(ho), reflect.ValueOf(ht)
	case typ.Kind() == reflect.Slice && isScalar(typ.Elem()):
		if m.diff {
			m.conflict(path, o, t, "")
			return o, t
		}
		r := mergeSet(b, o, t)
		return r, r
	case typ.Kind() == reflect.Slice && identityOf(typ.Elem()) != nil:
		return m.list(path, b, o, t)
	}
	m.conflict(path, o, t, "")
	return o, t
}

// mergeSet merges lists of values as sets: an element stays when both sides kept it, and is
// added when either side added it. Kept elements keep the base's order; added ones follow in
// sorted order, whichever side added them.
func mergeSet(b, o, t reflect.Value) reflect.Value {
	has := func(s reflect.Value) map[any]bool {
		m := map[any]bool{}
		for i := range s.Len() {
			m[s.Index(i).Interface()] = true
		}
		return m
	}
	inB, inO, inT := has(b), has(o), has(t)
	out := reflect.MakeSlice(o.Type(), 0, o.Len()+t.Len())
	seen := map[any]bool{}
	for i := range b.Len() {
		x := b.Index(i).Interface()
		if inO[x] && inT[x] && !seen[x] {
			seen[x] = true
			out = reflect.Append(out, b.Index(i))
		}
	}
	var added []reflect.Value
	for _, s := range []reflect.Value{o, t} {
		for i := range s.Len() {
			x := s.Index(i).Interface()
			if !inB[x] && !seen[x] {
				seen[x] = true
				added = append(added, s.Index(i))
			}
		}
	}
	slices.SortFunc(added, func(x, y reflect.Value) int { return strings.Compare(scalarText(x), scalarText(y)) })
	for _, v := range added {
		out = reflect.Append(out, v)
	}
	if out.Len() == 0 {
		return reflect.Zero(o.Type())
	}
	return out
}

func scalarText(v reflect.Value) string {
	if m, ok := v.Interface().(encoding.TextMarshaler); ok {
		b, _ := m.MarshalText()
		return string(b)
	}
	return v.String()
}

// listIdentity says how the items of a list are told apart: by a key made of some of their
// fields (the label names them in messages) and in which order new items are placed.
type listIdentity struct {
	key   func(v reflect.Value) []string // ordered: items added on either side sort by it
	label func(k []string) string
}

func identityOf(t reflect.Type) *listIdentity {
	switch t {
	case reflect.TypeFor[records.Referral]():
		return &listIdentity{
			key: func(v reflect.Value) []string {
				r := v.Interface().(records.Referral)
				return []string{r.Sent.String(), r.To}
			},
			label: func(k []string) string { return fmt.Sprintf("to: %s, sent: %s", k[1], k[0]) },
		}
	case reflect.TypeFor[records.Request]():
		return &listIdentity{
			key: func(v reflect.Value) []string {
				r := v.Interface().(records.Request)
				return []string{r.Sent.String(), r.Item}
			},
			label: func(k []string) string { return fmt.Sprintf("item: %s, sent: %s", k[1], k[0]) },
		}
	case reflect.TypeFor[records.Officer]():
		return &listIdentity{
			key:   func(v reflect.Value) []string { o := v.Interface().(records.Officer); return []string{o.Name, o.Badge} },
			label: func(k []string) string { return fmt.Sprintf("name: %s, badge: %s", k[0], k[1]) },
		}
	}
	return nil
}

type keyed struct {
	key   string // identity plus occurrence number, unique in its list
	order []string
	v     reflect.Value
}

func keyItems(id *listIdentity, s reflect.Value) []keyed {
	out := make([]keyed, 0, s.Len())
	count := map[string]int{}
	for i := range s.Len() {
		k := id.key(s.Index(i))
		j := strings.Join(k, "\x00")
		count[j]++
		order := append(k, fmt.Sprintf("%06d", count[j]))
		out = append(out, keyed{key: j + "\x00" + order[len(order)-1], order: order, v: s.Index(i)})
	}
	return out
}

// list merges a list of records (referrals, requests, officers) by identity: items of the base
// kept on both sides merge field by field; an item removed on one side and changed on the
// other is a conflict; items added on either side are added, after the base's, in key order.
func (m *merger) list(path string, b, o, t reflect.Value) (reflect.Value, reflect.Value) {
	id := identityOf(o.Type().Elem())
	bi, oi, ti := keyItems(id, b), keyItems(id, o), keyItems(id, t)
	if m.diff {
		bi = nil
	}
	find := func(items []keyed, key string) (reflect.Value, bool) {
		for _, it := range items {
			if it.key == key {
				return it.v, true
			}
		}
		return reflect.Value{}, false
	}
	var order []keyed
	seen := map[string]bool{}
	for _, it := range bi {
		seen[it.key] = true
		order = append(order, it)
	}
	var added []keyed
	for _, items := range [][]keyed{oi, ti} {
		for _, it := range items {
			if !seen[it.key] {
				seen[it.key] = true
				added = append(added, it)
			}
		}
	}
	slices.SortFunc(added, func(x, y keyed) int { return slices.Compare(x.order, y.order) })
	order = append(order, added...)
	ro, rt := reflect.MakeSlice(o.Type(), 0, len(order)), reflect.MakeSlice(o.Type(), 0, len(order))
	zero := reflect.New(o.Type().Elem()).Elem()
	for _, it := range order {
		label := path + "[" + id.label(it.order[:len(it.order)-1]) + "]"
		if n := it.order[len(it.order)-1]; n != "000001" {
			label = strings.TrimSuffix(label, "]") + ", #" + strings.TrimLeft(n, "0") + "]"
		}
		bv, inB := find(bi, it.key)
		ov, inO := find(oi, it.key)
		tv, inT := find(ti, it.key)
		switch {
		case inO && inT:
			if !inB {
				bv = zero
			}
			fo, ft := m.value(label, bv, ov, tv)
			ro, rt = reflect.Append(ro, fo), reflect.Append(rt, ft)
		case m.diff:
			m.conflict(label, ov, tv, "")
			if inO {
				ro = reflect.Append(ro, ov)
			} else {
				rt = reflect.Append(rt, tv)
			}
		case inO && inB && same(bv, ov), inT && inB && same(bv, tv), !inO && !inT:
			// removed on one side, untouched on the other: removed
		case inO && !inB:
			ro, rt = reflect.Append(ro, ov), reflect.Append(rt, ov)
		case inT && !inB:
			ro, rt = reflect.Append(ro, tv), reflect.Append(rt, tv)
		default: // removed on one side, changed on the other
			missing := reflect.Value{}
			if inO {
				m.conflict(label, ov, missing, "removed on one side, changed on the other")
				ro = reflect.Append(ro, ov)
			} else {
				m.conflict(label, missing, tv, "removed on one side, changed on the other")
				rt = reflect.Append(rt, tv)
			}
		}
	}
	if ro.Len() == 0 {
		ro = reflect.Zero(o.Type())
	}
	if rt.Len() == 0 {
		rt = reflect.Zero(o.Type())
	}
	return ro, rt
}

// EntryID is a stable identity of a history entry: a short hash of its content. Two branches
// that record the same step at the same second by the same person made the same entry.
func EntryID(e records.Entry) string {
	h := sha256.Sum256([]byte(strings.Join([]string{e.At.String(), e.Date.String(), e.By, e.Do, e.Detail}, "\x00")))
	return hex.EncodeToString(h[:6])
}

// effective is the day an entry took effect (its date, else the day it was recorded).
func effective(e records.Entry) string {
	if !e.Date.IsZero() {
		return e.Date.String()
	}
	return records.DateOf(e.At.UTC()).String()
}

func entryOrder(x, y records.Entry) int {
	if c := strings.Compare(effective(x), effective(y)); c != 0 {
		return c
	}
	if c := x.At.Compare(y.At.Time); c != 0 {
		return c
	}
	return strings.Compare(EntryID(x), EntryID(y))
}

// history merges two histories: the part both share stays as it is; the entries each side
// appended after it are kept once each and interleaved by (effective date, recorded time,
// entry id), each side's own entries staying in the order that side recorded them. A side
// that changed or removed an entry of the common history (it only grows) is a conflict.
func (m *merger) history(path string, b, o, t []records.Entry) ([]records.Entry, []records.Entry) {
	p := 0
	for p < len(o) && p < len(t) && o[p] == t[p] {
		p++
	}
	if m.diff {
		m.conflict(path, reflect.ValueOf(o[p:]), reflect.ValueOf(t[p:]), "")
		return o, t
	}
	if p < len(b) {
		m.conflict(path, reflect.ValueOf(o[p:]), reflect.ValueOf(t[p:]),
			fmt.Sprintf("the history only grows, and one side changed or removed entries of the history both share (from entry %d)", p))
		return o, t
	}
	merged := slices.Clone(o[:p])
	restO, restT := o[p:], t[p:]
	emitted := map[records.Entry]bool{}
	emit := func(e records.Entry) {
		if !emitted[e] {
			emitted[e] = true
			merged = append(merged, e)
		}
	}
	for len(restO) > 0 || len(restT) > 0 {
		switch {
		case len(restT) == 0:
			emit(restO[0])
			restO = restO[1:]
		case len(restO) == 0:
			emit(restT[0])
			restT = restT[1:]
		case restO[0] == restT[0]:
			emit(restO[0])
			restO, restT = restO[1:], restT[1:]
		case entryOrder(restO[0], restT[0]) < 0:
			emit(restO[0])
			restO = restO[1:]
		default:
			emit(restT[0])
			restT = restT[1:]
		}
	}
	return merged, merged
}

// status derives the status of both resolutions from their histories. A merged history that
// the workflow does not allow (one side closed the case while the other referred it) is a
// conflict: each side's history and status are then offered whole.
func (m *merger) status(co, ct *records.Case, ours, theirs *records.Case) {
	co.Status, ct.Status = ours.Status, theirs.Status
	if !slices.Equal(co.History, ct.History) {
		return // a history conflict, already reported: each side keeps its own status
	}
	st, err := m.profile.DeriveStatus(co.History)
	switch {
	case err == nil:
		co.Status, ct.Status = st, st
	case slices.Equal(co.History, ours.History) && slices.Equal(co.History, theirs.History):
		// both sides share an invalid history: check reports it, the merge keeps it
		if co.Status != ct.Status {
			m.conflict("status", reflect.ValueOf(co.Status), reflect.ValueOf(ct.Status), "")
		}
	case slices.Equal(co.History, ours.History):
		ct.Status = ours.Status
	case slices.Equal(co.History, theirs.History):
		co.Status = theirs.Status
	default:
		m.conflict("history", reflect.ValueOf(newEntries(ours.History, theirs.History)), reflect.ValueOf(newEntries(theirs.History, ours.History)),
			"the steps of the two sides together are not a valid sequence: "+err.Error())
		co.History, ct.History = ours.History, theirs.History
	}
}

// newEntries is the entries of a that b does not have.
func newEntries(a, b []records.Entry) []records.Entry {
	var out []records.Entry
	for _, e := range a {
		if !slices.Contains(b, e) {
			out = append(out, e)
		}
	}
	return out
}

// NormalizedCase returns a copy of c with empty lists as nil, so that a list written `[]` and one
// left out compare equal.
func NormalizedCase(c records.Case) records.Case {
	v := reflect.ValueOf(&c).Elem()
	normalizeValue(v)
	return c
}

func normalizeValue(v reflect.Value) {
	if v.Type() == fieldsType {
		v.Set(reflect.ValueOf(normalizedFields(v.Interface().(records.Fields))))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			cp := reflect.New(v.Type().Elem())
			cp.Elem().Set(v.Elem())
			normalizeValue(cp.Elem())
			v.Set(cp)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		cp := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(cp, v)
		for i := range cp.Len() {
			normalizeValue(cp.Index(i))
		}
		v.Set(cp)
	case reflect.Struct:
		if v.Type().Implements(textMarshalerType) || reflect.PointerTo(v.Type()).Implements(textMarshalerType) {
			return
		}
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				normalizeValue(v.Field(i))
			}
		}
	}
}

// renderValue writes a value for a message: YAML flow text, strings quoted.
func renderValue(v reflect.Value) string {
	if !v.IsValid() {
		return absent
	}
	n := codec.EncodeValue(v)
	if n == nil {
		return absent
	}
	flowStyle(n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return fmt.Sprintf("%v", v.Interface())
	}
	enc.Close()
	return strings.TrimSpace(buf.String())
}

func flowStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
	default:
		n.Style = yaml.FlowStyle
		for _, c := range n.Content {
			flowStyle(c)
		}
	}
}
