package cli

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/render"
)

// export draws its progress on stderr when stderr is a terminal, in CSV as in JSON Lines, and
// writes the same stdout either way. The CSV, written a row at a time, is what render.WriteCSV
// writes for the same table (a formula neutralised once, CRLF, RFC 4180 quoting).
func TestExportProgressOnATerminal(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	run := func(terminal bool, args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		f := testFactory(strings.NewReader(""), &out, &errb, promptEnv(t))
		f.ErrTerminal = terminal
		if code := f.run(append([]string{"-C", repo}, args...)); code != 0 {
			t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
		}
		return out.String(), errb.String()
	}
	for _, summary := range []string{"=HYPERLINK(\"http://x\")", "plain, with \"quotes\"\nand a line", "@SUM(A1)", "-12"} {
		run(false, "create", "-q", "--channel", "email", "--received", "2026-01-05", "--summary", summary)
	}
	bar := regexp.MustCompile(`\r█+ 100% 4/4 cases exported\n$`)
	for _, format := range []string{"csv", "jsonl"} {
		out, errs := run(true, "export", "-o", format)
		if !bar.MatchString(errs) {
			t.Errorf("export -o %s on a terminal: stderr %q, want a bar reaching 100%% 4/4 and a newline", format, errs)
		}
		plain, plainErrs := run(false, "export", "-o", format)
		if plainErrs != "" {
			t.Errorf("export -o %s off a terminal: stderr %q, want nothing", format, plainErrs)
		}
		if out != plain {
			t.Errorf("export -o %s: stdout differs on a terminal:\n%q\n%q", format, out, plain)
		}
		if format != "csv" {
			continue
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 5 {
			t.Fatalf("export -o csv reads back as %d rows (%v), want a header and 4", len(rows), err)
		}
		// the cells as exported, unescaped (a neutralised formula loses its apostrophe), then
		// written again by render.WriteCSV, which escapes them once more
		for _, r := range rows[1:] {
			for i := range r {
				r[i] = render.UnescapeCell(r[i])
			}
		}
		var want bytes.Buffer
		if err := render.WriteCSV(&want, render.Table{Header: rows[0], Rows: rows[1:]}); err != nil {
			t.Fatal(err)
		}
		if out != want.String() {
			t.Errorf("export -o csv differs from render.WriteCSV:\n%q\n%q", out, want.String())
		}
		if !strings.Contains(out, `,"'=HYPERLINK(""http://x"")",`) || !strings.Contains(out, ",'@SUM(A1),") || !strings.Contains(out, ",-12,") {
			t.Errorf("export -o csv: formulas not neutralised once, or a number changed:\n%s", out)
		}
	}
}
