package demo

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/store"
)

// BenchmarkBuild is what `dossier demo` spends on its cases (generation, the verbs, validation,
// encoding, the atomic writes; no fsync, as demo writes): 200 cases into a new repository
// each time, reported per case.
func BenchmarkBuild(b *testing.B) {
	s, err := config.Embedded(OntarioProfile)
	if err != nil {
		b.Fatal(err)
	}
	today, _ := records.ParseDate("2026-03-02")
	const cases = 200
	b.ReportAllocs()
	for b.Loop() {
		st, err := store.OpenStore(b.TempDir(), s.Profile, records.IDsRandom)
		if err != nil {
			b.Fatal(err)
		}
		st.NoSync = true
		if err := Build(st, Options{Cases: cases, Today: today, Seed: 1, Actor: "demo"}); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*cases), "ns/case")
}
