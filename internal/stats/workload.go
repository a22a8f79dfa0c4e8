package stats

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// AgeBuckets are the workload's aging buckets, in days since received.
var AgeBuckets = []string{"0-30", "31-90", "91-180", "181+"}

// Workload is the open cases on a day: per status, per actor and by age.
type Workload struct {
	AsOf     records.Date `json:"as_of"`
	Open     int          `json:"open"`
	ByStatus Counts       `json:"by_status"`
	ByActor  Counts       `json:"by_actor"`
	ByAge    Counts       `json:"by_age"`
}

func ageBucket(days int) string {
	switch {
	case days <= 30:
		return AgeBuckets[0]
	case days <= 90:
		return AgeBuckets[1]
	case days <= 180:
		return AgeBuckets[2]
	}
	return AgeBuckets[3]
}

// OpenAt tells whether c had been received and was not closed at the end of day d, by its
// history (as the reports count it).
func OpenAt(c *records.Case, d records.Date) bool { return factsOf(c).openAt(d) }

// ComputeWorkload counts the cases open at the end of today (only those against service when
// given). A case's actor is whoever recorded its latest history entry, the person who last
// worked on it.
func ComputeWorkload(cases []*records.Case, p *records.Profile, today records.Date, service string) *Workload {
	var open []string
	for _, s := range p.Workflow.StatusCodes() {
		if s != records.StatusClosed {
			open = append(open, s)
		}
	}
	w := &Workload{AsOf: today, ByStatus: countsOf(open), ByAge: countsOf(AgeBuckets)}
	actors := map[string]int{}
	for _, c := range cases {
		if service != "" && c.Service() != service {
			continue
		}
		if !factsOf(c).openAt(today) {
			continue
		}
		w.Open++
		inc(&w.ByStatus, c.Status)
		inc(&w.ByAge, ageBucket(c.Received.DaysUntil(today)))
		actor := ""
		if n := len(c.History); n > 0 {
			actor = c.History[n-1].By
		}
		actors[actor]++
	}
	names := make([]string, 0, len(actors))
	for a := range actors {
		names = append(names, a)
	}
	slices.SortFunc(names, func(a, b string) int {
		if actors[a] != actors[b] {
			return actors[b] - actors[a]
		}
		return strings.Compare(a, b)
	})
	w.ByActor = Counts{}
	for _, a := range names {
		w.ByActor = append(w.ByActor, KV[int]{a, actors[a]})
	}
	return w
}
