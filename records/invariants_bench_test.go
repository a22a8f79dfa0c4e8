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
