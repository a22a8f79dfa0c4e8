package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// With NO_COLOR set, dossier writes no ANSI escape even when stdout and stderr are
// terminals (the terminal layouts of tables, the progress bar and refusals included).
func TestNoColourOnATerminalWithNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	repo := promptRepo(t)
	terminal := func(args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		env := map[string]string{"NO_COLOR": "1", "TERM": "xterm-256color", "HOME": t.TempDir()}
		f := &Factory{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] },
			Version: "test", InTerminal: true, OutTerminal: true, ErrTerminal: true}
		f.run(args)
		return out.String(), errb.String()
	}
	demo := filepath.Join(t.TempDir(), "demo")
	for _, args := range [][]string{
		{"demo", demo, "--cases", "40"},
		{"-C", demo, "list"}, {"-C", demo, "due"}, {"-C", demo, "stats", "--by", "type"}, {"-C", demo, "export", "-o", "csv"},
		{"-C", demo, "report", "workload"}, {"-C", demo, "close", "2026-ZZZZZ", "--outcome", "x"},
		{"-C", repo, "create", "--channel", "email", "--summary", "x", "--incident-date", "2024-01-01"},
		{"-C", repo, "classify", "2026-0001", "--type", "bogus"}, {"-C", repo, "show", "2026-0001"}, {"--help"},
	} {
		out, errs := terminal(args...)
		if out+errs == "" {
			t.Errorf("dossier %s printed nothing: the test would not see an escape", strings.Join(args, " "))
		}
		if strings.Contains(out+errs, "\x1b[") {
			t.Errorf("dossier %s: ANSI escape with NO_COLOR:\n%q\n%q", strings.Join(args, " "), out, errs)
		}
	}
}
