package gitx

import (
	"maps"
	"slices"
	"testing"
)

// ChangedSince, Untracked and FilesAt see a records directory inside a larger repository
// (paths relative to the runner's directory): what changed since a commit, what git does not
// track, and files as the commit holds them (one missing there is left out, a subdirectory is
// not a file).
func TestChangedSinceUntrackedFilesAt(t *testing.T) {
	g := testGit(t)
	write(t, g, "office/records/2026/a.yaml", "a\n")
	write(t, g, "office/records/2026/b.yaml", "b\n")
	write(t, g, "office/records/2026/c.yaml", "c\n")
	write(t, g, "office/other.yaml", "x\n")
	if _, err := g.Run("add", "-A"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("commit", "-q", "-m", "cases"); err != nil {
		t.Fatal(err)
	}
	base, err := g.RevParse("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	write(t, g, "office/records/2026/b.yaml", "b edited\n")
	write(t, g, "office/records/2026/d.yaml", "d\n")
	write(t, g, "office/other.yaml", "y\n")
	if _, err := g.Run("rm", "-q", "office/records/2026/c.yaml"); err != nil {
		t.Fatal(err)
	}
	write(t, g, "office/records/2026/e.yaml", "e\n")
	if _, err := g.Run("add", "office/records/2026/e.yaml"); err != nil {
		t.Fatal(err)
	}
	in := g.In(g.Dir + "/office")
	changed, err := in.ChangedSince(base, "records")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]byte{"records/2026/b.yaml": 'M', "records/2026/c.yaml": 'D', "records/2026/e.yaml": 'A'}
	if !maps.Equal(changed, want) {
		t.Errorf("ChangedSince = %q, want %q", changed, want)
	}
	untracked, err := in.Untracked("records")
	if err != nil || !slices.Equal(untracked, []string{"records/2026/d.yaml"}) {
		t.Errorf("Untracked = %q, %v", untracked, err)
	}
	files, err := in.FilesAt(base, []string{"records/2026/b.yaml", "records/2026/d.yaml", "records/2026", "records/2026/c.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || string(files["records/2026/b.yaml"]) != "b\n" || string(files["records/2026/c.yaml"]) != "c\n" {
		t.Errorf("FilesAt = %q", files)
	}
}
