package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// TestWroteNamesWhatCreateAndUpdateWrote: Wrote is told the path and git's blob id of each
// record Create and Update write (git hash-object agrees), nothing for an Update that changes
// nothing, and nothing for a raw write (fmt, edit: not validated by the store).
func TestWroteNamesWhatCreateAndUpdateWrote(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	var told []string
	st.Wrote = func(path, blob string) { told = append(told, path+" "+blob) }
	id := createCase(t, st)
	if _, err := st.Update(id, func(r *records.Record) error { r.Case.Summary = "changed"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { return nil }); err != nil {
		t.Fatal(err)
	}
	p := records.RecordPath(id)
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteRaw(id, append(data, '\n'), data); err != nil {
		t.Fatal(err)
	}
	if len(told) != 2 {
		t.Fatalf("Wrote told %d times, want 2 (create, update): %q", len(told), told)
	}
	cmd := exec.Command("git", "hash-object", "--no-filters", "--stdin")
	cmd.Stdin = strings.NewReader(string(data))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git hash-object: %v", err)
	}
	if want := p + " " + strings.TrimSpace(string(out)); told[1] != want {
		t.Errorf("Wrote after Update = %q, want %q", told[1], want)
	}
	if !strings.HasPrefix(told[0], p+" ") || told[0] == told[1] {
		t.Errorf("Wrote after Create = %q", told[0])
	}
}
