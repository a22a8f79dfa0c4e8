package parquetx

import (
	"bytes"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/parquet-go/parquet-go"
)

// A declared field's value either is refused (a value its kind cannot hold) or reads back
// from Parquet as the value the record holds: a date as the same day, an integer as the same
// number, an amount as the same cents.
func FuzzFieldValues(f *testing.F) {
	for _, seed := range []struct{ date, integer, money string }{
		{"2026-01-28", "12", "1234.50"}, {"1970-01-01", "-9223372036854775808", "0.01"},
		{"1969-12-31", "9223372036854775807", "92233720368547758.07"}, {"0001-01-01", "+7", "42350.5"},
		{"9999-12-31", "007", "1,000"}, {"2026-02-30", "1e3", "-5"}, {"", "", ""},
	} {
		f.Add(seed.date, seed.integer, seed.money)
	}
	p := everyKind()
	f.Fuzz(func(t *testing.T, date, integer, money string) {
		c := &records.Case{ID: "2026-K7M2Q", Fields: records.Fields{"date": {Scalar: date}, "integer": {Scalar: integer}, "money": {Scalar: money}}}
		var buf bytes.Buffer
		w, err := NewWriter(&buf, TableCases, p, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(c); err != nil {
			return // refused: a value its kind cannot hold
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		rows, _ := readBack(t, buf.Bytes())
		fs := rows[0]["fields"].(map[string]any)
		if d, err := records.ParseDate(date); err == nil {
			if fs["date"] != dayNumber(d) {
				t.Errorf("date %q read back as %v", date, fs["date"])
			}
		} else if date != "" || fs["date"] != nil {
			t.Errorf("date %q written as %v", date, fs["date"])
		}
		if n, err := records.ParseInteger(integer); err == nil && fs["integer"] != n {
			t.Errorf("integer %q read back as %v", integer, fs["integer"])
		}
		if cents, err := records.ParseMoney(money); err == nil {
			if got := rawInt64(t, buf.Bytes(), "fields", "money"); got != cents {
				t.Errorf("money %q read back as %d cents, want %d", money, got, cents)
			}
		}
	})
}

// rawInt64 is the INT64 of the first row's column path, read as stored (the reader gives a
// DECIMAL read into any as a float, which would round large amounts).
func rawInt64(t *testing.T, data []byte, path ...string) int64 {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	leaf, ok := f.Schema().Lookup(path...)
	if !ok {
		t.Fatalf("no column %v", path)
	}
	rows := make([]parquet.Row, 1)
	r := f.RowGroups()[0].Rows()
	defer r.Close()
	if n, _ := r.ReadRows(rows); n != 1 {
		t.Fatal("no row")
	}
	for _, v := range rows[0] {
		if v.Column() == leaf.ColumnIndex {
			return v.Int64()
		}
	}
	t.Fatalf("no value in column %v", path)
	return 0
}
