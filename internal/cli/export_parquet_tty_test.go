package cli

import (
	"bytes"
	"strings"
	"testing"
)

// Parquet is binary: `-O -` sends it down a pipe, never onto a terminal, where it would
// garble the screen. The refusal is a usage error (exit 2) and writes nothing to stdout; the
// same command with stdout not a terminal writes the file (it starts with PAR1).
func TestExportParquetRefusesATerminal(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	env := map[string]string{"HOME": t.TempDir(), "DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester"}
	run := func(terminal bool, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		f := testFactory(strings.NewReader(""), &out, &errb, env)
		f.OutTerminal = terminal
		code := f.run(append([]string{"-C", repo}, args...))
		return code, out.String(), errb.String()
	}
	if code, _, errs := run(false, "create", "--channel", "email", "--summary", "x", "--incident-date", "2024-01-01"); code != 0 {
		t.Fatalf("create: exit %d: %s", code, errs)
	}
	code, out, errs := run(true, "export", "-o", "parquet", "-O", "-")
	if code != ExitUsage || out != "" || errs != "dossier: -o parquet -O -: stdout is a terminal: name a file with -O FILE\n" {
		t.Errorf("on a terminal: exit %d, stdout %d bytes, stderr %q", code, len(out), errs)
	}
	code, out, errs = run(false, "export", "-o", "parquet", "-O", "-")
	if code != 0 || !strings.HasPrefix(out, "PAR1") || !strings.HasSuffix(out, "PAR1") {
		t.Errorf("down a pipe: exit %d, stderr %q, stdout starts %q", code, errs, out[:min(len(out), 8)])
	}
}
