package letters

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// Letters read a declared clock by name: its deadline, its label, its length.
func TestLetterClocks(t *testing.T) {
	t.Parallel()
	p, _, _ := testProfile(t)
	p.Fields = records.FieldDefs{{Name: "program", Kind: records.KindCode, Codes: records.Codes{{Code: "pmrg"}, {Code: "paj"}}}}
	p.Deadlines = append(p.Deadlines, records.ClockDef{Name: "program", Start: records.ActRefer, Stop: []string{records.ActClose},
		By: "program", DaysBy: map[string]int{"pmrg": 180, "paj": 90}, En: "End of the program", Fr: "Fin du programme"})
	c := &records.Case{ID: "2026-K7M2Q", Status: "referred", Received: day("2026-01-15"),
		History: []records.Entry{{Date: day("2026-01-15"), Do: records.ActCreate}, {Date: day("2026-01-21"), Do: records.ActRefer}},
		Fields:  records.Fields{"program": {Scalar: "paj"}}}
	e := &env{lang: "fr", in: &Input{Case: &records.Case{ID: c.ID}, Full: c, Profile: p, Today: day("2026-02-01")}}
	if due, err := e.clockDue("program"); err != nil || due != day("2026-04-21") {
		t.Fatalf("clockDue: %s %v", due, err)
	}
	if l, err := e.clockLabel("program"); err != nil || l != "Fin du programme" {
		t.Fatalf("clockLabel: %q %v", l, err)
	}
	if n, err := e.clock("program"); err != nil || n != 90 {
		t.Fatalf("clock: %d %v", n, err)
	}
	if n, err := e.clock("review_request"); err != nil || n != 30 {
		t.Fatalf("clock of a built-in: %d %v", n, err)
	}
	if _, err := e.clockDue("programme"); err == nil || !strings.Contains(err.Error(), `clockDue: unknown clock "programme" (did you mean program?)`) {
		t.Fatalf("an unknown clock: %v", err)
	}
	if _, err := e.clockDue("referral_report"); err == nil || !strings.Contains(err.Error(), "has no start") {
		t.Fatalf("a built-in clock has no deadline of its own: %v", err)
	}
	c.History = append(c.History, records.Entry{Date: day("2026-01-30"), Do: records.ActClose})
	if due, err := e.clockDue("program"); err != nil || !due.IsZero() {
		t.Fatalf("a stopped clock: %s %v", due, err)
	}
	c.Fields = nil
	if _, err := e.clock("program"); err == nil {
		t.Fatal("clock of a by clock without a value")
	}
}
