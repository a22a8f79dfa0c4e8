package records

import (
	"fmt"
	"strings"
)

// A case carries obligations: each referral (to one partner, for one purpose) and each request
// (for one item, from one party) has its own clock and is updated, returned, received or
// cancelled on its own. Follow-up steps name the obligation they speak of; they never guess it
// from "the last entry".

// ReferralChoice names an open referral: the partner (To) and, when the partner has two open
// referrals, the purpose. Empty To means "the only open referral".
type ReferralChoice struct{ To, Purpose string }

// A follow-up step that does not say which of several obligations it is for, or names one that
// is not open, is an InputError (exit status 2) listing the open ones.

// OpenReferrals are the indexes of the referrals still waiting for their report.
func OpenReferrals(c *Case) []int {
	var out []int
	for i, r := range c.Referrals {
		if r.Open() {
			out = append(out, i)
		}
	}
	return out
}

func describeReferrals(c *Case, idx []int) string {
	var s []string
	for _, i := range idx {
		r := c.Referrals[i]
		s = append(s, fmt.Sprintf("%s (%s, sent %s, due %s)", r.To, orNone(r.Purpose), r.Sent, r.Due))
	}
	return strings.Join(s, "; ")
}

// ChooseReferral returns the index of the open referral ch names. flag is the step as typed
// (for messages). With no referral open the step is refused (exit 4).
func ChooseReferral(c *Case, p *Profile, ch ReferralChoice, step string) (int, error) {
	open := OpenReferrals(c)
	if len(open) == 0 {
		return -1, p.Refuse(c, step, "no referral is open (each referral is returned or cancelled once)")
	}
	var match []int
	for _, i := range open {
		r := c.Referrals[i]
		if (ch.To == "" || r.To == ch.To) && (ch.Purpose == "" || r.Purpose == ch.Purpose) {
			match = append(match, i)
		}
	}
	switch {
	case len(match) == 1:
		return match[0], nil
	case len(match) == 0 && ch.To == "" && ch.Purpose != "":
		return -1, InputErr("referral.purpose", "no open referral of %s is for %s; open: %s", c.ID, Printable(ch.Purpose), describeReferrals(c, open))
	case len(match) == 0:
		return -1, InputErr("referral.to", "no open referral of %s is to %s; open: %s", c.ID, Printable(strings.TrimSpace(ch.To+" "+ch.Purpose)), describeReferrals(c, open))
	case ch.To == "":
		return -1, InputErr("referral.to", "%s has %d open referrals, name one: %s", c.ID, len(match), describeReferrals(c, match))
	}
	return -1, InputErr("referral.purpose", "%s has %d open referrals to %s, name one by its purpose: %s", c.ID, len(match), ch.To, describeReferrals(c, match))
}

// drivesStatus reports whether referral i is the one the status follows: the open
// investigation referral of a referred case.
func drivesStatus(c *Case, i int) bool {
	return c.Status == StatusReferred && c.Referrals[i].Purpose == PurposeInvestigation
}

// Refer sends the complaint to a partner for a purpose (default investigation). Only an
// investigation referral sets routing and status, and only on a screened-in case (see
// narrowed); any other purpose changes neither. A zero due means the referral_report clock.
func Refer(c *Case, p *Profile, a Act, to, purpose string, due Date) error {
	if err := checkCode(p.Partners, "referral.to", "partner", to); err != nil {
		return err
	}
	if purpose == "" {
		purpose = PurposeInvestigation
	}
	if err := checkCode(p.Purposes, "referral.purpose", "purpose", purpose); err != nil {
		return err
	}
	if due.IsZero() {
		due = a.Date.AddDays(p.Clocks.ReferralReport)
	}
	if !due.After(a.Date) {
		return InputErr("referral.due", "%s is not after the referral date %s", due, a.Date)
	}
	for _, i := range OpenReferrals(c) {
		if r := c.Referrals[i]; r.To == to && r.Purpose == purpose {
			return p.Refuse(c, "refer", fmt.Sprintf("a referral to %s for %s is already open (sent %s): follow it with refer --update, --returned or --cancel", to, purpose, r.Sent))
		}
	}
	act := ActReferFor
	if purpose == PurposeInvestigation {
		act = ActRefer
	}
	return Apply(c, p, a, "refer", act, fmt.Sprintf("%s (%s), due %s", to, purpose, due), func() error {
		c.Referrals = append(c.Referrals, Referral{To: to, Purpose: purpose, Sent: a.Date, Due: due})
		if act == ActRefer {
			c.Routing = routingTo(c, to)
		}
		return nil
	})
}

// routingTo is the routing of a case referred to partner to: "referred" when it is the
// service complained about (or none is named), else "other-service".
func routingTo(c *Case, to string) string {
	if to == c.Service() || c.Service() == "" {
		return "referred"
	}
	return "other-service"
}

// referralStep runs a follow-up step on the chosen referral: the step must not be dated before
// the referral was sent (or its last update).
func referralStep(c *Case, p *Profile, a Act, ch ReferralChoice, step string) (int, error) {
	if why := p.Disallowed(c, ActUpdate); why != "" {
		return -1, p.Refuse(c, step, why)
	}
	i, err := ChooseReferral(c, p, ch, step)
	if err != nil {
		return -1, err
	}
	r := c.Referrals[i]
	after := r.Sent
	if n := len(r.Updates); n > 0 {
		after = r.Updates[n-1]
	}
	if a.Date.Before(after) {
		return -1, p.Refuse(c, step, fmt.Sprintf("dated %s, before the referral to %s was sent or last updated (%s): a step cannot happen before the step it follows", a.Date, r.To, after))
	}
	return i, nil
}

// referralDetail names a referral in history details: the partner, and the purpose when it is
// not investigation ("ottawa-ps", "siu (information)").
func referralDetail(r Referral) string {
	if r.Purpose == PurposeInvestigation || r.Purpose == "" {
		return r.To
	}
	return r.To + " (" + r.Purpose + ")"
}

// ReferralUpdate logs a status update received from the partner of one open referral; the next
// is due a status_update clock later.
func ReferralUpdate(c *Case, p *Profile, a Act, ch ReferralChoice) error {
	i, err := referralStep(c, p, a, ch, "refer --update")
	if err != nil {
		return err
	}
	r := &c.Referrals[i]
	return Apply(c, p, a, "refer --update", ActUpdate, referralDetail(*r), func() error {
		r.Updates = append(r.Updates, a.Date)
		return nil
	})
}

// ReferralReturned logs the report of one open referral. The investigation referral of a
// referred case brings the finding (the case is decided); any other referral's report changes
// no status (an information referral on a retained case, say).
func ReferralReturned(c *Case, p *Profile, a Act, ch ReferralChoice, finding string) error {
	i, err := referralStep(c, p, a, ch, "refer --returned")
	if err != nil {
		return err
	}
	r := &c.Referrals[i]
	act := ActReturnFor
	if drivesStatus(c, i) {
		act = ActReturn
		if finding != "" {
			if err := checkCode(p.OutcomesFor(c.Type), "finding", "finding for a "+orNone(c.Type)+" complaint", finding); err != nil {
				return err
			}
		}
	}
	return Apply(c, p, a, "refer --returned", act, strings.TrimSpace(referralDetail(*r)+" "+finding), func() error {
		r.Returned, r.Finding = a.Date, finding
		return nil
	})
}

// ReferralCancel records that an open referral is no longer needed. Cancelling the
// investigation referral of a referred case takes it back to screened-in with no routing (a
// referral made by mistake); any other cancel changes no status.
func ReferralCancel(c *Case, p *Profile, a Act, ch ReferralChoice, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return InputErr("referral.reason", "say why the referral is cancelled")
	}
	i, err := referralStep(c, p, a, ch, "refer --cancel")
	if err != nil {
		return err
	}
	r := &c.Referrals[i]
	act := ActCancelReferral
	if drivesStatus(c, i) {
		act = ActCancelInvest
	}
	return Apply(c, p, a, "refer --cancel", act, referralDetail(*r), func() error {
		r.Cancelled, r.Reason = a.Date, reason
		if act == ActCancelInvest {
			c.Routing = ""
		}
		return nil
	})
}

// RequestItem asks a party for a document; a zero due means the configured clock.
func RequestItem(c *Case, p *Profile, a Act, item, from string, due Date) error {
	item, from = strings.TrimSpace(item), strings.TrimSpace(from)
	if item == "" {
		return InputErr("request.item", "say what is requested (e.g. medical-records, statement, photos)")
	}
	if from == "" {
		return InputErr("request.from", "say who is asked (complainant, a partner code, a witness)")
	}
	if due.IsZero() {
		due = a.Date.AddDays(p.Clocks.InformationRequest)
	}
	if !due.After(a.Date) {
		return InputErr("request.due", "%s is not after the request date %s", due, a.Date)
	}
	return Apply(c, p, a, "request", ActRequest, fmt.Sprintf("%s from %s, due %s", item, from, due), func() error {
		c.Requests = append(c.Requests, Request{Item: item, From: from, Sent: a.Date, Due: due})
		return nil
	})
}

// ChooseRequest returns the index of the open request for item (from the party from, when
// given). The same item asked of two parties needs from (exit 2 listing them); of one party
// twice, the oldest is chosen.
func ChooseRequest(c *Case, item, from, field string) (int, error) {
	var open, match []int
	parties := map[string]bool{}
	for i, rq := range c.Requests {
		if !rq.Open() {
			continue
		}
		open = append(open, i)
		if rq.Item == item && (from == "" || rq.From == from) {
			match = append(match, i)
			parties[rq.From] = true
		}
	}
	list := func(idx []int) string {
		var s []string
		for _, i := range idx {
			s = append(s, c.Requests[i].Item+" from "+c.Requests[i].From)
		}
		return strings.Join(s, ", ")
	}
	switch {
	case len(match) == 0 && len(open) == 0:
		return -1, InputErr(field, "no request of %s is outstanding on %s (none is)", Printable(item), c.ID)
	case len(match) == 0 && from != "":
		return -1, InputErr(field, "no request of %s from %s is outstanding on %s; outstanding: %s", Printable(item), Printable(from), c.ID, list(open))
	case len(match) == 0:
		return -1, InputErr(field, "no request of %s is outstanding on %s; outstanding: %s", Printable(item), c.ID, list(open))
	case len(parties) > 1:
		return -1, InputErr("request.from", "%s was asked of %d parties on %s, name one: %s", Printable(item), len(parties), c.ID, list(match))
	}
	return match[0], nil
}

// RequestReceived marks the open request for item (from the party from, when given) as
// received.
func RequestReceived(c *Case, p *Profile, a Act, item, from string) error {
	if why := p.Disallowed(c, ActReceive); why != "" {
		return p.Refuse(c, "request --received", why)
	}
	i, err := ChooseRequest(c, item, from, "request.received")
	if err != nil {
		return err
	}
	rq := &c.Requests[i]
	if a.Date.Before(rq.Sent) {
		return p.Refuse(c, "request --received", fmt.Sprintf("dated %s, before the request was sent (%s): a step cannot happen before the step it follows", a.Date, rq.Sent))
	}
	return Apply(c, p, a, "request --received", ActReceive, item, func() error {
		rq.Received = a.Date
		return nil
	})
}

// RequestCancel records that an open request is no longer needed: it leaves due.
func RequestCancel(c *Case, p *Profile, a Act, item, from, reason string) error {
	if why := p.Disallowed(c, ActCancelRequest); why != "" {
		return p.Refuse(c, "request --cancel", why)
	}
	if strings.TrimSpace(reason) == "" {
		return InputErr("request.reason", "say why the request is cancelled")
	}
	i, err := ChooseRequest(c, item, from, "request.cancel")
	if err != nil {
		return err
	}
	rq := &c.Requests[i]
	if a.Date.Before(rq.Sent) {
		return p.Refuse(c, "request --cancel", fmt.Sprintf("dated %s, before the request was sent (%s): a step cannot happen before the step it follows", a.Date, rq.Sent))
	}
	return Apply(c, p, a, "request --cancel", ActCancelRequest, item, func() error {
		rq.Cancelled, rq.Reason = a.Date, reason
		return nil
	})
}

// Redirect closes a complaint the office sends to another organisation before screening (no
// jurisdiction, advice given): outcome redirected, the organisation and the reason recorded.
func Redirect(c *Case, p *Profile, a Act, to, reason string) error {
	to = strings.TrimSpace(to)
	if to == "" {
		return InputErr("redirect.to", "name the organisation the complainant is sent to")
	}
	if strings.ContainsAny(to, "\n\r\t") {
		return InputErr("redirect.to", "the organisation is one line")
	}
	if strings.TrimSpace(reason) == "" {
		return InputErr("redirect.reason", "say why the complaint goes elsewhere (e.g. no jurisdiction: a municipal by-law matter)")
	}
	return Apply(c, p, a, "redirect", ActRedirect, "", func() error {
		settleObligations(c, a, OutcomeRedirected)
		c.Disposition = &Disposition{Outcome: OutcomeRedirected, Closed: a.Date, Reason: reason, RedirectedTo: to}
		return nil
	})
}
