package records

import (
	"bytes"
	"os"
	"testing"

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
		if _, err := rec.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	rec, err := Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	p := testProfile(b)
	for b.Loop() {
		Validate(rec, p)
	}
}

// BenchmarkIndexDecode is the warm cost of one record: decoding its index entry.
func BenchmarkIndexDecode(b *testing.B) {
	rec, err := Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	entries := make([]indexEntry, 10000)
	for i := range entries {
		entries[i] = indexEntry{path: "records/2025/x" + string(rune('a'+i%26)), c: Summarize(&rec.Case)}
	}
	var buf bytes.Buffer
	encodeIndex(&buf, entries)
	b.SetBytes(int64(buf.Len() / len(entries)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := decodeIndex(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(entries)), "ns/record")
}
