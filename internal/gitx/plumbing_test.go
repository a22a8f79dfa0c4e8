package gitx

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// testGit is a runner in a fresh repository that ignores the caller's git configuration and
// commits as a fixed identity.
func testGit(t testing.TB) Git {
	t.Helper()
	dir := t.TempDir()
	g := Git{Dir: dir, Env: []string{
		"GIT_CONFIG_NOSYSTEM=1", "HOME=" + dir, "GIT_CONFIG_GLOBAL=" + filepath.Join(dir, "no-config"),
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
	}}
	if _, err := g.Run("init", "-q", "-b", "main"); err != nil {
		t.Skipf("git unavailable: %v", err)
	}
	return g
}

func write(t testing.TB, g Git, name, text string) {
	t.Helper()
	p := filepath.Join(g.Dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A merge that stops on a file: Stages names its three versions, MergeHeads the merged
// commit, Index leaves the unmerged file out; Tree, HashFiles and CatBlobs agree.
func TestPlumbingDuringAMerge(t *testing.T) {
	g := testGit(t)
	if heads, parents, err := g.MergeState(); err != nil || heads != nil || parents != nil {
		t.Fatalf("MergeState with no commit: %v, %v, %v", heads, parents, err)
	}
	write(t, g, "records/a.yaml", "base\n")
	write(t, g, "records/b.yaml", "b\n")
	if err := g.Commit([]string{"records"}, "base", nil); err != nil {
		t.Fatal(err)
	}
	if heads, parents, err := g.MergeState(); err != nil || len(heads) != 0 || len(parents) != 0 {
		t.Fatalf("MergeState on the first commit: %v, %v, %v", heads, parents, err)
	}
	if _, err := g.Run("checkout", "-q", "-b", "other"); err != nil {
		t.Fatal(err)
	}
	write(t, g, "records/a.yaml", "theirs\n")
	if err := g.Commit([]string{"records/a.yaml"}, "theirs", nil); err != nil {
		t.Fatal(err)
	}
	other, err := g.RevParse("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("checkout", "-q", "main"); err != nil {
		t.Fatal(err)
	}
	write(t, g, "records/a.yaml", "ours\n")
	if err := g.Commit([]string{"records/a.yaml"}, "ours", nil); err != nil {
		t.Fatal(err)
	}
	if heads, err := g.MergeHeads(); err != nil || len(heads) != 0 {
		t.Fatalf("MergeHeads before the merge: %v, %v", heads, err)
	}
	if _, err := g.Run("merge", "-q", "other"); err == nil {
		t.Fatal("the merge should stop on records/a.yaml")
	}
	if heads, err := g.MergeHeads(); err != nil || !slices.Equal(heads, []string{other}) {
		t.Fatalf("MergeHeads: %v, %v; want %s", heads, err, other)
	}
	// read where git says it is
	if p, err := g.GitPath("MERGE_HEAD"); err != nil || p != filepath.Join(g.Dir, ".git", "MERGE_HEAD") {
		t.Fatalf("git's MERGE_HEAD is %s (%v), MergeHeads reads %s", p, err, filepath.Join(g.Dir, ".git", "MERGE_HEAD"))
	}
	ours, err := g.RevParse("HEAD^")
	if err != nil {
		t.Fatal(err)
	}
	if heads, parents, err := g.MergeState(); err != nil || !slices.Equal(heads, []string{other}) || !slices.Equal(parents, []string{ours}) {
		t.Fatalf("MergeState during the merge: %v, %v, %v; want [%s] and [%s]", heads, parents, err, other, ours)
	}
	stages, err := g.Stages("records/")
	if err != nil {
		t.Fatal(err)
	}
	st, ok := stages["records/a.yaml"]
	if len(stages) != 1 || !ok || st[1] == "" || st[2] == "" || st[3] == "" {
		t.Fatalf("Stages: %v", stages)
	}
	// read from the index file, as git lists them
	if listed, err := g.lsStages("records/"); err != nil || !maps.Equal(stages, listed) {
		t.Fatalf("Stages from the index %v, from git %v (%v)", stages, listed, err)
	}
	if data, _, err := g.readIndex(); err != nil || data == nil {
		t.Fatalf("the index was not read directly: %v", err)
	}
	blobs, err := g.CatBlobs([]string{st[2], st[3]})
	if err != nil || string(blobs[st[2]]) != "ours\n" || string(blobs[st[3]]) != "theirs\n" {
		t.Fatalf("CatBlobs: %q, %v", blobs, err)
	}
	index, err := g.Index("records/")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := index["records/a.yaml"]; ok || index["records/b.yaml"] == "" {
		t.Fatalf("Index: %v", index)
	}
	tree, err := g.Tree(other, "records/")
	if err != nil {
		t.Fatal(err)
	}
	hashes, err := g.HashFiles([]string{"records/b.yaml"})
	if err != nil || len(hashes) != 1 || tree["records/b.yaml"] != hashes[0] || tree["records/a.yaml"] != st[3] {
		t.Fatalf("Tree %v, HashFiles %v, %v", tree, hashes, err)
	}
	if data, err := g.IndexBlob("records/b.yaml"); err != nil || string(data) != "b\n" {
		t.Fatalf("IndexBlob: %q, %v", data, err)
	}
}

// GitPathAndPrefix answers for the top of the work tree and for a directory inside it.
func TestGitPathAndPrefix(t *testing.T) {
	g := testGit(t)
	hooks, prefix, err := g.GitPathAndPrefix("hooks")
	if err != nil || hooks != filepath.Join(g.Dir, ".git", "hooks") || prefix != "" {
		t.Errorf("at the top: %q, %q, %v", hooks, prefix, err)
	}
	sub := filepath.Join(g.Dir, "office", "records")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	hooks, prefix, err = g.In(sub).GitPathAndPrefix("hooks")
	if err != nil || hooks != filepath.Join(g.Dir, ".git", "hooks") || prefix != "office/records" {
		t.Errorf("in office/records: %q, %q, %v", hooks, prefix, err)
	}
	if _, _, err := g.In(t.TempDir()).GitPathAndPrefix("hooks"); err == nil {
		t.Errorf("outside a repository: no error")
	}
}
