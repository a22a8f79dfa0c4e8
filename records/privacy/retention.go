package privacy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// Retention is the office's retention schedule (dossier.yaml retention:): how many years after
// closing a file is kept, by outcome, before it is due for disposal.
type Retention struct {
	Default   int            // years, for every outcome not in ByOutcome
	ByOutcome map[string]int // years, by disposition outcome
}

// Default retention, when dossier.yaml does not say: a screened-out complaint is kept two
// years after closing, every other file five.
const (
	DefaultRetentionYears     = 5
	ScreenedOutRetentionYears = 2
)

// DefaultRetention is the schedule that applies to whatever dossier.yaml leaves out.
func DefaultRetention() Retention {
	return Retention{Default: DefaultRetentionYears, ByOutcome: map[string]int{records.OutcomeScreenedOut: ScreenedOutRetentionYears}}
}

// Check reports the first problem of a schedule, naming the setting: years out of range or
// an outcome the profile does not know.
func (r Retention) Check(p *records.Profile) error {
	if err := retentionYears(r.Default); err != nil {
		return fmt.Errorf("retention.default: %v", err)
	}
	outcomes := append(p.AllOutcomes().List(), records.OutcomeWithdrawn)
	for _, o := range slices.Sorted(maps.Keys(r.ByOutcome)) {
		if !slices.Contains(outcomes, o) {
			return fmt.Errorf("retention.by_outcome.%s: unknown outcome%s; outcomes are %s", records.Printable(o), records.Suggest(o, outcomes), strings.Join(records.Uniq(outcomes), ", "))
		}
		if err := retentionYears(r.ByOutcome[o]); err != nil {
			return fmt.Errorf("retention.by_outcome.%s: %v", o, err)
		}
	}
	return nil
}

func retentionYears(y int) error {
	if y < 1 || y > 100 {
		return fmt.Errorf("%d years: write between 1 and 100 years after closing", y)
	}
	return nil
}

// Years is how long a file with this outcome is kept after closing.
func (r Retention) Years(outcome string) int {
	if y, ok := r.ByOutcome[outcome]; ok {
		return y
	}
	return r.Default
}

// DueDate is the day a closed case becomes due for disposal: the day it was closed, the
// schedule's number of years later (a file closed on 29 February is due on 1 March). ok is
// false for an open case or one without a closing date.
func (r Retention) DueDate(c *records.Case) (due records.Date, years int, ok bool) {
	if c.Open() || c.Disposition == nil || c.Disposition.Closed.IsZero() {
		return records.Date{}, 0, false
	}
	years = r.Years(c.Disposition.Outcome)
	return records.DateOf(c.Disposition.Closed.Time().AddDate(years, 0, 0)), years, true
}

// Disposal is a case due for disposal on a day.
type Disposal struct {
	ID        string       `json:"id"`
	Outcome   string       `json:"outcome"`
	Closed    records.Date `json:"closed"`
	Years     int          `json:"years"`
	Due       records.Date `json:"due"`
	Held      bool         `json:"held"`
	HeldSince records.Date `json:"held_since,omitzero"`
}

// DueFor tells whether c is due for disposal on today, and the disposal if so. A held case is
// still due (Held says it is blocked); a disposed one is not, unless personal data came back
// into it (DisposedResidue; the declared fields classified by the profile p, which may be nil).
func (r Retention) DueFor(p *records.Profile, c *records.Case, today records.Date) (Disposal, bool) {
	due, years, ok := r.DueDate(c)
	if !ok || due.After(today) || records.Disposed(c) && len(p.DisposedResidue(c)) == 0 {
		return Disposal{}, false
	}
	d := Disposal{ID: c.ID, Outcome: c.Disposition.Outcome, Closed: c.Disposition.Closed, Years: years, Due: due}
	if c.Hold != nil {
		d.Held, d.HeldSince = true, c.Hold.Since
	}
	return d, true
}
