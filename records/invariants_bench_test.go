package records

import "testing"

// BenchmarkContradictions is what stats and the reports pay a case to leave out the ones that
// contradict themselves (allocations: a case that holds together should cost almost none).
func BenchmarkContradictions(b *testing.B) {
	c := &Case{ID: "2026-K7M2Q", Type: "conduct", Status: StatusClosed, Language: "en", Received: Date{2026, 1, 5},
		Screening: &Screening{Decision: "in", Decided: Date{2026, 1, 6}}, Routing: "referred",
		Referrals:   []Referral{{To: "toronto-ps", Sent: Date{2026, 1, 7}, Returned: Date{2026, 3, 1}, Finding: "unsubstantiated"}},
		Disposition: &Disposition{Outcome: "unsubstantiated", Closed: Date{2026, 3, 21}}}
	b.ReportAllocs()
	for b.Loop() {
		Contradictions(c)
	}
}

// TestOutOfOrderIsBefore holds the date-order check's inline comparison to Date.Before.
func TestOutOfOrderIsBefore(t *testing.T) {
	t.Parallel()
	var dates []Date
	for _, y := range []int16{0, 1, 1999, 2025, 2026} {
		for _, m := range []uint8{0, 1, 2, 11, 12} {
			for _, d := range []uint8{0, 1, 15, 30, 31} {
				dates = append(dates, Date{Year: y, Month: m, Day: d})
			}
		}
	}
	for _, d := range dates {
		for _, o := range dates {
			if got, want := outOfOrder(d, o), !d.IsZero() && !o.IsZero() && d.Before(o); got != want {
				t.Fatalf("%+v before %+v: %v, Date.Before says %v", d, o, got, want)
			}
		}
	}
}
