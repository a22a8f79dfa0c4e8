package cli_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// execDossier is a script line running dossier as a process in the foreground: optional
// conditions, optional !, exec dossier, arguments. A line ending in & does not match.
var execDossier = regexp.MustCompile(`^(\s*(?:\[[^\]]*\]\s*)*(?:!\s*)?)exec(\s+dossier(?:\s.*[^&\s])?\s*)$`)

// inProcessScripts copies the scripts of dir into a temporary directory with each
// foreground `exec dossier` of the script part (not of the files it holds) spelled `dossier`,
// the command that runs in this process. Nothing else changes: the same lines, the same
// files, the same assertions, byte for byte.
func inProcessScripts(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var files []string
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(out, filepath.Base(name))
		if err := os.WriteFile(p, []byte(inProcessScript(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	return files
}

func inProcessScript(script string) string {
	lines := strings.SplitAfter(script, "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\r\n"), " --") {
			break // the files of the archive start here
		}
		body := strings.TrimRight(line, "\r\n")
		if m := execDossier.FindStringSubmatch(body); m != nil {
			lines[i] = m[1] + strings.TrimLeft(m[2], " \t") + line[len(body):]
		}
	}
	return strings.Join(lines, "")
}

// dossierInProcess is the script command dossier ARGS: what exec dossier ARGS does, run in
// this process by cli.RunIn with the script's working directory and environment. A line
// after stdin FILE starts the real command, which reads it (testscript gives that input to
// the next process only).
func dossierInProcess(ts *testscript.TestScript, neg bool, args []string) {
	code := runDossierIn(ts, args)
	if code != 0 {
		ts.Logf("[exit status %d]", code)
	}
	switch {
	case code != 0 && !neg:
		ts.Fatalf("unexpected command failure")
	case code == 0 && neg:
		ts.Fatalf("unexpected command success")
	}
}

// runDossierIn runs dossier ARGS for a script and returns its exit status; its output is the
// script's stdout and stderr.
func runDossierIn(ts *testscript.TestScript, args []string) int {
	if pendingStdin(ts) {
		err := ts.Exec("dossier", args...)
		if err == nil {
			return 0
		}
		code := exitCodeOf(err)
		if code < 0 {
			ts.Fatalf("dossier: %v", err)
		}
		return code
	}
	dir := ts.MkAbs(".")
	env := append(scriptEnv(ts), "PWD="+dir)
	return runner.RunIn(dir, env, args, strings.NewReader(""), ts.Stdout(), ts.Stderr())
}

// scriptState is testscript's own record of a script: its environment (what exec gives a
// process) and the input the stdin command left for the next process. testscript does not
// hand them to the commands a test adds, so they are read here, read only.
func scriptState(ts *testscript.TestScript, field string) reflect.Value {
	v := reflect.ValueOf(ts).Elem().FieldByName(field)
	if !v.IsValid() {
		ts.Fatalf("testscript no longer has the field %q the in-process dossier command reads: update internal/cli/inprocess_test.go", field)
	}
	return v
}

func scriptEnv(ts *testscript.TestScript) []string {
	v := scriptState(ts, "env")
	env := make([]string, v.Len())
	for i := range env {
		env[i] = v.Index(i).String()
	}
	return env
}

func pendingStdin(ts *testscript.TestScript) bool {
	return scriptState(ts, "stdin").String() != "" || scriptState(ts, "ttyin").String() != ""
}

// The copy changes only foreground exec dossier lines of the script part.
func TestInProcessScript(t *testing.T) {
	in := "exec dossier init -q repo\n! exec dossier check\n[unix] exec dossier list &\n[!windows] ! exec dossier show x\nexec dossier serve &\nexec dossierx\nexec git status\n# exec dossier in a comment\nexits 2 dossier init a b\n-- hook.sh --\nexec dossier hooks pre-commit\n"
	want := "dossier init -q repo\n! dossier check\n[unix] exec dossier list &\n[!windows] ! dossier show x\nexec dossier serve &\nexec dossierx\nexec git status\n# exec dossier in a comment\nexits 2 dossier init a b\n-- hook.sh --\nexec dossier hooks pre-commit\n"
	if got := inProcessScript(in); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
