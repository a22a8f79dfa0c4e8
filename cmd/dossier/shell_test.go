package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoColourOrProgressOffATerminal: with stdout and stderr piped, dossier writes no ANSI
// escape and no progress bar, whether NO_COLOR is set or not and whatever TERM says; with
// NO_COLOR it never colours. A representative set of commands, results and errors alike.
func TestNoColourOrProgressOffATerminal(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "office")
	envs := map[string][]string{
		"NO_COLOR=1":             {"NO_COLOR=1", "TERM=xterm-256color", "CLICOLOR_FORCE="},
		"no NO_COLOR, piped":     {"NO_COLOR=", "TERM=xterm-256color", "CLICOLOR_FORCE="},
		"no NO_COLOR, dumb term": {"NO_COLOR=", "TERM=dumb"},
	}
	run(t, dossier(t, dir, envs["NO_COLOR=1"], "demo", repo, "--cases", "60"))
	id := strings.TrimSpace(strings.Split(run(t, dossier(t, repo, nil, "list", "-o", "ids")), "\n")[0])
	if id == "" {
		t.Fatal("the demo repository lists no case")
	}
	commands := [][]string{
		{"demo", "DEMO", "--cases", "20"},
		{"list"}, {"list", "-o", "table"}, {"show", id}, {"show", id, "-o", "json"}, {"history", id},
		{"due"}, {"stats"}, {"stats", "--by", "type", "-o", "table"}, {"check"}, {"fmt", "--check"},
		{"report", "oversight", "--period", "2025"}, {"report", "oversight", "--period", "2025", "-o", "html"},
		{"report", "workload"}, {"trends", "--period", "2025-Q4"}, {"export", "-o", "jsonl"},
		{"create", "--channel", "email", "--summary", "Colour test", "--incident-date", "2024-01-01"},
		{"classify", id, "--type", "bogus"}, {"close", id, "--outcome", "nonsense"}, {"bogus-command"},
		{"create"}, {"show", "2026-ZZZZZ"}, {"--help"}, {"list", "--help"}, {"completion", "tcsh"}, {"version"},
	}
	for name, env := range envs {
		for i, args := range commands {
			args = append([]string(nil), args...)
			if args[0] == "demo" {
				args[1] = filepath.Join(dir, "demo-"+strings.Fields(name)[0]+string(rune('a'+i)))
			}
			cmd := dossier(t, repo, env, args...)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				if _, ok := err.(*exec.ExitError); !ok {
					t.Fatalf("%v: %v", args, err)
				}
			}
			for stream, b := range map[string][]byte{"stdout": out.Bytes(), "stderr": errb.Bytes()} {
				if i := bytes.Index(b, []byte("\x1b[")); i >= 0 {
					t.Errorf("%s: dossier %s: ANSI escape on %s: %q", name, strings.Join(args, " "), stream, b[max(0, i-40):min(len(b), i+20)])
				}
				if bytes.ContainsAny(b, "\r█░") && !(stream == "stdout" && bytes.Contains(b, []byte("\r\n"))) {
					t.Errorf("%s: dossier %s: progress bar or carriage return on %s", name, strings.Join(args, " "), stream)
				}
			}
			if len(out.Bytes())+len(errb.Bytes()) == 0 && args[0] != "check" && args[0] != "fmt" {
				t.Errorf("%s: dossier %s printed nothing: the scan would not see an escape", name, strings.Join(args, " "))
			}
		}
	}
}
