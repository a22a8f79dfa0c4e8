package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

func caseFromRow(v map[string]string, sep string, p *records.Profile, act records.Act) (*records.Case, []string) {
	var probs []string
	bad := func(field, format string, args ...any) {
		probs = append(probs, field+": "+fmt.Sprintf(format, args...))
	}
	list := func(field string) []string {
		var out []string
		for _, s := range strings.Split(v[field], sep) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	date := func(field string) records.Date {
		if v[field] == "" {
			return records.Date{}
		}
		d, err := records.ParseDate(v[field])
		if err != nil {
			bad(field, "%v", err)
		}
		return d
	}
	received := date("received")
	if v["received"] == "" {
		bad("received", "missing: the date the complaint was received (YYYY-MM-DD)")
	}
	incidentDate, decided, closed := date("incident.date"), date("screening.decided"), date("disposition.closed")
	for _, f := range []string{"review.requested", "review.decided", "review.outcome"} {
		if v[f] != "" {
			bad(f, "reviews are not imported from CSV: import the case from JSON Lines (dossier export) or record the review with 'dossier review'")
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	c := &records.Case{ID: records.NormalizeID(v["id"]), Language: v["language"], Received: received, Channel: v["channel"], Summary: v["summary"]}
	if v["id"] != "" && !records.ValidID(c.ID) {
		bad("id", "not a case id (YYYY-XXXXX or YYYY-NNNN)")
	}
	party := func(prefix string) *records.Party {
		pt := &records.Party{Name: v[prefix+".name"], Organization: v[prefix+".organization"], Email: v[prefix+".email"], Phone: v[prefix+".phone"], Address: v[prefix+".address"]}
		if *pt == (records.Party{}) {
			return nil
		}
		return pt
	}
	c.Complainant, c.Representative = party("complainant"), party("representative")
	if v["respondent.service"] != "" || v["respondent.officers"] != "" {
		c.Respondent = &records.Respondent{Service: v["respondent.service"]}
		for _, o := range list("respondent.officers") {
			name, badge, _ := strings.Cut(o, "#")
			c.Respondent.Officers = append(c.Respondent.Officers, records.Officer{Name: strings.TrimSpace(name), Badge: strings.TrimSpace(badge)})
		}
	}
	c.LegacyIDs = list("legacy_ids")
	if !incidentDate.IsZero() || v["incident.location"] != "" || v["incident.area"] != "" {
		c.Incident = &records.Incident{Date: incidentDate, Area: v["incident.area"], Location: v["incident.location"]}
	}
	on := func(d records.Date) records.Act {
		a := act
		a.Date = d
		return a
	}
	// step records the error of one workflow step under the column of the field it names, or
	// under column when the field has no column of its own (the date of a step, a finding).
	step := func(column string, err error) bool {
		if err == nil {
			return true
		}
		var ie *records.InputError
		if !errors.As(err, &ie) {
			bad(column, "%v", err)
			return false
		}
		if col := fieldColumn(ie.Field); col != "" {
			column = col
		}
		bad(column, "%s", ie.Msg)
		return false
	}
	c.Type, c.Categories, c.Flags = v["type"], list("categories"), list("flags")
	ok := step("type", records.Intake(c, p, on(received)))
	stepDate := func(d records.Date, field string) records.Date {
		if d.IsZero() {
			bad(field, "missing: the date of this step")
		}
		return d
	}
	switch dec := v["screening.decision"]; {
	case !ok:
	case dec == "in":
		ok = step("screening.decision", records.ScreenIn(c, p, on(stepDate(decided, "screening.decided"))))
	case dec == "out":
		ok = step("screening.grounds", records.ScreenOut(c, p, on(stepDate(decided, "screening.decided")), list("screening.grounds")))
	case dec != "":
		bad("screening.decision", "write in or out")
		ok = false
	}
	switch r := v["routing"]; {
	case !ok || r == "":
	case r == "retained":
		ok = step("routing", records.Retain(c, p, on(decided)))
	case r == "referred" || r == "other-service":
		to := v["referral.to"]
		if to == "" && r == "referred" {
			to = v["respondent.service"]
		}
		if to == "" {
			bad("referral.to", "missing: the partner the complaint was referred to")
			ok = false
		} else {
			ok = step("routing", records.Refer(c, p, on(decided), to, "", records.Date{}))
		}
	default:
		bad("routing", "unknown routing: use one of %s", strings.Join(p.Routings.List(), ", "))
		ok = false
	}
	switch out := v["disposition.outcome"]; {
	case !ok || out == "" || out == records.OutcomeScreenedOut:
	case out == records.OutcomeWithdrawn && c.Screening == nil:
		ok = step("disposition.outcome", records.Withdraw(c, p, on(stepDate(closed, "disposition.closed")), v["disposition.reason"]))
	default:
		ok = step("disposition.outcome", records.Close(c, p, on(stepDate(closed, "disposition.closed")), out, v["disposition.reason"]))
	}
	if ok && v["status"] != "" && v["status"] != c.Status {
		bad("status", "says %s but the other columns make the case %s (the status follows from the dates and decisions)", v["status"], c.Status)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	id := c.ID
	if id == "" {
		c.ID = fmt.Sprintf("%04d-0001", received.Year) // a stand-in for validation; the store mints the real one
	}
	for _, pr := range records.Validate(&records.Record{Case: *c}, p) {
		if !pr.IsWarning() {
			bad(pr.Field, "%s", pr.Msg)
		}
	}
	c.ID = id
	return c, probs
}

// parseCSVExport reads a file with dossier's export header (records.CSVColumns): each row is
// unescaped (render.UnescapeCell), turned into the JSON of its case and read as a JSON Lines
// line is, so the round trip is lossless.
