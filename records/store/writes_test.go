package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// A Store makes the temp and year directories once, not at every write: when they are
// removed while it is open (a user's rm -r .dossier, a year emptied by hand), its next
// create or update makes them again.
func TestWritesRemakeRemovedDirectories(t *testing.T) {
	t.Parallel()
	for _, ids := range []string{records.IDsRandom, records.IDsSequential} {
		t.Run(ids, func(t *testing.T) {
			dir := t.TempDir()
			st := newTestStore(t, dir)
			st.IDs = ids
			first := createCase(t, st)
			year := filepath.Join(dir, "records", "2026")
			if err := os.RemoveAll(year); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(tempDir))); err != nil {
				t.Fatal(err)
			}
			id := createCase(t, st)
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))); err != nil {
				t.Fatalf("the case created after its year was removed: %v", err)
			}
			if ids == records.IDsSequential && id != first {
				t.Errorf("the year emptied, the next sequential id is %s, want %s again", id, first)
			}
			if err := os.RemoveAll(filepath.Join(dir, CacheDir)); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Update(id, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), rectest.Act(), "x") }); err != nil {
				t.Fatalf("update after .dossier was removed: %v", err)
			}
			if temps, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(tempDir))); len(temps) != 0 {
				t.Errorf("temp files left: %v", temps)
			}
		})
	}
}

// A Store holds the directories it writes in open; when one is replaced meanwhile (removed,
// and made again by someone else), a write still lands at its path, in the new directory.
func TestWritesFollowReplacedDirectories(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	first := createCase(t, st)
	year := filepath.Join(dir, "records", "2026")
	keep, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(records.RecordPath(first))))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{year, filepath.Join(dir, CacheDir)} {
		if err := os.RemoveAll(d); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(tempDir)), 0o700); err != nil {
		t.Fatal(err)
	}
	id := createCase(t, st)
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))); err != nil {
		t.Fatalf("the case created in a replaced year directory: %v", err)
	}
	writeFile(t, filepath.Join(dir, filepath.FromSlash(records.RecordPath(first))), string(keep))
	if err := os.RemoveAll(filepath.Join(dir, CacheDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(tempDir)), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Update(first, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), rectest.Act(), "x") }); err != nil {
		t.Fatalf("update after .dossier was replaced: %v", err)
	}
	r, err := st.Load(first)
	if err != nil || len(r.Case.History) < 2 {
		t.Fatalf("the update is not at its path: %v", err)
	}
	entries, _ := os.ReadDir(year)
	if len(entries) != 2 {
		t.Errorf("the year directory holds %d files, want 2", len(entries))
	}
}

// A Store's first create sweeps what a killed run left (another file's stale temp), as every
// write did; later creates of the same Store do not list the temp directory again, and an
// update (under the case's lock) still sweeps the temps of its own file at once.
func TestFirstCreateSweepsTemps(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tmpDir := filepath.Join(dir, filepath.FromSlash(tempDir))
	stale := filepath.Join(tmpDir, "2026-AAAAA.yaml"+tempMarker+"bbbbbb")
	writeFile(t, stale, "id: half")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	st := newTestStore(t, dir)
	id := createCase(t, st)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a stale temp survived the Store's first create: %v", err)
	}
	// a killed writer of id leaves a temp; the next create leaves it, the update sweeps it
	mine := filepath.Join(tmpDir, filepath.Base(records.RecordPath(id))+tempMarker+"aaaaaa")
	writeFile(t, mine, "id: half")
	createCase(t, st)
	if _, err := os.Stat(mine); err != nil {
		t.Fatalf("a later create swept another file's fresh temp: %v", err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), rectest.Act(), "x") }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("the update left its file's temp: %v", err)
	}
}

// A directory renamed away meanwhile and another made at its path: the Store's writes land at
// the path, in the new directory, not in the one it held open (which moved).
func TestWritesFollowRenamedDirectories(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	createCase(t, st)
	year := filepath.Join(dir, "records", "2026")
	if err := os.Rename(year, filepath.Join(dir, "records", "moved")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(year, 0o755); err != nil {
		t.Fatal(err)
	}
	id := createCase(t, st)
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))); err != nil {
		t.Errorf("the case created after its year directory was renamed away is not at its path: %v", err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), rectest.Act(), "x") }); err != nil {
		t.Fatal(err)
	}
	moved, _ := os.ReadDir(filepath.Join(dir, "records", "moved"))
	if len(moved) != 1 {
		t.Errorf("the renamed directory holds %d files, want only the first case", len(moved))
	}
}
