package store

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// The index keeps the history entries of the actions the declared reports date, so that they
// run from it; a profile without declared reports keeps what it always kept.
func TestSummarizeKeepsTheActionsReportsDate(t *testing.T) {
	t.Parallel()
	p := rectest.Profile(t)
	day := records.Date{Year: 2026, Month: 1, Day: 5}
	c := &records.Case{ID: "2026-0001", Received: day, History: []records.Entry{
		{Do: records.ActCreate, Date: day}, {Do: "assess", Date: day}, {Do: records.ActNote, Date: day},
		{Do: "complete", Date: day}, {Do: records.ActNote, Date: day}}}
	actions := func(s *records.Case) []string {
		var out []string
		for _, e := range s.History {
			out = append(out, e.Do)
		}
		return out
	}
	if got := actions(Summarize(c, p)); !slices.Equal(got, []string{records.ActNote}) {
		t.Errorf("without reports: kept %q, want the latest entry only", got)
	}
	before := indexFields(p)
	p.Reports = records.ReportDefs{{Name: "q", Rows: records.Dims{"status"}, Period: "assess", Measures: []string{"median:assess..complete", "rate:complete/received"}}}
	if got := actions(Summarize(c, p)); !slices.Equal(got, []string{"assess", "complete", records.ActNote}) {
		t.Errorf("with reports: kept %q, want assess, complete and the latest entry", got)
	}
	if indexFields(p) == before {
		t.Error("an index written before the reports named assess and complete must be rebuilt")
	}
}
