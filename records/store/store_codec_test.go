package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// TestCommentsSurviveUpdate: a person's comments (head of file, on a field's line, above a
// history entry) survive a read-modify-write through the store.
func TestCommentsSurviveUpdate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	golden, err := os.ReadFile("../codec/testdata/golden/comments.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "records", "2026", "2026-K7M2Q.yaml")
	writeFile(t, file, string(golden))
	a := rectest.Act()
	if _, err := st.Update("2026-K7M2Q", func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), a, "called back") }); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{
		"# Call from Marie Tremblay on 2026-01-15; she prefers email.\n# Second line of the head comment.\nid: 2026-K7M2Q\n",
		"status: classified # classified on the phone\n",
		"channel: email # she wrote twice\n",
		"  # classified after the second call\n  - at: 2026-01-16T09:10:00Z\n",
	} {
		if !strings.Contains(string(got), c) {
			t.Errorf("lost %q after an update:\n%s", c, got)
		}
	}
	if !strings.HasPrefix(string(got), string(golden[:len(golden)-1])) {
		t.Errorf("an update should only append the note entry:\n%s", got)
	}
	if !strings.HasSuffix(string(got), "    do: note\n    detail: called back\n") {
		t.Errorf("note entry missing:\n%s", got)
	}
}
