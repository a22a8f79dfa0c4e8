package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// dossierEnv is the environment of a dossier process in these tests: a fixed clock and actor,
// a git identity and no user or system git configuration.
func dossierEnv(t *testing.T) []string {
	home := filepath.Join(t.TempDir(), "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	return cleanEnv(
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"DOSSIER_NOW=2026-03-02T10:00:00Z",
		"DOSSIER_ACTOR=tester",
		"GIT_AUTHOR_NAME=Test Coordinator",
		"GIT_AUTHOR_EMAIL=coordinator@example.org",
		"GIT_COMMITTER_NAME=Test Coordinator",
		"GIT_COMMITTER_EMAIL=coordinator@example.org",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=maintenance.auto", "GIT_CONFIG_VALUE_0=false", // no housekeeping process after each commit
		"NO_COLOR=1",
	)
}

// runDossier runs dossier with the environment env in this process (cli.Runner.RunIn), as a
// process started with env would run: its stdout and stderr together, and an error for a
// non-zero exit status. Tests of what only processes do (running at once, being killed)
// use processDossier.
func runDossier(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	var out lockedBuffer
	if code := runner.RunIn("", env, args, strings.NewReader(""), &out, &out); code != 0 {
		return out.String(), exitStatus(code)
	}
	return out.String(), nil
}

// exitStatus is the non-zero exit status of a command run in this process.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// processDossier runs the dossier command that testscript.Main put on PATH (this test
// binary) as a process.
func processDossier(env []string, args ...string) (string, error) {
	cmd := exec.Command("dossier", args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// lockedBuffer is a buffer two streams of one command write to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func mustDossier(t *testing.T, env []string, args ...string) string {
	t.Helper()
	out, err := runDossier(t, env, args...)
	if err != nil {
		t.Fatalf("dossier %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func gitOut(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// concurrently runs n dossier processes at once and fails the test for any that fails.
func concurrently(t *testing.T, env []string, n int, args func(i int) []string) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := args(i)
			if out, err := processDossier(env, a...); err != nil {
				errs[i] = fmt.Sprintf("dossier %s: %v\n%s", strings.Join(a, " "), err, out)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

func commitCount(t *testing.T, dir string, env []string) int {
	t.Helper()
	n, err := strconv.Atoi(gitOut(t, dir, env, "rev-list", "--count", "HEAD"))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Twenty committing notes on the same case at once: every note is kept and each one is its
// own commit (the record write and its commit must not interleave with another process's).
func TestCommitConcurrentNotesOneCase(t *testing.T) {
	t.Parallel()
	env := dossierEnv(t)
	dir := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", dir)
	id := strings.TrimSpace(mustDossier(t, env, "-C", dir, "-q", "--commit", "create", "--received", "2026-02-27", "--channel", "phone", "--summary", "Rude language"))
	const n = 20
	concurrently(t, env, n, func(i int) []string {
		return []string{"-C", dir, "-q", "--commit", "note", id, fmt.Sprintf("call %d", i)}
	})
	if got := commitCount(t, dir, env); got != n+1 {
		t.Errorf("git rev-list --count HEAD = %d, want %d (a create and %d notes)", got, n+1, n)
	}
	if st := gitOut(t, dir, env, "status", "--porcelain", "records"); st != "" {
		t.Errorf("uncommitted changes left:\n%s", st)
	}
	subjects := gitOut(t, dir, env, "log", "--format=%s")
	if got := strings.Count(subjects, "note "+id); got != n {
		t.Errorf("%d commits with subject %q, want %d:\n%s", got, "note "+id, n, subjects)
	}
	data, err := os.ReadFile(filepath.Join(dir, "records", "2026", id+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if !strings.Contains(string(data), fmt.Sprintf("detail: call %d\n", i)) {
			t.Errorf("note %q lost from the record", fmt.Sprintf("call %d", i))
		}
	}
	// Each commit adds exactly one history entry: no commit swallowed another's change.
	for _, stat := range strings.Split(gitOut(t, dir, env, "log", "--format=", "--numstat", "--skip=0", "-n", strconv.Itoa(n)), "\n") {
		if f := strings.Fields(stat); len(f) == 3 && f[0] != "5" {
			t.Errorf("a note commit added %s lines, want 5 (one history entry): %s", f[0], stat)
		}
	}
}

// Twenty committing creates at once: twenty cases, twenty commits.
func TestCommitConcurrentCreates(t *testing.T) {
	t.Parallel()
	env := dossierEnv(t)
	dir := filepath.Join(t.TempDir(), "repo")
	mustDossier(t, env, "init", dir)
	const n = 20
	concurrently(t, env, n, func(i int) []string {
		return []string{"-C", dir, "-q", "--commit", "create", "--received", "2026-02-27", "--channel", "email", "--summary", "Rude language"}
	})
	if got := commitCount(t, dir, env); got != n {
		t.Errorf("git rev-list --count HEAD = %d, want %d", got, n)
	}
	files := gitOut(t, dir, env, "ls-files", "records")
	if got := len(strings.Fields(files)); got != n {
		t.Errorf("%d record files committed, want %d:\n%s", got, n, files)
	}
	if st := gitOut(t, dir, env, "status", "--porcelain", "records"); st != "" {
		t.Errorf("uncommitted changes left:\n%s", st)
	}
}
