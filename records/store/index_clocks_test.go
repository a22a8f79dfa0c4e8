package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// The summary of a case (the index) keeps what the declared clocks read: due computes the same
// deadlines from it as from the record, over many histories. A profile without clocks of its
// own keeps the summary it always had.
func TestSummaryServesTheClocks(t *testing.T) {
	t.Parallel()
	p := declaredProfile(t)
	p.Deadlines = append(p.Deadlines,
		records.ClockDef{Name: "report", Start: records.ActRefer, Stop: []string{records.ActReturn, records.ActClose}, Every: 30},
		records.ClockDef{Name: "program", Start: records.ActScreenIn, Stop: []string{records.ActUpdate}, By: "program", DaysBy: map[string]int{"pmrg": 180, "pmra": 90}},
		records.ClockDef{Name: "expiry", Start: "fields.expiry", Before: true, Days: 60, Stop: []string{records.ActNote}},
		records.ClockDef{Name: "note", Start: records.ActNote, Stop: []string{records.ActRequest}, Days: 10},
	)
	if !p.ClocksIndexed() {
		t.Fatal("program and expiry are indexed fields")
	}
	if got, want := p.ClockActions(), []string{"close", "note", "refer", "request", "return", "screen-in", "update"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ClockActions %v, want %v", got, want)
	}
	actions := []string{records.ActRefer, records.ActReturn, records.ActNote, records.ActUpdate, records.ActRequest, records.ActScreenIn, records.ActClassify, records.ActEdit}
	rng := rand.New(rand.NewPCG(1, 4))
	start := records.Date{Year: 2026, Month: 1, Day: 2}
	for range 500 {
		c := &records.Case{ID: "2026-AAAAA", Status: "referred", Received: start,
			Fields: records.Fields{"program": {Scalar: []string{"pmrg", "pmra", ""}[rng.IntN(3)]}, "expiry": {Scalar: start.AddDays(rng.IntN(300)).String()}}}
		day := start
		for range rng.IntN(10) {
			day = day.AddDays(rng.IntN(30))
			c.History = append(c.History, records.Entry{Date: day, Do: actions[rng.IntN(len(actions))], Detail: "x"})
		}
		today := start.AddDays(rng.IntN(400))
		full, summary := p.ClockItems(c, today), p.ClockItems(Summarize(c, p), today)
		if !reflect.DeepEqual(full, summary) {
			t.Fatalf("history %v on %s:\nfrom the record  %v\nfrom the summary %v", c.History, today, full, summary)
		}
	}
	p.Deadlines = nil
	c := &records.Case{ID: "2026-AAAAA", Status: "referred", History: []records.Entry{{Do: records.ActNote}, {Do: records.ActUpdate}, {Do: records.ActEdit}}}
	if got := fmt.Sprint(Summarize(c, p).History); got != fmt.Sprint([]records.Entry{{Do: records.ActEdit}}) {
		t.Fatalf("without clocks the summary keeps the latest entry alone: %s", got)
	}
}
