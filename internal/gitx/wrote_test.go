package gitx

import "testing"

// TestWroteEnv: one line per path in byte order, duplicates once; nothing unless every path
// has a blob id, is a record path, and is one git prints unquoted.
func TestWroteEnv(t *testing.T) {
	a, b := "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	wrote := map[string]string{"records/2026/2026-B.yaml": b, "records/2026/2026-A.yaml": a, "records/2026/a b.yaml": a, "dossier.yaml": a}
	env, ok := WroteEnv([]string{"records/2026/2026-B.yaml", "records/2026/2026-A.yaml", "records/2026/2026-B.yaml"}, wrote)
	want := "DOSSIER_WROTE=100644 " + a + " records/2026/2026-A.yaml\n100644 " + b + " records/2026/2026-B.yaml"
	if !ok || env != want {
		t.Errorf("WroteEnv = %q, %v; want %q", env, ok, want)
	}
	for _, paths := range [][]string{
		nil,
		{"records/2026/2026-A.yaml", "records/2026/2026-C.yaml"}, // C was not written
		{"records/2026/a b.yaml"},                                // git would quote it
		{"dossier.yaml"},                                         // not a record
	} {
		if env, ok := WroteEnv(paths, wrote); ok {
			t.Errorf("WroteEnv(%q) = %q, want none", paths, env)
		}
	}
}
