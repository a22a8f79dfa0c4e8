package letters

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// The clocks a profile declares (clocks: with a start), read by name: clockDue is the
// deadline of the case's clock on the letter's date, clockLabel its label in the letter's
// language, clock its length in days.

// declaredClock is the running clock the template names, or an error listing them.
func (e *env) declaredClock(helper, name string) (*records.ClockDef, error) {
	if d := e.in.Profile.Deadlines.Find(name); d != nil {
		return d, nil
	}
	var names []string
	for _, d := range e.in.Profile.Deadlines {
		names = append(names, d.Name)
	}
	return nil, fmt.Errorf("%s: unknown clock %q%s: use one of %s", helper, name, records.Suggest(name, names), strings.Join(names, ", "))
}

// clockDue is the deadline of the clock on the case on the letter's date: the zero date when
// it is not running (print it with {{with optdate (clockDue "NAME")}}…{{end}}; date refuses
// it). A clock's facts are the case's, not what the reader may see of them.
func (e *env) clockDue(name string) (records.Date, error) {
	d, err := e.declaredClock("clockDue", name)
	if err != nil {
		return records.Date{}, err
	}
	if !d.Runs() {
		return records.Date{}, fmt.Errorf("clockDue: clock %q has no start (the verbs read its length): use clock %q for its days", name, name)
	}
	it, ok := e.in.Profile.ClockItem(e.full(), d, e.in.Today)
	if !ok {
		return records.Date{}, nil
	}
	return it.Due, nil
}

// clockLabel is the clock's label in the letter's language.
func (e *env) clockLabel(name string) (string, error) {
	d, err := e.declaredClock("clockLabel", name)
	if err != nil {
		return "", err
	}
	return d.Label(e.lang), nil
}

// declaredClockDays is the length of a declared clock for the case: its days_by for the
// case's value of its by field, else its days.
func (e *env) declaredClockDays(d *records.ClockDef) (int, error) {
	n, ok := d.Length(e.full())
	if !ok {
		return 0, &ErrZero{What: "length for clock " + d.Name + " (its by field has no value days_by lists)", Helper: "clock"}
	}
	return n, nil
}
