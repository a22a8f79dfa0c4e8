package codec

import (
	"os"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
	"go.yaml.in/yaml/v3"
)

// Benchmarks of the per-record costs behind every command (see BENCHMARKS.md). The record is a
// typical closed case of the demo (1.4 KB).

func typicalRecord(b *testing.B) []byte {
	data, err := os.ReadFile("testdata/bench/typical.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkBareYAML is the floor any reader using yaml.v3 pays: bytes to a node tree.
func BenchmarkBareYAML(b *testing.B) {
	data := typicalRecord(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse is dossier's strict parse: the node tree plus every check and the typed case.
func BenchmarkParse(b *testing.B) {
	data := typicalRecord(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("records/2025/2025-00PED.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	rec, err := Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := EncodeRecord(rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	rec, err := Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	p := rectest.Profile(b)
	for b.Loop() {
		records.Validate(rec, p)
	}
}

// BenchmarkParseReadOnly is the read the scans use: the canonical reader, straight into the
// case (compare BenchmarkParse, the strict reader on the same file).
func BenchmarkParseReadOnly(b *testing.B) {
	data := typicalRecord(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rec, err := ParseReadOnly("records/2025/2025-00PED.yaml", data)
		if err != nil || rec.Doc != nil {
			b.Fatal("the canonical reader declined the file", err)
		}
	}
}
