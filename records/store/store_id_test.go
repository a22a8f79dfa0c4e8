package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

func TestResolve(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	for _, id := range []string{"2026-K7M2Q", "2026-K7M3A", "2026-01234", "2025-ABCDE"} {
		writeFile(t, filepath.Join(dir, "records", id[:4], id+".yaml"), "id: "+id+"\n")
	}
	writeFile(t, filepath.Join(dir, "secret.yaml"), "id: 2026-K7M2Q\n")
	for in, want := range map[string]string{
		"2026-K7M2Q":   "2026-K7M2Q",
		"2026-k7m2q":   "2026-K7M2Q",
		"2026-K7M3":    "2026-K7M3A",
		"2026-o12":     "2026-01234",
		"2026-OI":      "2026-01234",
		"2025":         "2025-ABCDE",
		"2025-abcde":   "2025-ABCDE",
		" 2026-k7m2q ": "2026-K7M2Q",
	} {
		got, err := st.Resolve(in)
		if err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %s", in, got, err, want)
		}
	}
	_, err := st.Resolve("2026-K7M")
	if err == nil || err.Error() != "2026-K7M is ambiguous: it matches 2026-K7M2Q, 2026-K7M3A; type more of the id" {
		t.Errorf("ambiguous prefix: %v", err)
	}
	var nf *NotFoundError
	if _, err := st.Resolve("2026-ZZZZZ"); !errors.As(err, &nf) || nf.ID != "2026-ZZZZZ" {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := st.Resolve("2024"); !errors.As(err, &nf) {
		t.Errorf("year without cases: %v", err)
	}
	for _, hostile := range []string{"../x", "a/b", "/etc/passwd", "../secret", "2026-K7M2Q/../../secret", "2026-K7M2Q\x00",
		"\x00", "..", "records/2026/2026-K7M2Q.yaml", "2026-K7M2Q.yaml"} {
		var ie *records.InputError
		_, err := st.Resolve(hostile)
		if !errors.As(err, &ie) {
			t.Errorf("Resolve(%q) = %v; want an input error", hostile, err)
			continue
		}
		if strings.Contains(err.Error(), "\x00") || !strings.Contains(err.Error(), "is not a case id") {
			t.Errorf("Resolve(%q): %q", hostile, err)
		}
	}
	// The message quotes what the person typed, not its normalized spelling.
	if _, err := st.Resolve("a/b"); err == nil || !strings.HasPrefix(err.Error(), `"a/b" is not a case id`) {
		t.Errorf("Resolve(a/b) = %v", err)
	}
	if _, err := st.Resolve(""); err == nil || !strings.HasPrefix(err.Error(), "empty case id") {
		t.Errorf("Resolve(\"\") = %v", err)
	}
	if _, err := st.Load("../secret"); err == nil {
		t.Error("Load(../secret) succeeded")
	}
}
