package stats

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a small office whose cases cross the boundaries of 2025-Q1: carried in, screened
// earlier, closed after the period, reopened, reviewed across the start, review undecided.
func fixture(t *testing.T, p *records.Profile) []*records.Case {
	return []*records.Case{
		// A: carried in, screened earlier, referred, closed in the period.
		build(t, p, "2024-000A", "2024-11-10", "toronto-ps",
			step{"2024-11-10", classify("conduct", "neglect-of-duty", "deceit")},
			step{"2024-11-20", screenIn},
			step{"2024-11-25", refer("toronto-ps")},
			step{"2025-02-10", returned("unsubstantiated")},
			step{"2025-02-15", closeAs("unsubstantiated")}),
		// B: received and screened in during the period, retained, still open.
		build(t, p, "2025-000B", "2025-01-05", "toronto-ps",
			step{"2025-01-05", classify("conduct", "neglect-of-duty")},
			step{"2025-01-10", screenIn},
			step{"2025-01-12", retain}),
		// C: service complaint screened out in the period on two grounds.
		build(t, p, "2025-000C", "2025-02-01", "toronto-ps",
			step{"2025-02-01", classify("service")},
			step{"2025-02-03", screenOut("frivolous", "vexatious")}),
		// D: withdrawn before screening, never classified.
		build(t, p, "2025-000D", "2025-03-01", "toronto-ps",
			step{"2025-03-05", withdraw}),
		// E: closed in 2024, review requested before the period (the file is open again),
		// review decided and file closed in the period.
		build(t, p, "2024-000E", "2024-06-01", "toronto-ps",
			step{"2024-06-02", classify("conduct", "unlawful-exercise-of-authority")},
			step{"2024-06-05", screenIn},
			step{"2024-06-06", refer("toronto-ps")},
			step{"2024-09-01", returned("substantiated")},
			step{"2024-09-10", closeAs("substantiated")},
			step{"2024-12-20", reviewRequest},
			step{"2025-01-15", reviewDecide("confirmed")},
			step{"2025-01-20", closeAs("substantiated")}),
		// F: closed before the period, reopened during it: not carried in (closed at the start).
		build(t, p, "2024-000F", "2024-12-01", "toronto-ps",
			step{"2024-12-01", classify("conduct", "deceit")},
			step{"2024-12-03", screenIn},
			step{"2024-12-20", closeAs("early-resolution")},
			step{"2025-01-10", reopen},
			step{"2025-01-11", retain}),
		// G: screened in at the end of the period, closed after it: carried over.
		build(t, p, "2025-000G", "2025-03-20", "toronto-ps",
			step{"2025-03-20", classify("conduct", "deceit")},
			step{"2025-03-25", screenIn},
			step{"2025-03-28", refer("toronto-ps")},
			step{"2025-04-10", returned("unsubstantiated")},
			step{"2025-04-15", closeAs("unsubstantiated")}),
		// H: policy complaint against Ottawa referred to another service, open throughout.
		build(t, p, "2024-000H", "2024-10-01", "ottawa-ps",
			step{"2024-10-02", classify("policy")},
			step{"2024-10-05", screenIn},
			step{"2024-10-06", refer("opp")}),
		// I: received after the period.
		build(t, p, "2025-000I", "2025-05-01", "toronto-ps",
			step{"2025-05-01", classify("conduct")}),
		// J: closed long ago, review requested in the period and undecided at its end.
		build(t, p, "2024-000J", "2024-01-10", "toronto-ps",
			step{"2024-01-10", classify("conduct", "deceit")},
			step{"2024-01-12", screenIn},
			step{"2024-01-13", retain},
			step{"2024-02-01", decide("substantiated")},
			step{"2024-02-05", closeAs("substantiated")},
			step{"2025-03-10", reviewRequest}),
	}
}

func TestOversightDefinitions(t *testing.T) {
	p := testProfile(t)
	q1 := Quarter(2025, 1)
	o := ComputeOversight(fixture(t, p), p, q1, "")
	ty := func(code string) *TypeCounts {
		tc, ok := o.Types.Get(code)
		if !ok {
			t.Fatalf("type %s missing", code)
		}
		return tc
	}
	get := func(m Counts, key string) int {
		v, ok := m.Get(key)
		if !ok {
			t.Fatalf("key %s missing from %v", key, m.Keys())
		}
		return v
	}
	outcome := func(typ, routing, code string) int {
		byOutcome, ok := ty(typ).Outcomes.Get(routing)
		if !ok {
			t.Fatalf("routing %s missing", routing)
		}
		return get(byOutcome, code)
	}
	dur := func(typ string) Duration { d, _ := o.Durations.Get(typ); return d }
	tests := []struct {
		name      string
		got, want int
	}{
		{"received (B C D G)", o.Complaints.Received, 4},
		{"carried in (A E H; not F J, closed at the start)", o.Complaints.CarriedIn, 3},
		{"managed", o.Complaints.Managed, 7},
		{"withdrawn before screening (D)", o.Complaints.WithdrawnBeforeScreening, 1},
		{"conduct screened (B G)", ty("conduct").Screened, 2},
		{"conduct screened in", ty("conduct").ScreenedIn, 2},
		{"conduct screened out", ty("conduct").ScreenedOut, 0},
		{"conduct screened earlier (A E)", ty("conduct").ScreenedEarlier, 2},
		{"conduct managed", ty("conduct").Managed, 4},
		{"conduct referred unsubstantiated (A)", outcome("conduct", "referred", "unsubstantiated"), 1},
		{"conduct referred substantiated (E)", outcome("conduct", "referred", "substantiated"), 1},
		{"conduct retained substantiated (J closed in 2024)", outcome("conduct", "retained", "substantiated"), 0},
		{"conduct carried over retained (B)", get(ty("conduct").CarriedOver, "retained"), 1},
		{"conduct carried over referred (G closed after)", get(ty("conduct").CarriedOver, "referred"), 1},
		{"conduct carried over unrouted", get(ty("conduct").CarriedOver, Unrouted), 0},
		{"service screened (C)", ty("service").Screened, 1},
		{"service screened out", ty("service").ScreenedOut, 1},
		{"service frivolous", get(ty("service").ScreenedOutByGround, "frivolous"), 1},
		{"service vexatious", get(ty("service").ScreenedOutByGround, "vexatious"), 1},
		{"service bad faith", get(ty("service").ScreenedOutByGround, "bad-faith"), 0},
		{"service managed", ty("service").Managed, 1},
		{"policy screened earlier (H)", ty("policy").ScreenedEarlier, 1},
		{"policy carried over other-service (H)", get(ty("policy").CarriedOver, "other-service"), 1},
		{"allegations neglect of duty (B; not A, screened earlier)", get(o.Allegations, "neglect-of-duty"), 1},
		{"allegations deceit (G)", get(o.Allegations, "deceit"), 1},
		{"allegations corrupt practice", get(o.Allegations, "corrupt-practice"), 0},
		{"reviews managed (E undecided at start, J requested)", o.Reviews.Managed, 2},
		{"reviews confirmed (E)", get(o.Reviews.Outcomes, "confirmed"), 1},
		{"reviews carried over (J)", o.Reviews.CarriedOver, 1},
		{"conduct closed (A E)", dur("conduct").Closed, 2},
		{"conduct median (97, 233: lower middle)", dur("conduct").MedianDays, 97},
		{"conduct p90", dur("conduct").P90Days, 233},
		{"service closed (C)", dur("service").Closed, 1},
		{"service median", dur("service").MedianDays, 2},
		{"policy closed", dur("policy").Closed, 0},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

// outcomes + carried_over = screened_in + screened_earlier, per type, for any period.
func TestOversightInvariant(t *testing.T) {
	p := testProfile(t)
	cases := fixture(t, p)
	for _, spec := range []string{"2024", "2024-Q4", "2025-Q1", "2025-Q2", "2025", "2025-01", "2025-02"} {
		period, err := ParsePeriod(spec)
		if err != nil {
			t.Fatal(err)
		}
		o := ComputeOversight(cases, p, period, "")
		for _, kv := range o.Types {
			tc := kv.Value
			closed := 0
			for _, r := range tc.Outcomes {
				closed += Total(r.Value)
			}
			if lhs, rhs := closed+Total(tc.CarriedOver), tc.ScreenedIn+tc.ScreenedEarlier; lhs != rhs {
				t.Errorf("%s %s: outcomes %d + carried over %d != screened in %d + earlier %d", spec, kv.Key, closed, Total(tc.CarriedOver), tc.ScreenedIn, tc.ScreenedEarlier)
			}
			if tc.Managed != tc.Screened+tc.ScreenedEarlier {
				t.Errorf("%s %s: managed %d != screened %d + earlier %d", spec, kv.Key, tc.Managed, tc.Screened, tc.ScreenedEarlier)
			}
		}
	}
}

func TestOversightQ2(t *testing.T) {
	p := testProfile(t)
	o := ComputeOversight(fixture(t, p), p, Quarter(2025, 2), "")
	conduct, _ := o.Types.Get("conduct")
	referred, _ := conduct.Outcomes.Get("referred")
	if n, _ := referred.Get("unsubstantiated"); n != 1 {
		t.Errorf("G closed in Q2 after being screened in Q1: referred unsubstantiated = %d, want 1", n)
	}
	// B (retained), F (reopened in Q1, retained) and J (under review) are open at the start.
	if conduct.ScreenedEarlier != 4 {
		t.Errorf("screened earlier = %d, want 4 (B F G J)", conduct.ScreenedEarlier)
	}
	if o.Complaints.Received != 1 || o.Complaints.CarriedIn != 5 {
		t.Errorf("received %d carried in %d, want 1 (I) and 5 (B F G H J)", o.Complaints.Received, o.Complaints.CarriedIn)
	}
	if o.Reviews.Managed != 1 || o.Reviews.CarriedOver != 1 {
		t.Errorf("reviews managed %d carried over %d, want 1 and 1 (J)", o.Reviews.Managed, o.Reviews.CarriedOver)
	}
}

func TestOversightService(t *testing.T) {
	p := testProfile(t)
	o := ComputeOversight(fixture(t, p), p, Quarter(2025, 1), "ottawa-ps")
	if o.Filter.Service == nil || *o.Filter.Service != "ottawa-ps" {
		t.Fatalf("filter.service = %v", o.Filter.Service)
	}
	if o.Complaints.Managed != 1 || o.Complaints.CarriedIn != 1 {
		t.Errorf("ottawa-ps: managed %d carried in %d, want 1 and 1 (H)", o.Complaints.Managed, o.Complaints.CarriedIn)
	}
	conduct, _ := o.Types.Get("conduct")
	if conduct.Managed != 0 {
		t.Errorf("ottawa-ps conduct managed = %d, want 0", conduct.Managed)
	}
}

// The JSON of a report over no cases pins the contract: every key, every code, in order.
func TestOversightJSONContract(t *testing.T) {
	p := testProfile(t)
	o := ComputeOversight(nil, p, Year(2023), "")
	got, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "oversight_empty.json", append(got, '\n'))
	var back map[string]any
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if back["filter"].(map[string]any)["service"] != nil {
		t.Errorf("filter.service should be null without --service")
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s", path, got)
	}
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		values []int
		p      int
		want   int
	}{
		{nil, 50, 0},
		{[]int{7}, 50, 7},
		{[]int{7}, 90, 7},
		{[]int{4, 1, 3, 2}, 50, 2},
		{[]int{4, 1, 3, 2}, 90, 4},
		{[]int{1, 2, 3, 4, 5}, 50, 3},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 90, 10},
	}
	for _, tt := range tests {
		if got := Percentile(tt.values, tt.p); got != tt.want {
			t.Errorf("Percentile(%v, %d) = %d, want %d", tt.values, tt.p, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct{ in, from, to, name, prev string }{
		{"2025", "2025-01-01", "2025-12-31", "2025", "2024"},
		{"2025-Q1", "2025-01-01", "2025-03-31", "2025-Q1", "2024-Q4"},
		{"2024-q4", "2024-10-01", "2024-12-31", "2024-Q4", "2024-Q3"},
		{"2024-02", "2024-02-01", "2024-02-29", "2024-02", "2024-01"},
		{"2025-01", "2025-01-01", "2025-01-31", "2025-01", "2024-12"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if p.From.String() != tt.from || p.To.String() != tt.to || p.String() != tt.name || p.Previous().String() != tt.prev {
			t.Errorf("%s: got %s..%s %s prev %s", tt.in, p.From, p.To, p, p.Previous())
		}
	}
	for _, bad := range []string{"", "25", "2025-Q5", "2025-13", "2025-00", "Q1-2025", "2025-1"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	r, err := Range(date(t, "2025-01-10"), date(t, "2025-01-19"))
	if err != nil || r.Previous().From.String() != "2024-12-31" || r.Previous().To.String() != "2025-01-09" {
		t.Errorf("range previous: %v %v", r.Previous(), err)
	}
	if _, err := Range(date(t, "2025-01-10"), date(t, "2025-01-09")); err == nil {
		t.Error("reversed range accepted")
	}
}
