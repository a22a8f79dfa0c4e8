package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// runStdin runs dossier in dir with stdin and the environment env, in this process
// (cli.Runner.RunIn), and returns stdout, stderr and the exit status.
func runStdin(t *testing.T, env []string, dir, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runner.RunIn(dir, env, args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// TestWriteRefusesOverSize: create (flags or stdin) and note refuse text that would make the
// record bigger than the reader accepts, naming the field, and write nothing; the case stays
// readable by show, note and list.
func TestWriteRefusesOverSize(t *testing.T) {
	t.Parallel()
	env := append(dossierEnv(t), "DOSSIER_IDS=sequential")
	repo := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", "-q", repo)
	big := strings.Repeat("x", records.MaxRecordSize-200)

	before := treeOf(t, repo)
	_, stderr, code := runStdin(t, env, repo, big, "create", "--received", "2026-02-27", "--channel", "email", "--summary", "-", "--complainant-name", strings.Repeat("n", 1000))
	if code != 1 || !strings.Contains(stderr, "dossier: the new case: summary: the record would be ") || !strings.Contains(stderr, "over the 1048576-byte (1 MiB) limit") {
		t.Errorf("create --summary - over the limit: exit %d\n%s", code, stderr)
	}
	if got := treeOf(t, repo); got != before {
		t.Errorf("a refused create changed the repository:\n%s\n%s", before, got)
	}
	// Several flags, each under the kernel's limit for one argument, add up to too much.
	args := []string{"create", "--received", "2026-02-27", "--channel", "email", "--summary", strings.Repeat("s", 120000)}
	for range 8 {
		args = append(args, "--officer", strings.Repeat("o", 120000))
	}
	if _, stderr, code := runSplit(t, env, repo, args...); code != 1 || !strings.Contains(stderr, "over the 1048576-byte") {
		t.Errorf("create with long flags: exit %d\n%s", code, stderr)
	}
	if got := treeOf(t, repo); got != before {
		t.Errorf("a refused create changed the repository")
	}

	mustDossier(t, env, "-C", repo, "create", "-q", "--received", "2026-02-27", "--channel", "email", "--summary", "short")
	file := filepath.Join(repo, "records", "2026", "2026-0001.yaml")
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runStdin(t, env, repo, big, "note", "2026-0001", "-")
	if code != 1 || !strings.Contains(stderr, "records/2026/2026-0001.yaml: history[1].detail: the record would be ") {
		t.Errorf("note over the limit: exit %d\n%s", code, stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != string(old) {
		t.Errorf("a refused note changed the record")
	}
	for _, args := range [][]string{{"show", "2026-0001"}, {"note", "2026-0001", "fine"}, {"list", "-o", "ids"}} {
		if out, stderr, code := runSplit(t, env, repo, args...); code != 0 || stderr != "" && !strings.Contains(stderr, "note recorded") || args[0] == "list" && out != "2026-0001\n" {
			t.Errorf("dossier %s after the refusals: exit %d\n%s%s", strings.Join(args, " "), code, out, stderr)
		}
	}
}
