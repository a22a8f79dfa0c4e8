package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// importRow is one row of a CSV import (its fields by name) while a case is built from it,
// with the problems found so far, each under the column it is about.
type importRow struct {
	v     map[string]string
	sep   string // the separator of list columns
	p     *records.Profile
	act   records.Act
	dates map[string]records.Date
	probs []string
	// refused: the declared fields whose cell was refused (intake does not then say they
	// are missing)
	refused map[string]bool
}

func (r *importRow) bad(column, format string, args ...any) {
	r.probs = append(r.probs, column+": "+fmt.Sprintf(format, args...))
}

// list is a list column: its items split on the separator, trimmed, empty ones dropped.
func (r *importRow) list(column string) []string {
	var out []string
	for _, s := range strings.Split(r.v[column], r.sep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// on is the row's act dated d.
func (r *importRow) on(d records.Date) records.Act {
	a := r.act
	a.Date = d
	return a
}

// stepDate is the date of a step, which the step cannot do without.
func (r *importRow) stepDate(column string) records.Date {
	d := r.dates[column]
	if d.IsZero() {
		r.bad(column, "missing: the date of this step")
	}
	return d
}

// step records the error of one workflow step under the column of the field it names, or
// under column when the field has no column of its own (the date of a step, a finding).
func (r *importRow) step(column string, err error) bool {
	if err == nil {
		return true
	}
	var ie *records.InputError
	if !errors.As(err, &ie) {
		r.bad(column, "%v", err)
		return false
	}
	if col := fieldColumn(ie.Field); col != "" {
		column = col
	}
	if r.refused[column] {
		return false
	}
	r.bad(column, "%s", ie.Msg)
	return false
}

// importDates are the date columns, read before anything else: a bad date stops the row
// before any step. missing is the problem when a required date is empty.
var importDates = []struct{ column, missing string }{
	{"received", "missing: the date the complaint was received (YYYY-MM-DD)"},
	{"incident.date", ""},
	{"screening.decided", ""},
	{"disposition.closed", ""},
}

// importRefused are the columns a CSV import does not take, and what to do instead.
var importRefused = []struct{ column, why string }{
	{"review.requested", reviewNotFromCSV},
	{"review.decided", reviewNotFromCSV},
	{"review.outcome", reviewNotFromCSV},
}

const reviewNotFromCSV = "reviews are not imported from CSV: import the case from JSON Lines (dossier export) or record the review with 'dossier review'"

// importFieldRules set the case's fields from their columns, before its life is replayed.
var importFieldRules = []func(r *importRow, c *records.Case){
	func(r *importRow, c *records.Case) {
		c.ID = records.NormalizeID(r.v["id"])
		if r.v["id"] != "" && !records.ValidID(c.ID) {
			r.bad("id", "not a case id (YYYY-XXXXX or YYYY-NNNN)")
		}
	},
	func(r *importRow, c *records.Case) {
		c.Language, c.Received, c.Channel, c.Summary = r.v["language"], r.dates["received"], r.v["channel"], r.v["summary"]
	},
	func(r *importRow, c *records.Case) {
		c.Complainant, c.Representative = r.party("complainant"), r.party("representative")
	},
	func(r *importRow, c *records.Case) {
		if r.v["respondent.service"] == "" && r.v["respondent.officers"] == "" {
			return
		}
		c.Respondent = &records.Respondent{Service: r.v["respondent.service"]}
		for _, o := range r.list("respondent.officers") {
			name, badge, _ := strings.Cut(o, "#")
			c.Respondent.Officers = append(c.Respondent.Officers, records.Officer{Name: strings.TrimSpace(name), Badge: strings.TrimSpace(badge)})
		}
	},
	func(r *importRow, c *records.Case) { c.LegacyIDs = r.list("legacy_ids") },
	func(r *importRow, c *records.Case) {
		if d := r.dates["incident.date"]; !d.IsZero() || r.v["incident.location"] != "" || r.v["incident.area"] != "" {
			c.Incident = &records.Incident{Date: d, Area: r.v["incident.area"], Location: r.v["incident.location"]}
		}
	},
	func(r *importRow, c *records.Case) {
		c.Type, c.Categories, c.Flags = r.v["type"], r.list("categories"), r.list("flags")
	},
	func(r *importRow, c *records.Case) { r.declaredFields(c) },
}

// party is the party of the columns PREFIX.name, .organization, .email, .phone and
// .address; nil when they are all empty.
func (r *importRow) party(prefix string) *records.Party {
	pt := &records.Party{Name: r.v[prefix+".name"], Organization: r.v[prefix+".organization"], Email: r.v[prefix+".email"], Phone: r.v[prefix+".phone"], Address: r.v[prefix+".address"]}
	if *pt == (records.Party{}) {
		return nil
	}
	return pt
}

// importSteps replay the case's life through the workflow verbs, in order; each reads its
// column and stops the row when it fails.
var importSteps = []func(r *importRow, c *records.Case) bool{
	func(r *importRow, c *records.Case) bool {
		return r.step("type", records.Intake(c, r.p, r.on(r.dates["received"])))
	},
	func(r *importRow, c *records.Case) bool {
		switch r.v["screening.decision"] {
		case "":
			return true
		case "in":
			return r.step("screening.decision", records.ScreenIn(c, r.p, r.on(r.stepDate("screening.decided"))))
		case "out":
			return r.step("screening.grounds", records.ScreenOut(c, r.p, r.on(r.stepDate("screening.decided")), r.list("screening.grounds")))
		}
		r.bad("screening.decision", "write in or out")
		return false
	},
	func(r *importRow, c *records.Case) bool {
		decided := r.dates["screening.decided"]
		switch routing := r.v["routing"]; routing {
		case "":
			return true
		case "retained":
			return r.step("routing", records.Retain(c, r.p, r.on(decided)))
		case "referred", "other-service":
			to := r.v["referral.to"]
			if to == "" && routing == "referred" {
				to = r.v["respondent.service"]
			}
			if to == "" {
				r.bad("referral.to", "missing: the partner the complaint was referred to")
				return false
			}
			return r.step("routing", records.Refer(c, r.p, r.on(decided), to, "", records.Date{}))
		}
		r.bad("routing", "unknown routing: use one of %s", strings.Join(r.p.Routings.List(), ", "))
		return false
	},
	func(r *importRow, c *records.Case) bool {
		switch out := r.v["disposition.outcome"]; {
		case out == "" || out == records.OutcomeScreenedOut:
			return true
		case out == records.OutcomeWithdrawn && c.Screening == nil:
			return r.step("disposition.outcome", records.Withdraw(c, r.p, r.on(r.stepDate("disposition.closed")), r.v["disposition.reason"]))
		default:
			return r.step("disposition.outcome", records.Close(c, r.p, r.on(r.stepDate("disposition.closed")), out, r.v["disposition.reason"]))
		}
	},
	func(r *importRow, c *records.Case) bool {
		if r.v["status"] != "" && r.v["status"] != c.Status {
			r.bad("status", "says %s but the other columns make the case %s (the status follows from the dates and decisions)", r.v["status"], c.Status)
		}
		return true
	},
}

// caseFromRow builds one case from its fields, replaying its life through the verbs so that the
// history, status and dates are those the workflow would have made.
func caseFromRow(v map[string]string, sep string, p *records.Profile, act records.Act) (*records.Case, []string) {
	r := &importRow{v: v, sep: sep, p: p, act: act, dates: map[string]records.Date{}}
	for _, d := range importDates {
		if v[d.column] == "" {
			if d.missing != "" {
				r.bad(d.column, "%s", d.missing)
			}
			continue
		}
		date, err := records.ParseDate(v[d.column])
		if err != nil {
			r.bad(d.column, "%v", err)
		}
		r.dates[d.column] = date
	}
	for _, x := range importRefused {
		if v[x.column] != "" {
			r.bad(x.column, "%s", x.why)
		}
	}
	if len(r.probs) > 0 {
		return nil, r.probs
	}
	c := &records.Case{}
	for _, set := range importFieldRules {
		set(r, c)
	}
	for _, step := range importSteps {
		if !step(r, c) {
			break
		}
	}
	if len(r.probs) > 0 {
		return nil, r.probs
	}
	id := c.ID
	if id == "" {
		c.ID = fmt.Sprintf("%04d-0001", r.dates["received"].Year) // a stand-in for validation; the store mints the real one
	}
	for _, pr := range records.Validate(&records.Record{Case: *c}, p) {
		if !pr.IsWarning() {
			r.bad(pr.Field, "%s", pr.Msg)
		}
	}
	c.ID = id
	return c, r.probs
}
