package stats

import "testing"

func TestTrendsAndWorkload(t *testing.T) {
	p := testProfile(t)
	var cases = fixture(t, p)
	// Three deceit complaints against Ottawa in 2025-Q3, one in the four quarters before.
	cases = append(cases,
		build(t, p, "2025-000K", "2025-07-02", "ottawa-ps", step{"2025-07-02", classify("conduct", "deceit")}),
		build(t, p, "2025-000L", "2025-08-02", "ottawa-ps", step{"2025-08-02", classify("conduct", "deceit", "insubordination")}),
		build(t, p, "2025-000M", "2025-09-02", "ottawa-ps", step{"2025-09-02", classify("conduct", "deceit")}),
		build(t, p, "2024-000N", "2024-11-02", "ottawa-ps", step{"2024-11-02", classify("conduct", "deceit")}),
	)
	r := ComputeTrends(cases, Quarter(2025, 3), 3)
	if len(r.Trends) == 0 || !r.Trends[0].Flagged || r.Trends[0].Service != "ottawa-ps" || r.Trends[0].Category != "deceit" || r.Trends[0].Count != 3 || r.Trends[0].Baseline != 0.25 {
		t.Fatalf("first trend: %+v", r.Trends)
	}
	for _, tr := range r.Trends[1:] {
		if tr.Flagged {
			t.Errorf("flagged below the minimum or the doubling: %+v", tr)
		}
	}
	if got := ComputeTrends(cases, Quarter(2025, 3), 4); got.Trends[0].Flagged {
		t.Error("3 complaints flagged with a minimum of 4")
	}

	w := ComputeWorkload(fixture(t, p), p, date(t, "2025-03-31"), "")
	// Open at the end of 2025-03-31: B (retained), F (retained), G (referred), H (referred), J (under review).
	if w.Open != 5 {
		t.Errorf("open = %d, want 5", w.Open)
	}
	if n, _ := w.ByStatus.Get("retained"); n != 2 {
		t.Errorf("retained = %d, want 2", n)
	}
	if n, _ := w.ByAge.Get("181+"); n != 2 {
		t.Errorf("181+ = %d, want 2 (H received 2024-10-01, J 2024-01-10)", n)
	}
	if n, _ := w.ByAge.Get("0-30"); n != 1 {
		t.Errorf("0-30 = %d, want 1 (G)", n)
	}
}
