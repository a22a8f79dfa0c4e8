package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run the user's git on repositories made by dossier init: git finds the merge
// driver command `dossier` on PATH, where testscript.Main put this test binary.

func gitRun(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func mustGit(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	out, err := gitRun(dir, env, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// createCases takes in n cases in dir with one CSV import (which replays each through create) (in-process: the same code as the
// command, and one run instead of n) and commits them; git and the merge driver run as
// processes.
func createCases(t *testing.T, dir string, env []string, n int, who string) {
	t.Helper()
	rows := strings.Builder{}
	rows.WriteString("received,channel,summary\n")
	for i := range n {
		fmt.Fprintf(&rows, "2026-02-27,email,complaint %d taken by %s\n", i, who)
	}
	file := filepath.Join(t.TempDir(), who+".csv")
	if err := os.WriteFile(file, []byte(rows.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	inProcess(t, env, "-C", dir, "-q", "import", file)
	mustGit(t, dir, env, "add", "records")
	mustGit(t, dir, env, "commit", "-q", "-m", fmt.Sprintf("%s: %d cases", who, n))
}

func newRecordsRepo(t *testing.T, env []string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", "-q", dir)
	mustGit(t, dir, env, "add", "-A")
	mustGit(t, dir, env, "commit", "-q", "-m", "records repository")
	mustGit(t, dir, env, "branch", "-M", "main")
	return dir
}

// Two branches each create 100 cases with random ids: the merge is clean and check finds
// no collision.
func TestGitMergeHundredCasesEachRandomIDs(t *testing.T) {
	t.Parallel()
	env := dossierEnv(t)
	dir := newRecordsRepo(t, env)
	mustGit(t, dir, env, "checkout", "-q", "-b", "ana")
	createCases(t, dir, env, 100, "ana")
	mustGit(t, dir, env, "checkout", "-q", "-b", "bob", "main")
	createCases(t, dir, env, 100, "bob")
	mustGit(t, dir, env, "merge", "-q", "--no-edit", "ana")
	if out, err := runDossier(t, env, "-C", dir, "check", "--against", "ana"); err != nil || out != "" {
		t.Errorf("check --against ana after the merge: %v\n%s", err, out)
	}
	if n := len(strings.Fields(gitOut(t, dir, env, "ls-files", "records"))); n != 200 {
		t.Errorf("%d record files after the merge, want 200", n)
	}
	// Before merging, check --against the other branch finds nothing either.
	mustGit(t, dir, env, "checkout", "-q", "-b", "carl", "main")
	createCases(t, dir, env, 100, "carl")
	if out, err := runDossier(t, env, "-C", dir, "check", "--against", "bob"); err != nil || out != "" {
		t.Errorf("check --against bob: %v\n%s", err, out)
	}
}

// With sequential ids, two branches each creating the same number of cases mint the same
// ids: git merge reports the collisions instead of merging two cases into one, check
// --against names every one, renumber --against fixes them, and the merge is then clean.
// Old ids still find the renumbered cases.
//
// Twenty cases a branch: git runs the merge driver once a file and each collision takes the
// same path through it, check --against reads the other branch with one git cat-file for
// every file, and renumber numbers after the highest id of both; none of them works in
// batches or changes path with the count, so twenty collisions exercise what a hundred did
// (at a fifth of the merge driver processes).
func TestGitMergeSequentialCollisionsRenumber(t *testing.T) {
	t.Parallel()
	const n = 20
	env := append(dossierEnv(t), "DOSSIER_IDS=sequential")
	dir := newRecordsRepo(t, env)
	mustGit(t, dir, env, "checkout", "-q", "-b", "bob")
	createCases(t, dir, env, n, "bob")
	mustGit(t, dir, env, "checkout", "-q", "main")
	createCases(t, dir, env, n, "ana")
	mustGit(t, dir, env, "checkout", "-q", "bob")

	out, err := gitRun(dir, env, "merge", "--no-edit", "main")
	if err == nil {
		t.Fatalf("git merge of two sets of different cases under the same ids succeeded:\n%s", out)
	}
	if got := strings.Count(out, "id collision: both branches created a different case as"); got != n {
		t.Errorf("the merge driver reported %d id collisions, want %d:\n%s", got, n, out)
	}
	mustGit(t, dir, env, "merge", "--abort")

	out, err = runDossier(t, env, "-C", dir, "check", "--against", "main")
	if code := exitCodeOf(err); code != 3 {
		t.Fatalf("check --against main: exit %d, want 3\n%s", code, out)
	}
	if got := strings.Count(out, ": id: id collision with main: "); got != n {
		t.Errorf("check --against main reported %d collisions, want %d:\n%s", got, n, out)
	}
	if !strings.Contains(out, "records/2026/2026-0012.yaml: id: id collision with main: 2026-0012 there is a different case (received 2026-02-27, created 2026-03-02T10:00:00Z by tester): give this one a new id with dossier renumber 2026-0012 --against main\n") {
		t.Errorf("check --against main does not explain 2026-0012:\n%s", out)
	}

	out = mustDossier(t, env, "-C", dir, "-q", "--commit", "renumber", "--against", "main")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != n || lines[0] != "2026-0001 2026-0021" || lines[n-1] != "2026-0020 2026-0040" {
		t.Errorf("renumber printed %d lines, first %q, last %q; want %d, 2026-0001 2026-0021 ... 2026-0020 2026-0040", len(lines), lines[0], lines[len(lines)-1], n)
	}
	if st := gitOut(t, dir, env, "status", "--porcelain", "records"); st != "" {
		t.Errorf("renumber --commit left changes uncommitted:\n%s", st)
	}
	if out, err := runDossier(t, env, "-C", dir, "check", "--against", "main"); err != nil || out != "" {
		t.Errorf("check --against main after renumber: %v\n%s", err, out)
	}
	// The old id still finds the case, by its alias.
	if out := mustDossier(t, env, "-C", dir, "show", "2026-0007", "-o", "yaml"); !strings.Contains(out, "id: 2026-0027\naliases: [2026-0007]\n") || !strings.Contains(out, "complaint 6 taken by bob") {
		t.Errorf("show 2026-0007 after renumbering:\n%s", out)
	}

	mustGit(t, dir, env, "merge", "-q", "--no-edit", "main")
	if out, err := runDossier(t, env, "-C", dir, "check"); err != nil || out != "" {
		t.Errorf("check after the merge: %v\n%s", err, out)
	}
	if got := len(strings.Fields(gitOut(t, dir, env, "ls-files", "records"))); got != 2*n {
		t.Errorf("%d record files after the merge, want %d", got, 2*n)
	}
}

func exitCodeOf(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if code, ok := err.(exitStatus); ok {
		return int(code)
	}
	if err != nil {
		return -1
	}
	return 0
}
