package codec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

func TestFieldsCSVColumns(t *testing.T) {
	var names []string
	for _, c := range CSVColumnsFor(rectest.FieldsProfile(t)) {
		if strings.HasPrefix(c.Name, "fields") {
			names = append(names, c.Name)
		}
	}
	want := "fields.district fields.themes fields.value fields.nickname fields.remarks fields.orders"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("columns %s, want %s", got, want)
	}
	for _, c := range CSVColumns() {
		if strings.HasPrefix(c.Name, "fields") {
			t.Fatalf("a profile without declared fields has a %s column", c.Name)
		}
	}
}

// Declared fields survive the CSV form and JSON, every kind.
func TestFieldsCSVAndJSONRoundTrip(t *testing.T) {
	p := rectest.FieldsProfile(t)
	c := &records.Case{ID: "2026-K7M2Q"}
	rectest.SetFields(t, p, c, "district=quebec", "themes=conjugal,elders", "value=12.5", "nickname=Ti-Jean, dit « le Grand »",
		"remarks=two\nlines", "orders=number=A-1,date=2026-01-05", "orders=number=B-2")
	cols := CSVColumnsFor(p)
	row, err := CSVRow(c, cols)
	if err != nil {
		t.Fatal(err)
	}
	cell := map[string]string{}
	for i, col := range cols {
		cell[col.Name] = row[i]
	}
	for name, want := range map[string]string{"fields.district": "quebec", "fields.themes": `["conjugal","elders"]`, "fields.value": "12.50",
		"fields.orders": `[{"date":"2026-01-05","number":"A-1"},{"number":"B-2"}]`} {
		if cell[name] != want {
			t.Errorf("%s = %s, want %s", name, cell[name], want)
		}
	}
	data, probs := CSVToJSON(cols, row)
	if probs != nil {
		t.Fatal(probs)
	}
	back, _, err := ParseJSON("row", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Fields, c.Fields) {
		t.Fatalf("after CSV and JSON:\n got %#v\nwant %#v", back.Fields, c.Fields)
	}
}

func TestFieldValueJSONNumbersAndNull(t *testing.T) {
	c, _, err := ParseJSON("doc.json", []byte(`{"fields": {"value": 1234.50, "count": 12, "gone": null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Fields["value"].Scalar != "1234.50" || c.Fields["count"].Scalar != "12" || !c.Fields["gone"].IsZero() {
		t.Fatalf("got %#v", c.Fields)
	}
	if _, _, err := ParseJSON("doc.json", []byte(`{"fields": {"x": [1, 2]}}`)); err == nil {
		t.Fatal("a list of numbers accepted")
	}
}
