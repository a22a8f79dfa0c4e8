package privacy

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// DisposeRecord disposes of the personal information of a closed case that is due under the
// retention schedule r on a.Date: every personal and confidential field (see the
// classification table; the declared fields by their class in the profile p, which may be nil:
// then every declared field goes) is replaced by DisposedMarker (text) or emptied (other values), the
// comments of the file are dropped (a person may have written anything there), and a dispose
// entry naming who authorised it is appended. What the statistics read — type, dates, codes,
// outcome, the coded history — stays, so the reports of past periods count the same.
func DisposeRecord(r *records.Record, p *records.Profile, a records.Act, ret Retention, authorizedBy string) error {
	c := &r.Case
	authorizedBy = strings.TrimSpace(authorizedBy)
	if authorizedBy == "" {
		return records.InputErr("authorized_by", "name who authorised the disposal (recorded in the history)")
	}
	if strings.ContainsAny(authorizedBy, "\n\r\t") {
		return records.InputErr("authorized_by", "one line, a name")
	}
	if records.Disposed(c) {
		return redispose(r, p, a, authorizedBy)
	}
	if why := p.Disallowed(c, records.ActDispose); why != "" {
		return p.Refuse(c, "dispose", why)
	}
	due, years, _ := ret.DueDate(c)
	if c.Hold != nil {
		return p.Refuse(c, "dispose", fmt.Sprintf("the file is on hold since %s (lift the hold with hold --lift when its reason has passed)", c.Hold.Since))
	}
	if due.After(a.Date) {
		return p.Refuse(c, "dispose", fmt.Sprintf("it is kept until %s (%d years after closing on %s, outcome %s)", due, years, c.Disposition.Closed, c.Disposition.Outcome))
	}
	detail := fmt.Sprintf("authorized by %s; %s, kept %d years after closing on %s (due %s)", authorizedBy, c.Disposition.Outcome, years, c.Disposition.Closed, due)
	return records.Apply(c, p, a, "dispose", records.ActDispose, detail, func() error {
		p.Scrub(c)
		r.Doc = nil
		return nil
	})
}

// CheckDispose tells what DisposeRecord would do to r on a.Date without changing r: the fields
// it would remove, or the refusal it would give.
func CheckDispose(r *records.Record, p *records.Profile, a records.Act, ret Retention) ([]string, error) {
	cp, err := Redact(&r.Case, nil, records.AudienceInternal)
	if err != nil {
		return nil, err
	}
	if err := DisposeRecord(&records.Record{Path: r.Path, Case: *cp}, p, a, ret, "dry run"); err != nil {
		return nil, err
	}
	if records.Disposed(&r.Case) {
		return p.DisposedResidue(&r.Case), nil
	}
	return p.RemovedFields(&r.Case), nil
}

// redispose removes the residue of a disposed case again and records it with an edit entry
// (the workflow has one dispose step).
func redispose(r *records.Record, p *records.Profile, a records.Act, authorizedBy string) error {
	c := &r.Case
	if len(p.DisposedResidue(c)) == 0 {
		return p.Refuse(c, "dispose", "the file was disposed of under the retention schedule already")
	}
	p.ScrubResidue(c)
	r.Doc = nil
	e := a.Entry(records.ActEdit, fmt.Sprintf("disposed of again, authorized by %s: personal data brought back after the disposal removed", authorizedBy))
	if e.Date.Before(c.History[records.FirstDispose(c)].Date) {
		e.Date = c.History[records.FirstDispose(c)].Date
	}
	c.History = append(c.History, e)
	return nil
}
