package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/iostreams"
)

// testFactory is a factory on the given streams (none a terminal) and exactly the environment
// env: nothing of the process's own environment leaks in.
func testFactory(in io.Reader, out, errw io.Writer, env map[string]string) *Factory {
	return &Factory{IOStreams: &iostreams.IOStreams{In: in, Out: out, Err: errw}, Getenv: func(k string) string { return env[k] }, Version: "test"}
}

// runEnv runs dossier with exactly the environment env (nothing of the process's own).
func runEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// An injected DOSSIER_NOW reaches create (the received date and the history), whatever the
// process's own environment says.
func TestInjectedNowReachesCreate(t *testing.T) {
	t.Parallel()
	repo := filepath.Join(t.TempDir(), "repo")
	env := map[string]string{"HOME": t.TempDir(), "DOSSIER_NOW": "2021-07-04T10:00:00Z", "DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential"}
	if code, _, stderr := runEnv(t, env, "init", "-q", repo); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	code, stdout, stderr := runEnv(t, env, "-C", repo, "create", "-q", "--channel", "phone", "--summary", "x")
	if code != 0 || stdout != "2021-0001\n" {
		t.Fatalf("create: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(repo, "records", "2021", "2021-0001.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"received: 2021-07-04\n", "at: 2021-07-04T10:00:00Z\n", "by: tester\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("record lacks %q:\n%s", want, data)
		}
	}
}

// A bad value in the injected environment fails every command, naming the variable.
func TestInjectedEnvironmentIsValidated(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, value, want string }{
		{"DOSSIER_QUIET", "maybe", `dossier: DOSSIER_QUIET="maybe": write true or false (or 1 or 0)` + "\n"},
		{"DOSSIER_NOW", "soon", `dossier: DOSSIER_NOW="soon": write RFC 3339 (2026-01-15T14:02:11Z) or a date (2026-01-15)` + "\n"},
	} {
		env := map[string]string{"HOME": t.TempDir(), tc.key: tc.value}
		code, stdout, stderr := runEnv(t, env, "version")
		if code != ExitError || stdout != "" || stderr != tc.want {
			t.Errorf("%s=%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", tc.key, tc.value, code, stdout, stderr, tc.want)
		}
	}
}
