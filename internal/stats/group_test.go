package stats

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

func rowsText(rows []*Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s %v\n", strings.Join(r.Values, "/"), r.Counts())
	}
	return b.String()
}

func TestGroup(t *testing.T) {
	p := testProfile(t)
	cases := fixture(t, p)
	tests := []struct {
		period string
		by     []string
		want   string
	}{
		// received B C D G; screened in B G; out C; closed A C D E; open at end B F G H J
		// (A 97 days, C 2, D 4, E 233: median 4, p90 233)
		{"2025-Q1", nil, " [4 2 1 4 5 4 233]\n"},
		{"2025-Q1", []string{"type"}, "conduct [2 2 0 2 4 97 233]\nservice [1 0 1 1 0 2 2]\npolicy [0 0 0 0 1 0 0]\n [1 0 0 1 0 4 4]\n"},
		// month: open at the end of January A B F H, of February B F H; C and D have no category
		// categories: A neglect+deceit, B neglect, E unlawful, F deceit, G deceit, J deceit
		{"2025-Q1", []string{"category"}, "neglect-of-duty [1 1 0 1 1 97 97]\ndeceit [1 1 0 1 3 97 97]\nunlawful-exercise-of-authority [0 0 0 1 0 233 233]\n [2 0 1 2 1 2 4]\n"},
		{"2025-Q1", []string{"month"}, "2025-01 [1 1 0 1 4 233 233]\n2025-02 [1 0 1 2 3 2 97]\n2025-03 [2 1 0 1 5 4 4]\n"},
		{"2025-Q1", []string{"ground", "quarter"}, "frivolous/2025-Q1 [1 0 1 1 0 2 2]\nvexatious/2025-Q1 [1 0 1 1 0 2 2]\n/2025-Q1 [3 2 0 3 5 97 233]\n"},
	}
	for _, tt := range tests {
		period, _ := ParsePeriod(tt.period)
		rows, err := Group(cases, p, period, tt.by)
		if err != nil {
			t.Fatal(err)
		}
		if got := rowsText(rows); got != tt.want {
			t.Errorf("%s by %v:\n got:\n%s want:\n%s", tt.period, tt.by, got, tt.want)
		}
	}
	if _, err := Group(cases, p, Year(2025), []string{"colour"}); err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("unknown field: %v", err)
	}
}

func TestGroupJSON(t *testing.T) {
	p := testProfile(t)
	rows, _ := Group(fixture(t, p), p, Quarter(2025, 1), []string{"type"})
	b, err := json.Marshal(rows[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"conduct","received":2,"screened_in":2,"screened_out":0,"closed":2,"open_at_end":4,"median_days":97,"p90_days":233}`
	if string(b) != want {
		t.Errorf("got %s", b)
	}
}

func TestAppendTimeValueMatchesTimeValue(t *testing.T) {
	for _, d := range []records.Date{{Year: 2025, Month: 1, Day: 1}, {Year: 2025, Month: 9, Day: 30}, {Year: 2025, Month: 10, Day: 1}, {Year: 2026, Month: 12, Day: 31}} {
		for _, dim := range []string{"year", "quarter", "month"} {
			if got, want := string(appendTimeValue(nil, dim, d)), timeValue(dim, d); got != want {
				t.Errorf("appendTimeValue(%s, %s) = %q, want %q", dim, d, got, want)
			}
		}
	}
}

func TestGroupableFieldsSurvivePurge(t *testing.T) {
	if probs := CheckGroupable(DimensionFields, records.ClassOf); len(probs) > 0 {
		t.Fatalf("stats groups by fields purge removes:\n%s", records.Joined(probs))
	}
	// A dimension on a confidential or personal field, or on no field, is refused.
	bad := maps.Clone(DimensionFields)
	bad["area"] = "incident.location"
	bad["type"] = "complainant.name"
	delete(bad, "routing")
	var got []string
	for _, p := range CheckGroupable(bad, records.ClassOf) {
		got = append(got, p.Error())
	}
	want := []string{
		"dossier.yaml: stats dimension type: complainant.name is personal and purge removes it: statistics group only by public or internal fields",
		"dossier.yaml: stats dimension area: incident.location is confidential and purge removes it: statistics group only by public or internal fields",
		"dossier.yaml: stats dimension routing: names no field of the record",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// TestRowsCountedInRunsAsInOne holds Rows, which counts runs of cases on several cores and
// merges them, to one pass over the cases: the same rows, counts and days.
func TestRowsCountedInRunsAsInOne(t *testing.T) {
	p := testProfile(t)
	cases := fixture(t, p)
	for _, by := range [][]string{nil, {"type"}, {"category", "month"}, {"ground", "quarter"}, {"service", "type"}} {
		g := NewGrouper(by)
		for i := range 3*groupBlock + 17 { // several blocks, each with the cases in another order
			g.Add(g.Facts(cases[(i*7+i/groupBlock)%len(cases)]))
		}
		period, _ := ParsePeriod("2025")
		want := rowsText(g.rowsIn(p, period, 1))
		if strings.Count(want, "\n") < 2 && len(by) > 0 {
			t.Fatalf("by %v: too few rows to tell:\n%s", by, want)
		}
		for _, runs := range []int{2, 3, 7} {
			if got := rowsText(g.rowsIn(p, period, runs)); got != want {
				t.Errorf("by %v in %d runs:\n%s\nin one:\n%s", by, runs, got, want)
			}
		}
	}
}

// TestGroupFactsAreTheChangesOfFacts holds the changes Grouper.Facts reads alone (facts.read
// without the rest) to those of the full facts, on every case of the fixture.
func TestGroupFactsAreTheChangesOfFacts(t *testing.T) {
	p := testProfile(t)
	n := 0
	for _, c := range fixture(t, p) {
		var only facts
		only.read(c, false)
		all := factsOf(c)
		if !slices.Equal(only.changes, all.changes) {
			t.Errorf("%s: changes %v, of all the facts %v", c.ID, only.changes, all.changes)
		}
		if only.reviews != nil || only.routings != nil || only.withdrawnUnscreened != nil {
			t.Errorf("%s: more than the changes read: %+v", c.ID, only)
		}
		n += len(all.changes)
	}
	if n == 0 {
		t.Fatal("no case of the fixture changes: nothing compared")
	}
}
