package gitx

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// gitParents is what git says of HEAD's parents (rev-parse HEAD^@; none with no commit).
func gitParents(t *testing.T, g Git) []string {
	t.Helper()
	out, err := g.Run("rev-parse", "HEAD^@")
	if err != nil {
		return nil
	}
	return fieldsOrNil(out)
}

// TestHeadParentsAgreeWithGit: HEAD's parents read from git's files equal git's own answer in
// every state a records repository goes through (no commit, first commit, a line of commits,
// a merge commit, a detached HEAD, refs packed), and what this does not read (packed objects,
// a replaced commit, a shallow clone) is left to git.
func TestHeadParentsAgreeWithGit(t *testing.T) {
	g := testGit(t)
	step := func(name string, wantRead bool) {
		t.Helper()
		got, ok := g.headParents()
		if ok != wantRead {
			t.Errorf("%s: read = %v, want %v", name, ok, wantRead)
		}
		if want := gitParents(t, g); ok && !slices.Equal(got, want) {
			t.Errorf("%s: headParents = %q, git = %q", name, got, want)
		}
		heads, parents, err := g.MergeState()
		if want := gitParents(t, g); err != nil || !slices.Equal(parents, want) || heads != nil {
			t.Errorf("%s: MergeState = %q, %q, %v; want parents %q", name, heads, parents, err, want)
		}
	}
	step("no commit", true)
	write(t, g, "records/a.yaml", "a\n")
	if err := g.Commit([]string{"records"}, "first", nil); err != nil {
		t.Fatal(err)
	}
	step("first commit", true)
	write(t, g, "records/a.yaml", "a2\n")
	if err := g.Commit([]string{"records/a.yaml"}, "second", nil); err != nil {
		t.Fatal(err)
	}
	step("second commit", true)
	if _, err := g.Run("checkout", "-q", "-b", "other", "HEAD~1"); err != nil {
		t.Fatal(err)
	}
	write(t, g, "records/b.yaml", "b\n")
	if err := g.Commit([]string{"records/b.yaml"}, "other", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("merge", "-q", "--no-edit", "main"); err != nil {
		t.Fatal(err)
	}
	step("merge commit", true)
	if got, _ := g.headParents(); len(got) != 2 {
		t.Errorf("a merge commit's parents: %q", got)
	}
	if _, err := g.Run("checkout", "-q", "--detach", "HEAD~1"); err != nil {
		t.Fatal(err)
	}
	step("detached HEAD", true)
	if _, err := g.Run("checkout", "-q", "other"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("pack-refs", "--all", "--prune"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(g.Dir, ".git", "refs", "heads", "other")); !os.IsNotExist(err) {
		t.Fatalf("pack-refs left the ref file: %v", err)
	}
	step("refs packed", true)
	if _, err := g.Run("checkout", "-q", "--orphan", "unborn"); err != nil {
		t.Fatal(err)
	}
	step("an unborn branch", true)
	if _, err := g.Run("checkout", "-q", "-f", "other"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("gc", "-q", "--prune=now"); err != nil {
		t.Fatal(err)
	}
	step("objects packed", false)

	write(t, g, "records/c.yaml", "c\n")
	if err := g.Commit([]string{"records/c.yaml"}, "after gc", nil); err != nil {
		t.Fatal(err)
	}
	step("a loose commit over packed ones", true)
	other, err := g.Run("commit-tree", "-m", "replacement", "HEAD^{tree}") // no parent
	if err != nil {
		t.Fatal(err)
	}
	now, _ := g.RevParse("HEAD")
	if _, err := g.Run("replace", now, other); err != nil {
		t.Fatal(err)
	}
	step("a replaced commit", false)
	if _, err := g.Run("replace", "-d", now); err != nil {
		t.Fatal(err)
	}

	shallow := filepath.Join(t.TempDir(), "shallow")
	if _, err := g.Run("clone", "-q", "--depth", "1", "file://"+g.Dir, shallow); err != nil {
		t.Fatal(err)
	}
	s := g.In(shallow)
	step2, ok := s.headParents()
	if ok {
		t.Errorf("a shallow clone was read: %q", step2)
	}
	if _, parents, err := s.MergeState(); err != nil || parents != nil {
		t.Errorf("shallow clone: MergeState parents %q, %v; git shows none", parents, err)
	}
}

// TestCommitParentsRefusesWhatIsNotACommit: a loose object that is not a commit, or not zlib,
// is not read.
func TestCommitParentsRefusesWhatIsNotACommit(t *testing.T) {
	g := testGit(t)
	write(t, g, "x", "not a commit\n")
	blob, err := g.Run("hash-object", "-w", "x")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := commitParents(filepath.Join(g.Dir, ".git", "objects", blob[:2], blob[2:])); ok {
		t.Error("a blob was read as a commit")
	}
	if _, ok := commitParents(filepath.Join(g.Dir, "x")); ok {
		t.Error("a plain file was read as an object")
	}
	if isObjectID(strings.ToUpper(blob)) || !isObjectID(blob) {
		t.Error("isObjectID")
	}
}
