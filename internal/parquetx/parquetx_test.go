package parquetx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/hostile"
	"github.com/dossier-dev/dossier/records"
	"github.com/parquet-go/parquet-go"
)

// everyKind is a profile declaring a field of each kind, a list with sub-fields of each
// scalar kind among them.
func everyKind() *records.Profile {
	scalars := records.FieldDefs{
		{Name: "code", Kind: records.KindCode}, {Name: "date", Kind: records.KindDate},
		{Name: "integer", Kind: records.KindInteger}, {Name: "money", Kind: records.KindMoney},
		{Name: "partner", Kind: records.KindPartner}, {Name: "text", Kind: records.KindText},
	}
	fields := append(records.FieldDefs{{Name: "codes", Kind: records.KindCodes}}, scalars...)
	fields = append(fields, records.FieldDef{Name: "list", Kind: records.KindList, Fields: scalars})
	return &records.Profile{Name: "every-kind", Fields: fields}
}

// The layout of schema version 1 (README.md "Parquet"): a change to testdata/schema-v1.txt
// is an added column, or a new SchemaVersion. UPDATE_SCHEMA=1 rewrites the file.
func TestSchemaVersion1(t *testing.T) {
	var b strings.Builder
	for _, table := range Tables() {
		s, err := SchemaText(table, everyKind())
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
	}
	golden := filepath.Join("testdata", "schema-v"+SchemaVersion+".txt")
	if os.Getenv("UPDATE_SCHEMA") != "" {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("the schema changed: add columns only, or make a new schema version\ngot:\n%s", b.String())
	}
	if _, err := Schema("officers", nil); err == nil || !strings.Contains(err.Error(), "cases, referrals, requests, history") {
		t.Errorf("an unknown table: %v", err)
	}
}

func readBack(t *testing.T, data []byte) ([]map[string]any, map[string]string) {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{}
	for _, kv := range f.Metadata().KeyValueMetadata {
		meta[kv.Key] = kv.Value
	}
	r := parquet.NewReader(f)
	var rows []map[string]any
	for {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			break
		}
		rows = append(rows, row)
	}
	return rows, meta
}

// Every string of the hostile corpus the text rules keep comes back byte for byte, in a
// plain text column, a dictionary-encoded one and a declared text field.
func TestHostileStringsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, TableCases, everyKind(), Meta{Profile: "every-kind", Exported: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, h := range append(hostile.OneLine(), hostile.MultiLine()...) {
		if !h.Keep || h.S == "" {
			continue
		}
		kept = append(kept, h.S)
		c := &records.Case{ID: "2026-K7M2Q", Summary: h.S, Channel: h.S, Fields: records.Fields{"text": {Scalar: h.S}}}
		if err := w.Write(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, meta := readBack(t, buf.Bytes())
	if len(rows) != len(kept) || len(kept) < 10 {
		t.Fatalf("%d rows for %d strings", len(rows), len(kept))
	}
	for i, s := range kept {
		r := rows[i]
		if r["summary"] != s || r["channel"] != s || r["fields"].(map[string]any)["text"] != s {
			t.Errorf("string %d: %q came back %q, %q, %q", i, s, r["summary"], r["channel"], r["fields"].(map[string]any)["text"])
		}
	}
	if meta["dossier.schema"] != SchemaVersion || meta["dossier.profile"] != "every-kind" || meta["dossier.exported"] != "2026-03-02T10:00:00Z" {
		t.Errorf("metadata %v", meta)
	}
}

// A tombstone row holds its id, its reason and the new id of a renumbered case, and nothing
// else; child tables hold no tombstones.
func TestTombstones(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, TableCases, everyKind(), Meta{Office: "East"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Tombstone("2026-0001", Renumbered, "2026-0007"); err != nil {
		t.Fatal(err)
	}
	if err := w.Tombstone("2026-0002", Deleted, ""); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, _ := readBack(t, buf.Bytes())
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, want := range []map[string]any{
		{"office": "East", "id": "2026-0001", "tombstone": "renumbered", "renumbered_to": "2026-0007"},
		{"office": "East", "id": "2026-0002", "tombstone": "deleted"},
	} {
		for k, v := range rows[i] {
			if l, ok := v.([]any); ok && len(l) == 0 {
				continue
			}
			if m, ok := v.(map[string]any); ok && k == "fields" {
				for name, x := range m {
					if l, ok := x.([]any); x != nil && !(ok && len(l) == 0) {
						t.Errorf("row %d: fields.%s = %v", i, name, x)
					}
				}
				continue
			}
			if v != want[k] && !(v == nil && want[k] == nil) {
				t.Errorf("row %d: %s = %v, want %v", i, k, v, want[k])
			}
		}
	}

	buf.Reset()
	w, err = NewWriter(&buf, TableHistory, nil, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Tombstone("2026-0002", Deleted, ""); err != nil || w.Rows() != 0 {
		t.Errorf("a tombstone in the history table: %v, %d rows", err, w.Rows())
	}
}
