package cli

import (
	"bytes"
	"strings"
	"testing"
)

// With NO_COLOR set, dossier writes no ANSI escape even when every stream is a terminal (the
// terminal table layouts, refusals and help included). One cheap test: dossier emits no
// colour at all today, so this guards the rule for whoever adds some.
func TestNoColourOnATerminalWithNoColor(t *testing.T) {
	t.Parallel()
	repo := promptRepo(t)
	env := map[string]string{"NO_COLOR": "1", "TERM": "xterm-256color", "HOME": t.TempDir(), "DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester"}
	for _, args := range [][]string{
		{"-C", repo, "create", "--channel", "email", "--summary", "x", "--incident-date", "2024-01-01"},
		{"-C", repo, "list"}, {"-C", repo, "due"}, {"-C", repo, "stats", "--by", "channel"}, {"-C", repo, "show", "2026-0001"},
		{"-C", repo, "classify", "2026-0001", "--type", "bogus"}, {"--help"},
	} {
		var out, errb bytes.Buffer
		f := testFactory(strings.NewReader(""), &out, &errb, env)
		f.InTerminal, f.OutTerminal, f.ErrTerminal = true, true, true
		f.run(args)
		if out.Len()+errb.Len() == 0 {
			t.Errorf("dossier %s printed nothing: the test would not see an escape", strings.Join(args, " "))
		}
		if strings.Contains(out.String()+errb.String(), "\x1b[") {
			t.Errorf("dossier %s: ANSI escape with NO_COLOR:\n%q\n%q", strings.Join(args, " "), out.String(), errb.String())
		}
	}
}
