package store

import (
	"bytes"
	"runtime"

	"github.com/dossier-dev/dossier/records"
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"github.com/dossier-dev/dossier/records/codec"
)

// compactRecord is a record with every part a summary keeps: a screening, a referral with an
// update, a request, a review, a disposition, categories, flags and aliases.
const compactRecord = `id: 2026-K7M2Q
aliases: [2026-AAAAA]
type: complaint
status: closed
language: en
received: 2026-01-05
channel: email
respondent:
  service: toronto-ps
incident:
  date: 2025-12-30
  area: toronto
  location: 12 Main St
summary: a summary
categories: [conduct]
flags: [youth]
screening:
  decision: in
  decided: 2026-01-06
  grounds: [jurisdiction]
routing: referred
referrals:
  - to: toronto-ps
    purpose: investigation
    sent: 2026-01-07
    due: 2026-03-07
    updates: [2026-02-07]
    returned: 2026-03-01
    finding: unsubstantiated
requests:
  - item: statement
    from: complainant
    sent: 2026-01-08
    received: 2026-01-20
review:
  requested: 2026-03-05
  due: 2026-04-05
  decided: 2026-03-20
  outcome: confirmed
disposition:
  outcome: unsubstantiated
  closed: 2026-03-21
history:
  - {at: 2026-01-05T10:00:00Z, by: ana, do: create}
  - {at: 2026-01-06T10:00:00Z, by: ana, do: screen-in}
  - {at: 2026-01-07T10:00:00Z, by: ana, do: refer, detail: toronto-ps}
  - {at: 2026-03-21T10:00:00Z, by: ana, do: close, detail: unsubstantiated}
`

// TestCompactSummaryIsTheSameSummary: compact changes where a summary's parts live, never
// what it says, and it shares nothing with the record it was made from.
func TestCompactSummaryIsTheSameSummary(t *testing.T) {
	t.Parallel()
	rec, err := codec.Parse("records/2026/2026-K7M2Q.yaml", []byte(compactRecord))
	if err != nil {
		t.Fatal(err)
	}
	c := &rec.Case
	in := newInterner()
	want := Summarize(c, nil)
	got := in.compact(Summarize(c, nil))
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("compact changed the summary:\nwant %+v\ngot  %+v", want, got)
	}
	if got.Screening == c.Screening || got.Review == c.Review || got.Disposition == c.Disposition {
		t.Error("the compact summary points into the record")
	}
	for name, pair := range map[string][2]unsafe.Pointer{
		"categories":       {unsafe.Pointer(unsafe.SliceData(got.Categories)), unsafe.Pointer(unsafe.SliceData(c.Categories))},
		"flags":            {unsafe.Pointer(unsafe.SliceData(got.Flags)), unsafe.Pointer(unsafe.SliceData(c.Flags))},
		"aliases":          {unsafe.Pointer(unsafe.SliceData(got.Aliases)), unsafe.Pointer(unsafe.SliceData(c.Aliases))},
		"grounds":          {unsafe.Pointer(unsafe.SliceData(got.Screening.Grounds)), unsafe.Pointer(unsafe.SliceData(c.Screening.Grounds))},
		"referral updates": {unsafe.Pointer(unsafe.SliceData(got.Referrals[0].Updates)), unsafe.Pointer(unsafe.SliceData(c.Referrals[0].Updates))},
		"id":               {unsafe.Pointer(unsafe.StringData(got.ID)), unsafe.Pointer(unsafe.StringData(c.ID))},
		"type":             {unsafe.Pointer(unsafe.StringData(got.Type)), unsafe.Pointer(unsafe.StringData(c.Type))},
		"history by":       {unsafe.Pointer(unsafe.StringData(got.History[0].By)), unsafe.Pointer(unsafe.StringData(c.History[0].By))},
	} {
		if pair[0] == pair[1] {
			t.Errorf("the compact summary shares its %s with the record", name)
		}
	}
	// A second record's summary shares the first one's codes (one copy of each).
	again := in.compact(Summarize(c, nil))
	for name, pair := range map[string][2]string{
		"type":    {got.Type, again.Type},
		"service": {got.Service(), again.Service()},
		"by":      {got.History[0].By, again.History[len(again.History)-1].By},
		"finding": {got.Referrals[0].Finding, again.Disposition.Outcome},
	} {
		if unsafe.StringData(pair[0]) != unsafe.StringData(pair[1]) {
			t.Errorf("%s is not shared between summaries", name)
		}
	}
	if got.Respondent != again.Respondent {
		t.Error("summaries of one service do not share their respondent")
	}
	// ...but not its id, which is the case's own.
	if unsafe.StringData(got.ID) == unsafe.StringData(again.ID) {
		t.Error("ids are interned")
	}
}

// TestInternerStopsGrowing: past maxInterned distinct strings, values are copied, not kept.
func TestInternerStopsGrowing(t *testing.T) {
	t.Parallel()
	in := newInterner()
	for i := range maxInterned + 10 {
		in.str(strconv.Itoa(i))
	}
	if len(in.seen) != maxInterned {
		t.Fatalf("the interner holds %d strings, want %d", len(in.seen), maxInterned)
	}
	if s := in.str("past the bound"); s != "past the bound" || len(in.seen) != maxInterned {
		t.Fatalf("got %q", s)
	}
}

// BenchmarkSummarizeCold is the cold cost of a summary once the record is parsed, with and
// without compact; the allocations show what a million summaries keep.
func BenchmarkSummarizeCold(b *testing.B) {
	rec, err := codec.Parse("records/2025/2025-00PED.yaml", typicalRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("summarize", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Summarize(&rec.Case, nil)
		}
	})
	b.Run("compact", func(b *testing.B) {
		in := newInterner()
		b.ReportAllocs()
		for b.Loop() {
			in.compact(Summarize(&rec.Case, nil))
		}
	})
}

// BenchmarkSummaryLiveSet reports what one summary keeps alive once its record is dropped
// (live-bytes/summary): the live set of a cold run is this times the number of cases.
func BenchmarkSummaryLiveSet(b *testing.B) {
	data := typicalRecord(b)
	for _, compact := range []bool{false, true} {
		b.Run(map[bool]string{false: "summarize", true: "compact"}[compact], func(b *testing.B) {
			const n = 2000
			in := newInterner()
			var before, after runtime.MemStats
			var kept []*records.Case
			for b.Loop() {
				kept = make([]*records.Case, 0, n)
				runtime.GC()
				runtime.ReadMemStats(&before)
				for range n {
					rec, err := codec.ParseReadOnly("records/2025/2025-00PED.yaml", data)
					if err != nil {
						b.Fatal(err)
					}
					s := Summarize(&rec.Case, nil)
					if compact {
						s = in.compact(s)
					}
					kept = append(kept, s)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
			}
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "live-bytes/summary")
			runtime.KeepAlive(kept)
		})
	}
}

// TestIndexSharesRespondents: the warm path, too, gives the summaries of one service one
// Respondent.
func TestIndexSharesRespondents(t *testing.T) {
	t.Parallel()
	var entries []indexEntry
	for _, id := range []string{"2026-AAAA1", "2026-AAAA2"} {
		c := &records.Case{ID: id, Status: "received", Respondent: &records.Respondent{Service: "toronto-ps"}}
		entries = append(entries, indexEntry{path: "records/2026/" + id + ".yaml", c: c})
	}
	var buf bytes.Buffer
	encodeIndex(&buf, entries)
	got, err := decodeIndex(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got[0].c.Respondent != got[1].c.Respondent || got[0].c.Service() != "toronto-ps" {
		t.Fatalf("respondents %p %p (%q)", got[0].c.Respondent, got[1].c.Respondent, got[0].c.Service())
	}
}
