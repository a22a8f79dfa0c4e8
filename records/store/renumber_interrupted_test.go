package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// An interrupted renumber (the old file back beside the new one) is reported by check,
// counted once by Summaries, and completed by Renumber; an old file that gained entries
// meanwhile is not removed.
func TestInterruptedRenumber(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	old := createCase(t, s)
	oldData, err := os.ReadFile(filepath.Join(dir, records.RecordPath(old)))
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Renumber(old, map[string]bool{}, rectest.Act(), "")
	if err != nil {
		t.Fatal(err)
	}
	restore := func(data []byte) {
		t.Helper()
		writeFile(t, filepath.Join(dir, records.RecordPath(old)), string(data))
	}
	restore(oldData)

	checks, _, err := s.CheckFiles()
	if err != nil {
		t.Fatal(err)
	}
	errs := map[string]int{}
	for _, fc := range checks {
		errs[fc.Path] = fc.Errors()
	}
	if errs[records.RecordPath(old)] != 1 || errs[records.RecordPath(id)] != 0 {
		t.Fatalf("check: %v", errs)
	}
	sums, problems, err := s.Summaries(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || sums[0].ID != id || len(problems) != 1 || !strings.Contains(problems[0].Error(), "counted once, as "+id) {
		t.Fatalf("summaries: %d cases, problems %v", len(sums), problems)
	}

	// the old file gained a note after the interruption: not removed, the error says why
	rec, err := codec.Parse(records.RecordPath(old), oldData)
	if err != nil {
		t.Fatal(err)
	}
	if err := records.Note(&rec.Case, rectest.Profile(t), rectest.Act(), "called back"); err != nil {
		t.Fatal(err)
	}
	noted, err := codec.EncodeRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	restore(noted)
	if _, err := s.Renumber(old, map[string]bool{}, rectest.Act(), ""); err == nil || !strings.Contains(err.Error(), "history entries that one lacks") {
		t.Fatalf("Renumber of an old file with more entries: %v", err)
	}

	restore(oldData)
	again, err := s.Renumber(old, map[string]bool{}, rectest.Act(), "")
	if err != nil || again != id {
		t.Fatalf("Renumber again: %q, %v; want %s", again, err, id)
	}
	if _, err := os.Stat(filepath.Join(dir, records.RecordPath(old))); !os.IsNotExist(err) {
		t.Fatalf("the old file is still there: %v", err)
	}
	if sums, problems, _ := s.Summaries(false); len(sums) != 1 || len(problems) != 0 {
		t.Fatalf("after completing: %d cases, %v", len(sums), problems)
	}
}

// Two cases created in the same second by the same person, told apart by renumber after an id
// collision, are not one case: only the renumbered copy of the very file is.
func TestSameCaseRenumbered(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	old := createCase(t, s)
	before, err := s.Load(old)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Renumber(old, map[string]bool{}, rectest.Act(), "the id names another case on main")
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if !SameCaseRenumbered(&after.Case, &before.Case) {
		t.Fatal("the renumbered file is the same case as its old file")
	}
	other := before.Case
	other.Summary = "another complaint, same second, same coordinator"
	if SameCaseRenumbered(&after.Case, &other) {
		t.Fatal("a different case under the old id is not the renumbered case")
	}
	unmarked := after.Case
	unmarked.History = unmarked.History[:len(unmarked.History)-1]
	if SameCaseRenumbered(&unmarked, &before.Case) {
		t.Fatal("without the renumber entry, an alias alone does not make one case")
	}
}
