package store

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// BenchmarkIndexDecode is the warm cost of one record: decoding its index entry.
func BenchmarkIndexDecode(b *testing.B) {
	rec, err := codec.Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	entries := make([]indexEntry, 10000)
	for i := range entries {
		entries[i] = indexEntry{path: "records/2025/x" + string(rune('a'+i%26)), c: Summarize(&rec.Case, nil)}
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

// BenchmarkIndexDecodeDeclaredFields is BenchmarkIndexDecode with declared fields in use: a
// district, themes, an agency and an expiry date in each entry, and (unique) an amount that
// differs in every entry, so that no two entries share their fields' map.
func BenchmarkIndexDecodeDeclaredFields(b *testing.B) {
	for _, unique := range []bool{false, true} {
		b.Run(map[bool]string{false: "codes", true: "unique"}[unique], func(b *testing.B) {
			rec, err := codec.Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
			if err != nil {
				b.Fatal(err)
			}
			p := declaredProfile(b)
			entries := make([]indexEntry, 10000)
			districts := []string{"montreal", "quebec", "gaspe"}
			for i := range entries {
				c := rec.Case
				c.Fields = canaryFields()
				c.Fields["district"] = records.FieldValue{Scalar: districts[i%3]}
				delete(c.Fields, "value")
				if unique {
					c.Fields["value"] = records.FieldValue{Scalar: fmt.Sprintf("%d.50", i)}
				}
				entries[i] = indexEntry{path: "records/2025/x" + string(rune('a'+i%26)), c: Summarize(&c, p)}
			}
			var buf bytes.Buffer
			encodeIndex(&buf, entries)
			b.ResetTimer()
			for b.Loop() {
				if _, err := decodeIndex(buf.Bytes()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(entries)), "ns/record")
		})
	}
}

// BenchmarkCreate is one case written by Create (random ids, no fsync, as demo writes).
func BenchmarkCreate(b *testing.B) {
	s := newTestStore(b, b.TempDir())
	s.NoSync = true
	p := s.Profile
	b.ReportAllocs()
	for b.Loop() {
		c := records.Case{Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Channel: "email", Summary: "Rude language at a traffic stop"}
		records.NewCase(&c, p, records.Act{Actor: "bench", Now: time.Date(2026, 2, 27, 10, 0, 0, 0, time.UTC), Date: records.Date{Year: 2026, Month: 2, Day: 27}})
		if _, err := s.Create(&c); err != nil {
			b.Fatal(err)
		}
	}
}
