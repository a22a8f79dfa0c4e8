package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleProfilesCheckClean starts a repository on each example profile of docs/examples
// as its header says (init, the example as dossier.yaml, its letters under templates/letters)
// and runs check: silent, exit 0. An example that stops loading fails here.
func TestExampleProfilesCheckClean(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d example profiles in %s, want at least 3", len(files), examplesDir)
	}
	env := cleanEnv("HOME="+t.TempDir(), "DOSSIER_NOW=2026-03-02T10:00:00Z", "DOSSIER_ACTOR=tester", "GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			repo := filepath.Join(t.TempDir(), name)
			inProcess(t, env, "init", "-q", repo)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(repo, "dossier.yaml"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			letters := filepath.Join(examplesDir, "letters", name)
			if err := os.CopyFS(filepath.Join(repo, "templates", "letters"), os.DirFS(letters)); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			code := runner.Run([]string{"-C", repo, "check"}, strings.NewReader(""), &out, &errb, getenvOf(env))
			if code != 0 || out.Len() > 0 || errb.Len() > 0 {
				t.Errorf("%s: check exit %d, want 0 and no output:\n%s%s", file, code, out.String(), errb.String())
			}
		})
	}
}
