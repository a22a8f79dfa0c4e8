package gitx

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// Blobs lists the files whose working copy is what git's index holds, with git's blob ids,
// relative to the runner's directory (a records repository inside a larger git repository):
// not a file modified or deleted since, nor one marked assume-unchanged (git does not look at it), nor an
// untracked one, nor a symbolic link; a file only touched (new times, same content) is kept.
func TestBlobsVouchesOnlyForUnmodifiedFiles(t *testing.T) {
	g := testGit(t)
	write(t, g, "office/records/2026/a.yaml", "a\n")
	write(t, g, "office/records/2026/b.yaml", "b\n")
	write(t, g, "office/records/2026/c.yaml", "c\n")
	write(t, g, "office/records/2026/d.yaml", "d\n")
	write(t, g, "office/records/2026/gone.yaml", "gone\n")
	write(t, g, "office/elsewhere.yaml", "x\n")
	if err := os.Symlink("a.yaml", filepath.Join(g.Dir, "office/records/2026/link.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("add", "-A"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("commit", "-q", "-m", "cases"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("update-index", "--assume-unchanged", "office/records/2026/c.yaml"); err != nil {
		t.Fatal(err)
	}
	write(t, g, "office/records/2026/b.yaml", "b edited\n")
	write(t, g, "office/records/2026/c.yaml", "c edited\n")
	write(t, g, "office/records/2026/new.yaml", "new\n")
	write(t, g, "office/records/2026/d.yaml", "d\n") // rewritten, the same content
	if err := os.Remove(filepath.Join(g.Dir, "office/records/2026/gone.yaml")); err != nil {
		t.Fatal(err)
	}
	got, err := g.In(g.Dir + "/office").Blobs("records")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"records/2026/a.yaml": "78981922613b2afb6025042ff6bd878ac1994e85", // git hash-object of "a\n"
		"records/2026/d.yaml": "4bcfe98e640c8284511312660fb8709b0afa888e",
	}
	if !maps.Equal(got, want) {
		t.Fatalf("Blobs = %v, want %v", got, want)
	}
	if _, err := g.In(t.TempDir()).Blobs("records"); err == nil {
		t.Fatal("Blobs outside a repository: no error")
	}
}

// A repository of SHA-256 objects: its ids are not SHA-1 ids, Blobs says so.
func TestBlobsRefusesSHA256(t *testing.T) {
	g := testGit(t)
	dir := t.TempDir()
	if _, err := g.In(dir).Run("init", "-q", "--object-format=sha256"); err != nil {
		t.Skipf("this git has no sha256 repositories: %v", err)
	}
	sha256 := g.In(dir)
	write(t, sha256, "records/2026/a.yaml", "a\n")
	if _, err := sha256.Run("add", "-A"); err != nil {
		t.Fatal(err)
	}
	if _, err := sha256.Blobs("records"); !errors.Is(err, ErrNotSHA1) {
		t.Fatalf("Blobs in a sha256 repository: %v, want ErrNotSHA1", err)
	}
}
