package gitx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWroteEnv: one line per path in byte order, duplicates once; nothing unless every path
// has a blob id, is a record path, and is one git prints unquoted.
func TestWroteEnv(t *testing.T) {
	a, b := "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	wrote := map[string]string{"records/2026/2026-B.yaml": b, "records/2026/2026-A.yaml": a, "records/2026/a b.yaml": a, "dossier.yaml": a}
	env, ok := WroteEnv([]string{"records/2026/2026-B.yaml", "records/2026/2026-A.yaml", "records/2026/2026-B.yaml"}, wrote)
	want := "DOSSIER_WROTE=100644 " + a + " records/2026/2026-A.yaml\n100644 " + b + " records/2026/2026-B.yaml"
	if !ok || env != want {
		t.Errorf("WroteEnv = %q, %v; want %q", env, ok, want)
	}
	for _, paths := range [][]string{
		nil,
		{"records/2026/2026-A.yaml", "records/2026/2026-C.yaml"}, // C was not written
		{"records/2026/a b.yaml"},                                // git would quote it
		{"dossier.yaml"},                                         // not a record
	} {
		if env, ok := WroteEnv(paths, wrote); ok {
			t.Errorf("WroteEnv(%q) = %q, want none", paths, env)
		}
	}
}

// TestCommitAddsOnlyWhatGitDoesNotKnow: a commit of files the index holds runs no git add (the
// commit takes them from the work tree); a new file, or one marked intent-to-add, is added
// first. Each commit holds exactly its paths, and leaves nothing staged or modified.
func TestCommitAddsOnlyWhatGitDoesNotKnow(t *testing.T) {
	g := testGit(t)
	trace := filepath.Join(t.TempDir(), "trace")
	g.Env = append(g.Env, "GIT_TRACE="+trace)
	adds := func() int {
		data, _ := os.ReadFile(trace)
		os.Remove(trace)
		return strings.Count(string(data), "built-in: git add")
	}
	write(t, g, "records/a.yaml", "a\n")
	write(t, g, "records/b.yaml", "b\n")
	if err := g.Commit([]string{"records/a.yaml", "records/b.yaml"}, "new", nil); err != nil || adds() != 1 {
		t.Fatalf("new files: %v", err)
	}
	write(t, g, "records/a.yaml", "a2\n")
	write(t, g, "records/b.yaml", "b2\n") // changed, not committed
	if err := g.Commit([]string{"records/a.yaml"}, "change", nil); err != nil {
		t.Fatal(err)
	}
	if n := adds(); n != 0 {
		t.Errorf("a tracked file: %d git add", n)
	}
	if got, _ := g.Run("show", "HEAD:records/a.yaml"); got != "a2" {
		t.Errorf("committed a.yaml = %q", got)
	}
	if got, _ := g.Run("status", "--porcelain"); got != " M records/b.yaml" {
		t.Errorf("status after committing a.yaml only: %q", got)
	}
	write(t, g, "records/c.yaml", "c\n")
	if _, err := g.Run("add", "--intent-to-add", "records/c.yaml"); err != nil {
		t.Fatal(err)
	}
	adds()
	if err := g.Commit([]string{"records/c.yaml"}, "intent", nil); err != nil || adds() != 1 {
		t.Errorf("intent-to-add: %v", err)
	}
	if got, _ := g.Run("show", "HEAD:records/c.yaml"); got != "c" {
		t.Errorf("committed c.yaml = %q", got)
	}
}
