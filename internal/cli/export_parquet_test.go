package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/parquetx"
	"github.com/dossier-dev/dossier/records"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// parquetFile is a Parquet file read back with the Go reader: its rows as maps, its schema
// and its key-value metadata.
type parquetFile struct {
	rows   []map[string]any
	schema *parquet.Schema
	meta   map[string]string
}

func readParquet(t *testing.T, name string) parquetFile {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := parquetFile{schema: f.Schema(), meta: map[string]string{}}
	for _, kv := range f.Metadata().KeyValueMetadata {
		out.meta[kv.Key] = kv.Value
	}
	r := parquet.NewReader(f)
	defer r.Close()
	for {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			break
		}
		out.rows = append(out.rows, row)
	}
	if int64(len(out.rows)) != f.NumRows() {
		t.Fatalf("%s: read %d rows of %d", name, len(out.rows), f.NumRows())
	}
	return out
}

// fromParquet is a value read from Parquet in the shape of the record's JSON, driven by the
// file's own schema: a DATE as YYYY-MM-DD, a DECIMAL as the amount, a TIMESTAMP as RFC 3339,
// an INT64 (an integer field) as its digits; null, an empty list and a group of nulls are
// absent.
func fromParquet(t *testing.T, node parquet.Node, v any) any {
	if v == nil {
		return nil
	}
	if node.Leaf() {
		var lt format.LogicalType
		if l := node.Type().LogicalType(); l != nil {
			lt = *l
		}
		switch lt.Value.(type) {
		case *format.DateType:
			return records.DateOf(time.Unix(int64(v.(int32))*86400, 0).UTC()).String()
		case *format.DecimalType: // the Go reader gives a float for a decimal read into any
			if x, ok := v.(float64); ok {
				return records.FormatMoney(int64(math.Round(x * 100)))
			}
			return records.FormatMoney(v.(int64))
		case *format.TimestampType:
			switch x := v.(type) {
			case time.Time:
				return x.UTC().Format(time.RFC3339)
			case int64:
				return time.UnixMilli(x).UTC().Format(time.RFC3339)
			}
		}
		switch x := v.(type) {
		case string:
			if x == "" {
				t.Errorf("an empty string in column %v: empty text is null", node)
			}
			return x
		case int64:
			return strconv.FormatInt(x, 10)
		}
		t.Fatalf("unexpected %T %v", v, v)
	}
	if lt := node.Type().LogicalType(); lt != nil && isList(lt) {
		elem := node.Fields()[0].Fields()[0]
		var out []any
		for _, x := range v.([]any) {
			out = append(out, fromParquet(t, elem, x))
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	m := map[string]any{}
	for _, f := range node.Fields() {
		if x := fromParquet(t, f, v.(map[string]any)[f.Name()]); x != nil {
			m[f.Name()] = x
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

func isList(lt *format.LogicalType) bool {
	_, ok := lt.Value.(*format.ListType)
	return ok
}

// fromJSON is a value of the JSON record with the same conventions: "" and empty lists and
// objects are absent.
func fromJSON(v any) any {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
	case []any:
		var out []any
		for _, e := range x {
			out = append(out, fromJSON(e))
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case map[string]any:
		m := map[string]any{}
		for k, e := range x {
			if y := fromJSON(e); y != nil {
				m[k] = y
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	}
	return v
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// jsonCases are the lines of export -o jsonl.
func jsonCases(t *testing.T, out string) []map[string]any {
	t.Helper()
	var cases []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var c map[string]any
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		cases = append(cases, c)
	}
	return cases
}

// compareWithJSONL exports every table of repo as Parquet and compares every value with
// export -o jsonl (extra: flags for both, e.g. --as public); it returns the cases table.
func compareWithJSONL(t *testing.T, repo string, env map[string]string, extra ...string) parquetFile {
	t.Helper()
	cases := jsonCases(t, runWith(t, env, append([]string{"-C", repo, "export"}, extra...)...))
	if len(cases) == 0 {
		t.Fatal("no case exported")
	}
	var casesFile parquetFile
	for _, table := range parquetx.Tables() {
		name := filepath.Join(t.TempDir(), table+".parquet")
		runWith(t, env, append([]string{"-C", repo, "-q", "export", "-o", "parquet", "--table", table, "-O", name}, extra...)...)
		pf := readParquet(t, name)
		if pf.meta["dossier.schema"] != parquetx.SchemaVersion || pf.meta["dossier.table"] != table {
			t.Errorf("%s: metadata %v", table, pf.meta)
		}
		byCase := map[string][]map[string]any{}
		for _, row := range pf.rows {
			if row["office"] != pf.meta["dossier.office"] {
				t.Errorf("%s: office %v, want %q", table, row["office"], pf.meta["dossier.office"])
			}
			delete(row, "office")
			if table == parquetx.TableCases {
				byCase[row["id"].(string)] = append(byCase[row["id"].(string)], row)
				continue
			}
			id := row["case_id"].(string)
			if n := row["n"].(int32); int(n) != len(byCase[id])+1 {
				t.Errorf("%s: case %s: row n=%d after %d rows", table, id, n, len(byCase[id]))
			}
			delete(row, "case_id")
			delete(row, "n")
			byCase[id] = append(byCase[id], row)
		}
		compared := 0
		for _, c := range cases {
			id := c["id"].(string)
			var want []any
			if table == parquetx.TableCases {
				cc := map[string]any{}
				for k, v := range c {
					if k != "referrals" && k != "requests" && k != "history" {
						cc[k] = v
					}
				}
				want = []any{cc}
			} else {
				want, _ = c[table].([]any)
			}
			got := byCase[id]
			if len(got) != len(want) {
				t.Errorf("%s: case %s: %d rows, want %d", table, id, len(got), len(want))
				continue
			}
			for i := range want {
				w, g := jsonText(fromJSON(want[i])), jsonText(fromParquet(t, pf.schema, got[i]))
				if w != g {
					t.Errorf("%s: case %s row %d:\nparquet %s\njsonl   %s", table, id, i+1, g, w)
				}
				compared++
			}
			delete(byCase, id)
		}
		if len(byCase) > 0 {
			t.Errorf("%s: rows of cases jsonl does not hold: %v", table, byCase)
		}
		t.Logf("%s: %d rows compared", table, compared)
		if table == parquetx.TableCases {
			casesFile = pf
		}
	}
	return casesFile
}

// runWith runs dossier in-process with env (over a fixed clock and actor) and returns stdout.
func runWith(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	all := map[string]string{"DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential", "HOME": t.TempDir()}
	for k, v := range env {
		all[k] = v
	}
	var out, errb bytes.Buffer
	if code := testRunner.Run(args, strings.NewReader(""), &out, &errb, func(k string) string { return all[k] }); code != 0 {
		t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// The demo repositories (the Ontario profile, and the Québec one with its declared fields)
// read back from Parquet value for value as export -o jsonl has them, in every table; the
// case count and the count by type equal stats; on the Ontario one, --as public and the
// encodings (checkAudience, checkEncodings).
func TestExportParquetDemoRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ profile, cases, by string }{
		{"", "200", "type"},
		{"quebec-alternative-measures", "60", "program"},
	} {
		t.Run(tc.by, func(t *testing.T) {
			t.Parallel()
			repo := filepath.Join(t.TempDir(), "demo")
			args := []string{"-q", "demo", repo, "--cases", tc.cases}
			if tc.profile != "" {
				args = append(args, "--profile", tc.profile)
			}
			runWith(t, nil, args...)
			pf := compareWithJSONL(t, repo, nil)

			var stats []map[string]any
			if err := json.Unmarshal([]byte(runWith(t, nil, "-C", repo, "stats", "--by", tc.by, "-o", "json")), &stats); err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			total := 0
			for _, s := range stats {
				key, _ := s[tc.by].(string)
				want[key] = int(s["received"].(float64))
				total += want[key]
			}
			got := map[string]int{}
			for _, row := range pf.rows {
				v := row[tc.by]
				if tc.by != "type" {
					v = row["fields"].(map[string]any)[tc.by]
				}
				key, _ := v.(string)
				got[key]++
			}
			if n, _ := strconv.Atoi(tc.cases); len(pf.rows) != n || total != n {
				t.Errorf("%d rows, stats counts %d, the demo has %s cases", len(pf.rows), total, tc.cases)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("count by %s: parquet %v, stats %v", tc.by, got, want)
			}
			if tc.profile == "" { // the same demo: the public's export and the encodings
				checkAudience(t, repo, pf)
				checkEncodings(t, repo)
			}
		})
	}
}
