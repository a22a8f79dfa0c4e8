package cli

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs dossier with a fixed clock and actor and returns stdout, failing on an error.
func runIn(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	env := map[string]string{"DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential", "HOME": t.TempDir()}
	var out, errb bytes.Buffer
	if code := testRunner.Run(args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] }); code != 0 {
		t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// A cell a spreadsheet would run as a formula comes out with a leading apostrophe, the CSV
// reads back cell for cell with encoding/csv, and import restores the text.
func TestExportCSVInjection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	runIn(t, "", "init", repo)
	summary := "=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line, with \"quotes\""
	runIn(t, "", "-C", repo, "create", "--received", "2026-02-01", "--channel", "email", "--lang", "en",
		"--complainant-name", "@SUM(A1:A9)", "--location", "-2+3", "--summary", summary)
	runIn(t, "", "-C", repo, "create", "--received", "2026-02-02", "--channel", "phone", "--lang", "en",
		"--complainant-name", "+1 613 555 0100", "--location", "Kanata", "--summary", "\tindented")
	out := runIn(t, "", "-C", repo, "export", "-o", "csv")
	if !strings.Contains(out, "\r\n") {
		t.Error("RFC 4180 wants CRLF line ends")
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v\n%s", err, out)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and 2", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := []map[string]string{
		{"complainant.name": "'@SUM(A1:A9)", "incident.location": "'-2+3", "summary": "'" + summary},
		{"complainant.name": "'+1 613 555 0100", "incident.location": "Kanata", "summary": "'\tindented"},
	}
	for i, w := range want {
		for field, v := range w {
			if got := rows[i+1][col[field]]; got != v {
				t.Errorf("row %d %s = %q, want %q", i+1, field, got, v)
			}
		}
	}
	for _, r := range rows[1:] {
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}

	// Read back: the apostrophes go, the text is the original.
	other := filepath.Join(dir, "other")
	runIn(t, "", "init", other)
	runIn(t, out, "-C", other, "import", "--format", "csv", "-")
	js := runIn(t, "", "-C", other, "list", "-o", "json")
	for _, s := range []string{`"name": "@SUM(A1:A9)"`, `"location": "-2+3"`, `"summary": "\tindented"`, `"summary": "=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line, with \"quotes\""`} {
		if !strings.Contains(js, s) {
			t.Errorf("imported cases lack %s:\n%s", s, js)
		}
	}
}
