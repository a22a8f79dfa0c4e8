package records

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The clocks the Ontario obligations read by name (records.Clocks). A profile declares them
// with their length and labels and without a start: the named verbs (refer, request,
// review-request...) start and stop them. Every other clock runs on the engine below.
const (
	ClockForwardBusinessDays = "forward_business_days"
	ClockReferralReport      = "referral_report"
	ClockStatusUpdate        = "status_update"
	ClockReviewRequest       = "review_request"
	ClockReviewDecision      = "review_decision"
	ClockInformationRequest  = "information_request"
	ClockSixMonthLimit       = "six_month_limit"
)

// BuiltinClocks names the clocks records.Clocks holds, in the order Ontario declares them.
func BuiltinClocks() []string {
	return []string{ClockForwardBusinessDays, ClockReferralReport, ClockStatusUpdate, ClockReviewRequest,
		ClockReviewDecision, ClockInformationRequest, ClockSixMonthLimit}
}

// ClockReceived is the start of a clock that runs from the day the case was received.
const ClockReceived = "received"

// UnmarshalYAML reads a clock's declaration, or a whole number: its length in days (the form
// dossier.yaml has always used: `referral_report: 90` is {days: 90}).
func (d *ClockDef) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		var days int
		if err := n.Decode(&days); err != nil {
			return fmt.Errorf("expected a whole number of days or a mapping (days, start, stop...), not %q", n.Value)
		}
		d.Days = days
		return nil
	}
	type plain ClockDef
	return n.Decode((*plain)(d))
}

// ClocksOf is the typed lengths the Ontario obligations read, from the declared clocks.
func ClocksOf(d ClockDefs) Clocks {
	days := func(name string) int {
		if c := d.Find(name); c != nil {
			return c.Days
		}
		return 0
	}
	return Clocks{
		ForwardBusinessDays: days(ClockForwardBusinessDays), ReferralReport: days(ClockReferralReport),
		StatusUpdate: days(ClockStatusUpdate), ReviewRequest: days(ClockReviewRequest),
		ReviewDecision: days(ClockReviewDecision), InformationRequest: days(ClockInformationRequest),
		SixMonthLimit: days(ClockSixMonthLimit),
	}
}

// Label is the clock's label in lang, falling back to English, then its name.
func (d ClockDef) Label(lang string) string { return d.Code().Label(lang) }

// Code is the clock's name with its labels.
func (d ClockDef) Code() Code { return Code{Code: d.Name, En: d.En, Fr: d.Fr} }

// Runs reports whether the engine runs the clock: it has a start (the built-in clocks have
// none: the named verbs read their lengths).
func (d ClockDef) Runs() bool { return d.Start != "" }

// StartField is the declared field a clock starts from (start: fields.NAME), or "".
func (d ClockDef) StartField() string {
	name, ok := strings.CutPrefix(d.Start, "fields.")
	if !ok {
		return ""
	}
	return name
}

// ClockActions are the actions the running clocks start and stop on, sorted, without repeats:
// a summary of a case (the index) keeps their history entries, so that due reads the clocks
// from it.
func (p *Profile) ClockActions() []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, d := range p.Deadlines {
		if !d.Runs() {
			continue
		}
		if d.Start != ClockReceived && d.StartField() == "" {
			out = append(out, d.Start)
		}
		out = append(out, d.Stop...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ClockFields are the declared fields the running clocks read: the date fields they start on
// and the code fields their lengths depend on.
func (p *Profile) ClockFields() []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, d := range p.Deadlines {
		if !d.Runs() {
			continue
		}
		if f := d.StartField(); f != "" {
			out = append(out, f)
		}
		if d.By != "" {
			out = append(out, d.By)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ClocksIndexed reports whether the summary of a case (the index, see store.Summarize) holds
// everything the running clocks read: the history entries of their actions (always kept) and
// their fields (kept when the index may carry them: FieldDef.Indexed).
func (p *Profile) ClocksIndexed() bool {
	for _, name := range p.ClockFields() {
		if f := p.Fields.Find(name); f == nil || !f.Indexed() {
			return false
		}
	}
	return true
}

// ClockItems lists the declared clocks running on an open case on today, earliest first:
// for each clock with a start, its current deadline (see ClockItem).
func (p *Profile) ClockItems(c *Case, today Date) []DueItem {
	if p == nil || !c.Open() {
		return nil
	}
	var out []DueItem
	for i := range p.Deadlines {
		if it, ok := p.ClockItem(c, &p.Deadlines[i], today); ok {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b DueItem) int { return a.Due.Compare(b.Due) })
	return out
}

// DueItemsOn is everything owed on an open case on today: DueItems and the declared clocks,
// earliest first.
func DueItemsOn(c *Case, p *Profile, today Date) []DueItem {
	out := DueItems(c, p)
	if clocks := p.ClockItems(c, today); len(clocks) > 0 {
		out = append(out, clocks...)
		slices.SortStableFunc(out, func(a, b DueItem) int { return a.Due.Compare(b.Due) })
	}
	return out
}

// ClockItem is the deadline of the clock d on c on today, ok false when it is not running.
//
// A clock starts on the last history entry of its start action (a later one restarts it), or
// on a date: a declared date field (fields.NAME) or the day the case was received. It stops
// when one of its stop actions follows the start (a clock started on a date: when one is in
// the history). Its length is days_by of the value of its by field, else days, counted in
// business days (weekends and the profile's holidays skipped) when business is set. A before
// clock falls due that long before its start date (an expiry); an every clock repeats every
// so many days after it first falls due, and the deadline is its next occurrence (today
// counts). A clock without a length for the case (no value, or a value days_by does not
// list and no days) is not running.
func (p *Profile) ClockItem(c *Case, d *ClockDef, today Date) (DueItem, bool) {
	if !d.Runs() {
		return DueItem{}, false
	}
	start, after, ok := clockStart(c, d)
	if !ok || clockStopped(c, d, after) {
		return DueItem{}, false
	}
	n, ok := d.Length(c)
	if !ok {
		return DueItem{}, false
	}
	var due Date
	switch {
	case d.Before && d.Business:
		due = subtractBusinessDays(start, n, p.Holidays)
	case d.Before:
		due = start.AddDays(-n)
	case d.Business:
		due = start.AddBusinessDaysSkipping(n, p.Holidays)
	default:
		due = start.AddDays(n)
	}
	if d.Every > 0 && !d.Before && due.Before(today) {
		periods := (due.DaysUntil(today) + d.Every - 1) / d.Every
		due = due.AddDays(periods * d.Every)
	}
	return DueItem{ID: c.ID, Kind: d.Name, Due: due, What: d.Label("en"), Clock: d.Name, Label: d.Code(), Warn: d.Warn}, true
}

// ClockDue is the deadline of the clock named name on c on today (letters read it), ok false
// when the profile declares no such clock or it is not running.
func (p *Profile) ClockDue(c *Case, name string, today Date) (Date, bool) {
	d := p.Deadlines.Find(name)
	if d == nil {
		return Date{}, false
	}
	it, ok := p.ClockItem(c, d, today)
	return it.Due, ok
}

// clockStart is the date a clock starts on and, for an action, the index of the history
// entry that starts it (-1 for a date: every stop action counts).
func clockStart(c *Case, d *ClockDef) (Date, int, bool) {
	if name := d.StartField(); name != "" {
		date, err := ParseDate(c.Field(name).Scalar)
		return date, -1, err == nil && !date.IsZero()
	}
	if d.Start == ClockReceived {
		return c.Received, -1, !c.Received.IsZero()
	}
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Do == d.Start {
			date := EntryDate(c.History[i])
			return date, i, !date.IsZero()
		}
	}
	return Date{}, 0, false
}

// clockStopped reports whether a stop action of d follows the history entry at index after.
func clockStopped(c *Case, d *ClockDef, after int) bool {
	for _, e := range c.History[after+1:] {
		if slices.Contains(d.Stop, e.Do) {
			return true
		}
	}
	return false
}

// Length is the clock's length for c: days_by of its by field's value, else days, else its
// period (a repeating clock without a first length); a clock that starts on a date field may
// last no day at all (due on the date itself: an expiry shown warn days ahead).
func (d *ClockDef) Length(c *Case) (int, bool) {
	if d.By != "" {
		if n, ok := d.DaysBy[c.Field(d.By).Scalar]; ok {
			return n, n > 0
		}
	}
	switch {
	case d.Days > 0:
		return d.Days, true
	case d.Every > 0 && d.By == "":
		return d.Every, true
	case d.Days == 0 && d.By == "" && d.StartField() != "":
		return 0, true
	}
	return 0, false
}

// subtractBusinessDays counts n business days before d (weekends and holidays skipped).
func subtractBusinessDays(d Date, n int, holidays []Date) Date {
	t := d.Time()
	for n > 0 {
		t = t.AddDate(0, 0, -1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday && !slices.Contains(holidays, DateOf(t)) {
			n--
		}
	}
	return DateOf(t)
}
