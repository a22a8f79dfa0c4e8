package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// Every kind of declared field (code, codes, date, integer, money, partner, text, list)
// reads back typed: money as DECIMAL(18,2), dates as DATE, a list as a LIST of groups.
func TestExportParquetDeclaredFieldKinds(t *testing.T) {
	t.Parallel()
	repo := filepath.Join(t.TempDir(), "repo")
	runWith(t, nil, "-q", "init", repo)
	profile, err := os.ReadFile(filepath.Join("..", "..", "docs", "examples", "seized-property.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "dossier.yaml"), profile, 0o644); err != nil {
		t.Fatal(err)
	}
	runWith(t, nil, "-C", repo, "-q", "create", "--received", "2026-01-12", "--channel", "police-report", "--field", "kind=vehicle", "--field", "value=18500",
		"--field", "police=spvm", "--summary", "Toyota Corolla 2019, grey", "--field", "owner=Jean Tremblay",
		"--field", "orders=number=500-26-000101,date=2026-01-12,court=cq,kind=warrant")
	runWith(t, nil, "-C", repo, "-q", "create", "--received", "2026-01-20", "--channel", "police-report", "--summary", "Cash", "--field", "kind=cash",
		"--field", "value=42350.5", "--field", "police=sq")
	pf := compareWithJSONL(t, repo, nil)
	schema := pf.schema.String()
	for _, want := range []string{"optional int64 value (DECIMAL(18,2));", "optional int32 date (DATE);", "required group orders (LIST)", "optional binary police (STRING);"} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema lacks %q:\n%s", want, schema)
		}
	}
}

// checkAudience: --as public: the schema is the internal one (stable), the columns the public may not see
// are null in every row, and what it may see reads back as export --as public has it.
func checkAudience(t *testing.T, repo string, internal parquetFile) {
	public := compareWithJSONL(t, repo, nil, "--as", "public")
	if internal.schema.String() != public.schema.String() {
		t.Errorf("the schema depends on the audience:\ninternal %s\npublic %s", internal.schema, public.schema)
	}
	if public.meta["dossier.audience"] != "public" {
		t.Errorf("metadata %v", public.meta)
	}
	named := 0
	for i, row := range public.rows {
		for _, col := range []string{"complainant", "representative", "summary"} {
			if row[col] != nil {
				t.Errorf("public row %d: %s = %v, want null", i, col, row[col])
			}
		}
		if internal.rows[i]["complainant"] != nil {
			named++
		}
	}
	if named == 0 {
		t.Error("no complainant in the internal export: the test cannot fail")
	}
}

// checkEncodings: the dictionary encoding of codes, and none for ids (unique: a dictionary
// would only grow the file).
func checkEncodings(t *testing.T, repo string) {
	name := filepath.Join(t.TempDir(), "cases.parquet")
	runWith(t, nil, "-C", repo, "-q", "export", "-o", "parquet", "-O", name)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	enc := map[string]string{}
	for _, c := range f.Metadata().RowGroups[0].Columns {
		enc[strings.Join(c.MetaData.PathInSchema, ".")] = fmt.Sprint(c.MetaData.Encoding)
	}
	for col, dict := range map[string]bool{"type": true, "status": true, "categories.list.element": true, "respondent.service": true, "id": false, "summary": false} {
		if got := strings.Contains(enc[col], "RLE_DICTIONARY"); got != dict {
			t.Errorf("%s: encodings %s, dictionary %v", col, enc[col], dict)
		}
	}
	if !slices.Contains(slices.Collect(func(yield func(string) bool) {
		for k := range enc {
			if !yield(k) {
				return
			}
		}
	}), "received") {
		t.Errorf("no received column: %v", enc)
	}
}

// -O - writes the Parquet file on stdout when it is not a terminal (a pipe to an uploader):
// the same bytes as -O FILE.
func TestExportParquetToPipe(t *testing.T) {
	t.Parallel()
	repo := filepath.Join(t.TempDir(), "repo")
	runWith(t, nil, "-q", "init", repo)
	runWith(t, nil, "-C", repo, "-q", "create", "--received", "2026-02-01", "--channel", "email", "--summary", "Rude officer")
	piped := runWith(t, nil, "-C", repo, "export", "-o", "parquet", "-O", "-")
	name := filepath.Join(t.TempDir(), "cases.parquet")
	runWith(t, nil, "-C", repo, "-q", "export", "-o", "parquet", "-O", name)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if piped != string(data) || !strings.HasPrefix(piped, "PAR1") {
		t.Errorf("-O - wrote %d bytes, -O FILE %d", len(piped), len(data))
	}
}
