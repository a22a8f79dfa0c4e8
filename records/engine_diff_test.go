package records_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/records"
)

// The differential test of the declared workflow: the Ontario profile's workflow (templates/
// profiles/ontario.yaml) run by the engine (engine.go) agrees with the engine it replaced
// (oracle_test.go) on the status of every history, on whether a step is allowed and on the
// words of every refusal — over the demo repository, over random cases lived step by step
// (a deterministic property test) and over fuzzed ones (FuzzWorkflowAgainstOracle).

// ontario is the embedded default profile as the CLI loads it.
func ontario(tb testing.TB) *records.Profile {
	tb.Helper()
	s, err := config.Load(config.Input{Getenv: func(string) string { return "" }})
	if err != nil {
		tb.Fatal(err)
	}
	if len(s.Profile.Workflow.Actions) == 0 {
		tb.Fatal("the embedded profile declares no workflow")
	}
	return s.Profile
}

// everyAction is every action either engine knows, and one neither does.
func everyAction(p *records.Profile) []string {
	acts := records.BuiltinActions()
	for _, d := range p.Workflow.Actions {
		if !slices.Contains(acts, d.Name) {
			acts = append(acts, d.Name)
		}
	}
	return append(acts, "bogus", "")
}

// agreeOn fails t when the engines differ on c: its allowed verbs and, for every action of
// acts (everyAction(p), listed once by the caller), whether it is allowed and why not.
func agreeOn(t testing.TB, p *records.Profile, acts []string, c *records.Case, where string) {
	t.Helper()
	for _, act := range acts {
		if got, want := p.Disallowed(c, act), oldDisallowed(c, act); got != want {
			t.Fatalf("%s: status %s, %s: engine says %q, oracle %q", where, c.Status, act, got, want)
		}
	}
	if got, want := p.Allowed(c), oldAllowed(c); !slices.Equal(got, want) {
		t.Fatalf("%s: status %s: engine allows %v, oracle %v", where, c.Status, got, want)
	}
}

// agreeOnHistory fails t when the engines replay h differently (status, error, message).
func agreeOnHistory(t testing.TB, p *records.Profile, h []records.Entry, where string) {
	t.Helper()
	got, gerr := p.DeriveStatus(h)
	want, werr := oldDeriveStatus(h)
	if got != want || (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
		t.Fatalf("%s: %v: engine %q, %v; oracle %q, %v", where, dos(h), got, gerr, want, werr)
	}
}

func dos(h []records.Entry) []string {
	out := make([]string, len(h))
	for i, e := range h {
		out[i] = e.Do
		if e.Detail != "" {
			out[i] += "(" + e.Detail + ")"
		}
	}
	return out
}

func TestWorkflowAgreesWithOracleOnDemo(t *testing.T) {
	t.Parallel()
	p := ontario(t)
	acts := everyAction(p)
	o := demo.Options{Cases: 400, Today: records.Date{Year: 2026, Month: 3, Day: 2}, Seed: 1, Actor: "demo"}
	statuses := map[string]int{}
	for i := range o.Cases {
		c, err := demo.Case(p, o, i)
		if err != nil {
			t.Fatal(err)
		}
		statuses[c.Status]++
		for n := 1; n <= len(c.History); n++ {
			agreeOnHistory(t, p, c.History[:n], c.ID)
		}
		agreeOn(t, p, acts, c, "demo case "+c.ID)
		// the same case on hold, screened out and disposed of where it may be
		held := *c
		held.Hold = &records.Hold{Reason: "r", Since: c.Received}
		agreeOn(t, p, acts, &held, "held demo case")
		if c.Status == records.StatusClosed {
			disposed := *c
			disposed.History = append(slices.Clone(c.History), records.Entry{Do: records.ActDispose})
			agreeOn(t, p, acts, &disposed, "disposed demo case")
			agreeOnHistory(t, p, disposed.History, "disposed demo case")
		}
	}
	for _, st := range p.Workflow.StatusCodes() {
		if statuses[st] == 0 {
			t.Errorf("the demo has no case %s: the test does not cover it", st)
		}
	}
}

// sim is a case lived step by step by random choices: each step is an action either engine
// knows (or an unknown one); a step both engines allow is applied with the facts the verbs
// would record (type, routing, outcome), and sometimes a refused step is forced into the
// history to replay what hand edits and old rules left.
type sim struct {
	p    *records.Profile
	acts []string
}

func (s sim) run(t testing.TB, choose func(n int) int, steps int) {
	t.Helper()
	c := &records.Case{ID: "2026-0001", Status: records.StatusReceived, History: []records.Entry{{Do: records.ActCreate}}}
	pick := func(list ...string) string { return list[choose(len(list))] }
	for i := 0; i < steps; i++ {
		agreeOn(t, s.p, s.acts, c, "simulated case")
		act := s.acts[choose(len(s.acts))]
		detail := ""
		if act == records.ActReviewDecision {
			detail = pick("confirmed", "new-investigation", "varied", "taken-over", "other")
		}
		allowed := s.p.Disallowed(c, act) == ""
		forced := choose(8) == 0
		if !allowed && !forced {
			continue
		}
		h := append(slices.Clone(c.History), records.Entry{Do: act, Detail: detail})
		agreeOnHistory(t, s.p, h, "simulated history")
		st, err := s.p.DeriveStatus(h)
		if err != nil {
			continue // refused by the replay too: both engines said so
		}
		c.History, c.Status = h, st
		switch act {
		case records.ActClassify:
			c.Type = pick("conduct", "service", "")
		case records.ActRefer:
			c.Routing = pick("referred", "other-service")
		case records.ActRetain:
			c.Routing = "retained"
		case records.ActCancelInvest:
			c.Routing = ""
		case records.ActReviewDecision:
			switch detail {
			case "new-investigation":
				c.Routing = "referred"
			case "taken-over":
				c.Routing = "retained"
			}
		case records.ActScreenOut:
			c.Disposition = &records.Disposition{Outcome: records.OutcomeScreenedOut}
		case records.ActRedirect:
			c.Disposition = &records.Disposition{Outcome: records.OutcomeRedirected}
		case records.ActWithdraw:
			c.Disposition = &records.Disposition{Outcome: records.OutcomeWithdrawn}
		case records.ActClose:
			c.Disposition = &records.Disposition{Outcome: pick("unsubstantiated", "withdrawn", "no-action")}
		case records.ActReopen, records.ActReviewRequest:
			c.Disposition = nil
		case records.ActHold:
			c.Hold = &records.Hold{Reason: "r"}
		case records.ActLiftHold:
			c.Hold = nil
		}
	}
	agreeOn(t, s.p, s.acts, c, "simulated case")
}

// TestWorkflowAgreesWithOracleOnRandomCases is the deterministic property test: 1,500 cases of
// up to 40 random steps each, the same every run.
func TestWorkflowAgreesWithOracleOnRandomCases(t *testing.T) {
	t.Parallel()
	for _, seeds := range [][2]uint64{{0, 750}, {750, 1500}} { // the 1,500 seeds, in two halves side by side
		t.Run(fmt.Sprintf("seeds %d-%d", seeds[0], seeds[1]-1), func(t *testing.T) {
			t.Parallel()
			p := ontario(t)
			s := sim{p: p, acts: everyAction(p)}
			for seed := seeds[0]; seed < seeds[1]; seed++ {
				r := rand.New(rand.NewPCG(seed, 14))
				s.run(t, r.IntN, 40)
			}
		})
	}
}

// FuzzWorkflowAgainstOracle lives a case by the fuzzer's bytes (one choice a byte).
func FuzzWorkflowAgainstOracle(f *testing.F) {
	p := ontario(f)
	s := sim{p: p, acts: everyAction(p)}
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Fuzz(func(t *testing.T, choices []byte) {
		i := 0
		choose := func(n int) int {
			if i >= len(choices) {
				return 0
			}
			i++
			return int(choices[i-1]) % n
		}
		s.run(t, choose, len(choices)/2)
	})
}
