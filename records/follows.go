package records

// stepFollows is the fact a step of act depends on and its date: a step dated before it is
// refused (a screening before the complaint was received, a referral before the screen-in, a
// finding before the retention...). The follow-ups of one referral or request are checked
// against that referral or request (referralStep, RequestReceived, RequestCancel). A declared
// action follows what the Ontario action of its role follows.
func stepFollows(c *Case, p *Profile, act string) (what string, d Date) {
	var buf ActionDef
	if r, ok := p.Workflow.rule(act, &buf); ok && r.Role != "" {
		if named, ok := roleActions()[r.Role]; ok {
			act = named
		}
	}
	what, d = "the complaint was received", c.Received
	later := func(w string, x Date) {
		if !x.IsZero() && x.After(d) {
			what, d = w, x
		}
	}
	switch act {
	case ActRefer, ActReferFor, ActRetain, ActClose:
		if s := c.Screening; s != nil {
			later("the screening decision", s.Decided)
		}
		if act == ActClose {
			later("the decision", lastFinding(c))
		}
	case ActDecide:
		later("the case was retained", lastEntryDate(c, ActRetain, ActReviewDecision))
	case ActReviewRequest:
		later("the decision", lastFinding(c))
	case ActReviewDecision:
		if c.Review != nil {
			later("the review was requested", c.Review.Requested)
		}
	case ActReopen:
		if c.Disposition != nil {
			later("the file was closed", c.Disposition.Closed)
		}
	}
	return what, d
}

// lastEntryDate is the effective date of the latest history entry of one of acts.
func lastEntryDate(c *Case, acts ...string) Date {
	var d Date
	for _, e := range c.History {
		for _, a := range acts {
			if e.Do == a {
				d = EntryDate(e)
			}
		}
	}
	return d
}

// EntryDate is the day an entry took effect: its date, else the day it was recorded.
func EntryDate(e Entry) Date {
	if !e.Date.IsZero() {
		return e.Date
	}
	if e.At.IsZero() {
		return Date{}
	}
	return DateOf(e.At.UTC())
}

// roleActions are the Ontario actions of the roles whose steps follow another (stepFollows).
func roleActions() map[string]string {
	return map[string]string{RoleRefer: ActRefer, RoleRetain: ActRetain, RoleClose: ActClose, RoleDecide: ActDecide,
		RoleReviewReq: ActReviewRequest, RoleReviewDecide: ActReviewDecision, RoleReopen: ActReopen}
}
