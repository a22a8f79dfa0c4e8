package cli_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// cleanEnv is the whole environment of a dossier or git process a Go test starts: PATH (to
// find git, and dossier, which testscript.Main put there), TMPDIR from the caller and the
// empty GIT_TEMPLATE_DIR of the test process (testDossierOnPath), then vars. Nothing else of the caller's environment leaks in: no DOSSIER_*, EDITOR, VISUAL,
// GIT_*, XDG_* or LANG that would make a test pass on one machine and fail on another.
func cleanEnv(vars ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH")}
	if tmp := os.Getenv("TMPDIR"); tmp != "" {
		env = append(env, "TMPDIR="+tmp)
	}
	if cover := os.Getenv("GOCOVERDIR"); cover != "" {
		env = append(env, "GOCOVERDIR="+cover)
	}
	if template := os.Getenv("GIT_TEMPLATE_DIR"); template != "" { // testDossierOnPath
		env = append(env, "GIT_TEMPLATE_DIR="+template)
	}
	return append(env, vars...)
}

// getenvOf reads an environment list as a process would (the last value of a name wins).
func getenvOf(env []string) func(string) string {
	m := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return func(k string) string { return m[k] }
}

// inProcess runs dossier inside the test process with exactly the environment env; it is
// what a dossier process would do, without starting one (for building fixtures fast).
func inProcess(t *testing.T, env []string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := runner.Run(args, strings.NewReader(""), &out, &errb, getenvOf(env)); code != 0 {
		t.Fatalf("dossier %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}
