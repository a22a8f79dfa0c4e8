package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// declaredProfile is the default profile with declared fields of every class and kind the
// index must tell apart.
func declaredProfile(tb testing.TB) *records.Profile {
	tb.Helper()
	p := rectest.Profile(tb)
	codes := func(cs ...string) records.Codes {
		var out records.Codes
		for _, c := range cs {
			out = append(out, records.Code{Code: c, En: strings.ToUpper(c)})
		}
		return out
	}
	p.Fields = records.FieldDefs{
		{Name: "district", Kind: records.KindCode, Class: records.Public, Group: true, Codes: codes("montreal", "quebec", "gaspe")},
		{Name: "themes", Kind: records.KindCodes, Class: records.Internal, Group: true, Codes: codes("conjugal", "elder", "child")},
		{Name: "agency", Kind: records.KindPartner, Class: records.Internal, Group: true},
		{Name: "program", Kind: records.KindCode, Class: records.Internal, Codes: codes("pmrg", "pmra")}, // indexed, not grouped
		{Name: "value", Kind: records.KindMoney, Class: records.Internal},
		{Name: "expiry", Kind: records.KindDate, Class: records.Public},
		{Name: "person", Kind: records.KindText, Class: records.Personal, Group: true},
		{Name: "comment", Kind: records.KindText, Class: records.Internal, Group: true},
		{Name: "secret", Kind: records.KindCode, Class: records.Confidential, Group: true, Codes: codes("canary")},
		{Name: "orders", Kind: records.KindList, Class: records.Internal, Fields: records.FieldDefs{{Name: "number", Kind: records.KindText, Class: records.Internal}}},
	}
	return p
}

// canaryFields sets a value on every declared field: what the index may keep, and canaries
// where it may not (text, personal, confidential, lists, values check would refuse).
func canaryFields() records.Fields {
	return records.Fields{
		"district": {Scalar: "montreal"},
		"themes":   {Codes: []string{"conjugal", "CANARY-not-a-code", "child"}},
		"agency":   {Scalar: "ottawa-ps"},
		"program":  {Scalar: "canary lives at 12 main st"},
		"value":    {Scalar: "1234.50"},
		"expiry":   {Scalar: "2027-01-31"},
		"person":   {Scalar: "CANARY-PERSON"},
		"comment":  {Scalar: "CANARY-COMMENT"},
		"secret":   {Scalar: "canary"},
		"orders":   {Items: []map[string]string{{"number": "CANARY-ORDER"}}},
		"unknown":  {Scalar: "canary-undeclared"},
	}
}

func TestSummarizeKeepsOnlyIndexedDeclaredFields(t *testing.T) {
	t.Parallel()
	p := declaredProfile(t)
	c := &records.Case{ID: "2026-K7M2Q", Status: "received", Fields: canaryFields()}
	s := Summarize(c, p)
	want := records.Fields{
		"district": {Scalar: "montreal"},
		"themes":   {Codes: []string{"conjugal", "child"}},
		"agency":   {Scalar: "ottawa-ps"},
		"value":    {Scalar: "1234.50"},
		"expiry":   {Scalar: "2027-01-31"},
	}
	if !reflect.DeepEqual(s.Fields, want) {
		t.Fatalf("summary fields:\n got %v\nwant %v", s.Fields, want)
	}
	if len(c.Fields) != len(canaryFields()) {
		t.Fatal("Summarize changed the record's fields")
	}
	var buf bytes.Buffer
	encodeIndex(&buf, []indexEntry{{path: "records/2026/2026-K7M2Q.yaml", c: s}})
	for _, v := range []string{"CANARY", "canary", "12 main"} {
		if strings.Contains(buf.String(), v) {
			t.Errorf("the index holds %q", v)
		}
	}
	for _, v := range []string{"montreal", "conjugal", "child", "ottawa-ps", "1234.50", "2027-01-31"} {
		if !strings.Contains(buf.String(), v) {
			t.Errorf("the index lost %s", v)
		}
	}
	if got := Summarize(c, nil).Fields; got != nil {
		t.Errorf("without a profile the summary keeps %v", got)
	}
}

func TestIndexedAndGroupableFields(t *testing.T) {
	t.Parallel()
	p := declaredProfile(t)
	var indexed []string
	for _, f := range p.IndexedFields() {
		indexed = append(indexed, f.Name)
	}
	if got := strings.Join(indexed, " "); got != "district themes agency program value expiry" {
		t.Errorf("indexed fields: %s", got)
	}
	if got := strings.Join(p.GroupFieldNames(), " "); got != "district themes agency" {
		t.Errorf("groupable fields: %s", got)
	}
	for name, want := range map[string]string{
		"distrct": `unknown field "distrct" (did you mean district?): the groupable fields are district, themes, agency`,
		"person":  "field person cannot be grouped or filtered by (a text field may hold anything a person typed): the groupable fields are district, themes, agency",
		"secret":  "field secret cannot be grouped or filtered by (it is confidential: only public or internal fields are grouped)",
		"program": "field program cannot be grouped or filtered by (it is not declared group: true)",
		"value":   "field value cannot be grouped or filtered by (it is not declared group: true)",
		"orders":  "field orders cannot be grouped or filtered by (a list field may hold anything a person typed)",
	} {
		if _, err := p.GroupField(name); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("GroupField(%s): %v, want %s", name, err, want)
		}
	}
	if f, err := p.GroupField("themes"); err != nil || f.Name != "themes" {
		t.Errorf("GroupField(themes): %v %v", f, err)
	}
	// a date, an integer or an amount declared group: true is grouped by its values
	p.Fields.Find("expiry").Group = true
	if _, err := p.GroupField("expiry"); err != nil {
		t.Errorf("GroupField(expiry): %v", err)
	}
	var checked []string
	for _, pr := range p.CheckGroups() {
		checked = append(checked, pr.Field)
	}
	if got := strings.Join(checked, " "); got != "fields.comment.group" {
		t.Errorf("CheckGroups: %s", got)
	}
}

// TestIndexCarriesDeclaredFields: cold, warm and bypass runs serve the same declared values,
// and the index file holds none of the canaries.
func TestIndexCarriesDeclaredFields(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	s.Profile = declaredProfile(t)
	ids := []string{createCase(t, s), createCase(t, s), createCase(t, s)}
	for i, id := range ids[:2] {
		if _, err := s.Update(id, func(r *records.Record) error {
			// the values check refuses (undeclared, unknown codes) cannot be written: the
			// store validates first; the canaries left are in fields the index must skip.
			r.Case.Fields = canaryFields()
			for _, invalid := range []string{"program", "unknown"} {
				delete(r.Case.Fields, invalid)
			}
			r.Case.Fields["themes"] = records.FieldValue{Codes: []string{"conjugal", "child"}}
			if i == 1 {
				r.Case.Fields["district"] = records.FieldValue{Scalar: "gaspe"}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Edited by hand behind the store's back: values check would refuse stay out of the index.
	path := filepath.Join(dir, records.RecordPath(ids[0]))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(data, []byte("[conjugal, child]"), []byte("[conjugal, CANARY-not-a-code, child]"), 1)
	edited = bytes.Replace(edited, []byte("\nfields:\n"), []byte("\nfields:\n  program: canary lives at 12 main st\n"), 1)
	if len(edited) != len(data)+len(", CANARY-not-a-code")+len("  program: canary lives at 12 main st\n") {
		t.Fatalf("the test's edit did not apply:\n%s", data)
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	for round, useIndex := range []bool{true, true, false} {
		cases, problems, err := s.Summaries(useIndex)
		if err != nil || len(problems) > 0 {
			t.Fatal(err, problems)
		}
		got := map[string]string{}
		for _, c := range cases {
			got[c.ID] = strings.Join(c.Field("district").Values(), ",") + "|" + strings.Join(c.Field("themes").Values(), ",") + "|" + c.Field("person").Scalar
		}
		want := map[string]string{ids[0]: "montreal|conjugal,child|", ids[1]: "gaspe|conjugal,child|", ids[2]: "||"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: %v, want %v", round, got, want)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(index), []byte("canary")) {
		t.Error("the index holds a canary")
	}
}

// TestIndexFollowsTheProfilesFields: when dossier.yaml changes which declared fields the index
// carries, a warm run serves neither stale nor missing values.
func TestIndexFollowsTheProfilesFields(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	full := declaredProfile(t)
	id := createCase(t, s)
	s.Profile = full
	if _, err := s.Update(id, func(r *records.Record) error {
		r.Case.Fields = records.Fields{"district": {Scalar: "quebec"}, "program": {Scalar: "pmra"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	values := func(p *records.Profile) string {
		t.Helper()
		s.Profile = p
		cases, _, err := s.Summaries(true)
		if err != nil || len(cases) != 1 {
			t.Fatal(err, len(cases))
		}
		return c2s(cases[0])
	}
	without := *full
	without.Fields = slicesWithout(full.Fields, "program")
	if got := values(&without); got != "district=quebec" {
		t.Fatalf("before: %s", got)
	}
	// program declared (and so indexed) later: the warm run must not miss it.
	if got := values(full); got != "district=quebec program=pmra" {
		t.Fatalf("after adding program: %s", got)
	}
	// district reclassified personal: the index must not keep serving it.
	personal := *full
	personal.Fields = append(records.FieldDefs(nil), full.Fields...)
	personal.Fields[0].Class = records.Personal
	if got := values(&personal); got != "program=pmra" {
		t.Fatalf("after reclassifying district: %s", got)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, indexFile)); bytes.Contains(data, []byte("quebec")) {
		t.Error("the index still holds a value of a personal field")
	}
	// a code removed from the list: a value that is no longer a code leaves the index.
	fewer := *full
	fewer.Fields = append(records.FieldDefs(nil), full.Fields...)
	fewer.Fields[0].Codes = fewer.Fields[0].Codes[:1]
	if got := values(&fewer); got != "program=pmra" {
		t.Fatalf("after removing the code quebec: %s", got)
	}
}

func c2s(c *records.Case) string {
	var parts []string
	for _, name := range []string{"district", "themes", "program", "person"} {
		if v := c.Field(name).Values(); len(v) > 0 {
			parts = append(parts, name+"="+strings.Join(v, ","))
		}
	}
	return strings.Join(parts, " ")
}

func slicesWithout(fs records.FieldDefs, name string) records.FieldDefs {
	var out records.FieldDefs
	for _, f := range fs {
		if f.Name != name {
			out = append(out, f)
		}
	}
	return out
}

// FuzzDecodeIndex: a damaged index (declared fields included) is refused or read, never a
// panic; what it reads encodes to an index that reads again.
func FuzzDecodeIndex(f *testing.F) {
	p := declaredProfile(f)
	var entries []indexEntry
	for i, d := range []string{"montreal", "quebec"} {
		c := &records.Case{ID: "2026-0001", Status: "received", Fields: canaryFields()}
		c.Fields["district"] = records.FieldValue{Scalar: d}
		entries = append(entries, indexEntry{path: "records/2026/2026-000" + string(rune('1'+i)) + ".yaml", c: Summarize(c, p)})
	}
	var buf bytes.Buffer
	encodeIndex(&buf, entries)
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeIndex(data)
		if err != nil {
			return
		}
		var again bytes.Buffer
		encodeIndex(&again, got)
		if _, err := decodeIndex(again.Bytes()); err != nil {
			t.Fatalf("a decoded index does not decode once encoded again: %v", err)
		}
	})
}
