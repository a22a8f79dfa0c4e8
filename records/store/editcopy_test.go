package store

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEditCopies: a working copy is under .dossier/editing, mode 0600; a sweep keeps the copy
// of a running edit and removes a dead one's; a sweep for purged cases removes their copies
// and kept texts, running or not.
func TestEditCopies(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	live, err := s.NewEditCopy("2026-K7M2Q", []byte("id: 2026-K7M2Q\n"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(live.Path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("copy %s: %v %v", live.Path, err, info)
	}
	if rel, _ := filepath.Rel(dir, live.Path); filepath.Dir(filepath.Dir(rel)) != filepath.FromSlash(editingDir) {
		t.Errorf("copy at %s", rel)
	}
	dead := filepath.Join(dir, filepath.FromSlash(editingDir), "2026-AAAAA-0123456789ab")
	if err := os.MkdirAll(dead, 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dead, ".lock"), nil, 0o600)
	os.WriteFile(filepath.Join(dead, "2026-AAAAA.yaml"), []byte("x"), 0o600)
	s.SweepEdits(nil)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a dead edit's copy was not swept: %v", err)
	}
	if _, err := os.Stat(live.Path); err != nil {
		t.Errorf("a running edit's copy was swept: %v", err)
	}
	kept := filepath.Join(dir, filepath.FromSlash(EditsDir), "2026-K7M2Q.yaml")
	os.MkdirAll(filepath.Dir(kept), 0o700)
	os.WriteFile(kept, []byte("x"), 0o600)
	s.SweepEdits([]string{"2026-K7M2Q"})
	for _, p := range []string{live.Path, kept} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s survived a purge of its case", p)
		}
	}
	live.Close()
}
