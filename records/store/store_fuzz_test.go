package store

import (
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// FuzzIDPath: nothing a person types makes dossier build a path outside records/, and
// Resolve never reads outside the repository root.
func FuzzIDPath(f *testing.F) {
	for _, s := range []string{"2026-K7M2Q", "2026-k7m2q", "2026-o1l1i", "../x", "a/b", "/etc/passwd",
		"2026-K7M2Q/../../x", "2026-", "2026", "", "\x00", "2026-K7M2Q\x00", " 2026-k7 ", "2026-0001",
		"2026-ABCDE.yaml", "..", "2026-..", "٢٠٢٦-K7M2Q", "2026-K7M2Q\n", "2026–K7M2Q", "C:\\x", "2026-ı"} {
		f.Add(s)
	}
	dir := f.TempDir()
	st := newTestStore(f, dir)
	writeFile(f, filepath.Join(dir, "records", "2026", "2026-K7M2Q.yaml"), "id: 2026-K7M2Q\n")
	writeFile(f, filepath.Join(dir, "records", "2026", "2026-K7M2R.yaml"), "id: 2026-K7M2R\n")
	f.Fuzz(func(t *testing.T, s string) {
		norm := records.NormalizeID(s)
		for _, id := range []string{s, norm} {
			if !records.ValidID(id) {
				continue
			}
			p := records.RecordPath(id)
			clean := path.Clean(p)
			if clean != p || !strings.HasPrefix(p, "records/") || strings.Contains(p, "..") || strings.Count(p, "/") != 2 {
				t.Fatalf("RecordPath(%q) = %q escapes records/YYYY/", id, p)
			}
			if !filepath.IsLocal(filepath.FromSlash(p)) {
				t.Fatalf("RecordPath(%q) = %q is not local", id, p)
			}
		}
		if records.CheckIDPrefix(norm) == nil && strings.ContainsAny(norm, "/\\.\x00 ") {
			t.Fatalf("CheckIDPrefix accepted %q", norm)
		}
		id, err := st.Resolve(s)
		if err != nil {
			return
		}
		if !records.ValidID(id) || (id != "2026-K7M2Q" && id != "2026-K7M2R") {
			t.Fatalf("Resolve(%q) = %q, not one of the cases on disk", s, id)
		}
		if _, err := st.Load(id); err != nil {
			t.Fatalf("Load(%q): %v", id, err)
		}
	})
}
