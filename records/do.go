package records

import (
	"fmt"
	"slices"
	"strings"
)

// FieldInput is one declared field's value given to a step (dossier do --field NAME=VALUE).
type FieldInput struct{ Name, Value string }

// DoInput is what a declared action is given: the declared fields it sets, and the values its
// role reads.
type DoInput struct {
	Fields []FieldInput
	// To: the partner (refer, and return when two referrals are open); the organisation the
	// person is sent to (redirect).
	To string
	// Outcome: the disposition outcome (close), the finding (return, decide), the review's
	// outcome (review-decide).
	Outcome string
	// Reason: the reasons, codes separated by commas, when the action declares reasons (a
	// screen-out's grounds); otherwise why (close, withdraw, reopen, redirect, or the detail
	// of an action without a role).
	Reason string
}

// Do runs the declared action named action on c by its role: the generic door of every
// profile's actions (dossier do). It refuses (RefusedError) what the workflow does not allow,
// and what a declared field's required_before needs while that field is empty; a value the
// profile does not accept is an InputError. On error c is unchanged.
func Do(c *Case, p *Profile, a Act, action string, in DoInput) error {
	def := p.Workflow.Actions.Find(action)
	if def == nil || IsBuiltin(action) {
		return p.unknownAction(c, action)
	}
	if why := p.Disallowed(c, action); why != "" {
		return p.Refuse(c, action, why)
	}
	// The declared fields are set on a copy, so that a refused value leaves c as it was.
	cp := *c
	var typ string
	var categories, flags []string
	for _, f := range in.Fields {
		if def.Role == RoleClassify {
			switch f.Name {
			case "type":
				typ = strings.TrimSpace(f.Value)
				continue
			case "categories":
				categories = append(categories, splitCodes(f.Value)...)
				continue
			case "flags":
				flags = append(flags, splitCodes(f.Value)...)
				continue
			}
		}
		if !slices.Contains(def.Sets, f.Name) {
			if p.Fields.Find(f.Name) == nil {
				return p.unknownField(f.Name)
			}
			sets := "it sets no field"
			if len(def.Sets) > 0 {
				sets = "it sets " + strings.Join(def.Sets, ", ")
			}
			return &InputError{Field: FieldPath(f.Name), Msg: fmt.Sprintf("%s does not set this field (%s)", action, sets)}
		}
		if err := p.SetField(&cp, f.Name, f.Value); err != nil {
			return err
		}
	}
	for i := range p.Fields {
		fd := &p.Fields[i]
		if slices.Contains(fd.RequiredBefore, action) && cp.Field(fd.Name).IsZero() {
			return p.Refuse(c, action, fmt.Sprintf("%s (%s) is required before %s: give it a value with this step or before it", fd.Label("en"), FieldPath(fd.Name), action))
		}
	}
	fields := cp.Fields
	withFields := func(mutate func()) func() error {
		return func() error {
			c.Fields = fields
			if mutate != nil {
				mutate()
			}
			return nil
		}
	}
	switch def.Role {
	case RoleClassify:
		if typ == "" {
			typ = c.Type
		}
		return classifyAs(c, p, a, action, action, typ, categories, flags, fields)
	case RoleScreenIn:
		return Apply(c, p, a, action, action, "", withFields(func() {
			c.Screening = &Screening{Decision: "in", Decided: a.Date}
		}))
	case RoleScreenOut:
		return doScreenOut(c, p, a, def, in, withFields)
	case RoleRedirect:
		to := strings.TrimSpace(in.To)
		switch {
		case to == "":
			return InputErr("redirect.to", "name the organisation the person is sent to")
		case strings.ContainsAny(to, "\n\r\t"):
			return InputErr("redirect.to", "the organisation is one line")
		case strings.TrimSpace(in.Reason) == "":
			return InputErr("redirect.reason", "say why the case goes elsewhere")
		}
		return Apply(c, p, a, action, action, "", withFields(func() {
			settleObligations(c, a, OutcomeRedirected)
			c.Disposition = &Disposition{Outcome: OutcomeRedirected, Closed: a.Date, Reason: in.Reason, RedirectedTo: to}
		}))
	case RoleRefer:
		return doRefer(c, p, a, action, in, withFields)
	case RoleReturn:
		return doReturn(c, p, a, def, in, withFields)
	case RoleRetain:
		return Apply(c, p, a, action, action, "", withFields(func() {
			if p.Routings.Has("retained") {
				c.Routing = "retained"
			}
		}))
	case RoleDecide:
		if err := checkFinding(c, p, def, "finding", in.Outcome); err != nil {
			return err
		}
		return Apply(c, p, a, action, action, in.Outcome, withFields(nil))
	case RoleReviewReq:
		due := p.ActionDue(c, action, a.Date)
		detail := ""
		if !due.IsZero() {
			detail = "due " + due.String()
		}
		return Apply(c, p, a, action, action, detail, withFields(func() {
			c.Review = &Review{Requested: a.Date, Due: due}
			c.Disposition = nil
		}))
	case RoleReviewDecide:
		codes := outcomesOf(def, p, c.Type)
		if len(def.Outcomes) == 0 {
			codes = p.ReviewOutcomes
		}
		if in.Outcome == "" {
			return InputErr("review.outcome", "required (%s)", strings.Join(codes.List(), ", "))
		}
		if len(codes) > 0 {
			if err := checkCode(codes, "review.outcome", "review outcome", in.Outcome); err != nil {
				return err
			}
		}
		return reviewDecideAs(c, p, a, action, action, in.Outcome, fields)
	case RoleClose:
		codes := outcomesOf(def, p, c.Type)
		if in.Outcome == "" {
			return InputErr("disposition.outcome", "required (%s)", strings.Join(codes.List(), ", "))
		}
		if len(codes) > 0 {
			if err := checkCode(codes, "disposition.outcome", "outcome for a "+orNone(c.Type)+" case", in.Outcome); err != nil {
				return err
			}
		}
		return Apply(c, p, a, action, action, in.Outcome, withFields(func() {
			settleObligations(c, a, in.Outcome)
			c.Disposition = &Disposition{Outcome: in.Outcome, Closed: a.Date, Reason: in.Reason}
		}))
	case RoleWithdraw:
		return Apply(c, p, a, action, action, "", withFields(func() {
			settleObligations(c, a, OutcomeWithdrawn)
			c.Disposition = &Disposition{Outcome: OutcomeWithdrawn, Closed: a.Date, Reason: in.Reason}
		}))
	case RoleReopen:
		if strings.TrimSpace(in.Reason) == "" {
			return InputErr("reopen.reason", "say why the file is reopened")
		}
		return Apply(c, p, a, action, action, in.Reason, withFields(func() {
			c.Disposition = nil
		}))
	}
	// An action without a role moves the status and sets its fields; the reason, if any, is
	// its detail.
	return Apply(c, p, a, action, action, strings.TrimSpace(in.Reason), withFields(nil))
}

func doScreenOut(c *Case, p *Profile, a Act, def *ActionDef, in DoInput, withFields func(func()) func() error) error {
	codes := def.Reasons
	if len(codes) == 0 {
		codes = p.Grounds
	}
	var grounds []string
	reason := ""
	if len(codes) > 0 {
		grounds = uniq(splitCodes(in.Reason))
		if len(grounds) == 0 {
			return InputErr("screening.grounds", "%s needs at least one reason (%s)", def.Name, strings.Join(codes.List(), ", "))
		}
		for _, g := range grounds {
			if err := checkCode(codes, "screening.grounds", "reason", g); err != nil {
				return err
			}
		}
	} else {
		reason = in.Reason
	}
	return Apply(c, p, a, def.Name, def.Name, strings.Join(grounds, ", "), withFields(func() {
		c.Screening = &Screening{Decision: "out", Decided: a.Date, Grounds: grounds}
		settleObligations(c, a, OutcomeScreenedOut)
		c.Disposition = &Disposition{Outcome: OutcomeScreenedOut, Closed: a.Date, Reason: reason}
	}))
}

// doRefer sends the case to the partner in.To: a referral sent today, due after the action's
// clock when the profile declares one. In a profile with referral purposes it is the
// investigation referral, which decides routing when the profile has routings.
func doRefer(c *Case, p *Profile, a Act, action string, in DoInput, withFields func(func()) func() error) error {
	to := strings.TrimSpace(in.To)
	if to == "" {
		return InputErr("referral.to", "required: the partner the case is sent to (%s)", strings.Join(p.Partners.List(), ", "))
	}
	if err := checkCode(p.Partners, "referral.to", "partner", to); err != nil {
		return err
	}
	purpose := ""
	if p.Purposes.Has(PurposeInvestigation) {
		purpose = PurposeInvestigation
	}
	for _, i := range OpenReferrals(c) {
		if r := c.Referrals[i]; r.To == to && r.Purpose == purpose {
			return p.Refuse(c, action, fmt.Sprintf("a referral to %s is already open (sent %s)", to, r.Sent))
		}
	}
	due := p.ActionDue(c, action, a.Date)
	detail := to
	if purpose != "" {
		detail += " (" + purpose + ")"
	}
	if !due.IsZero() {
		detail += ", due " + due.String()
	}
	return Apply(c, p, a, action, action, detail, withFields(func() {
		c.Referrals = append(c.Referrals, Referral{To: to, Purpose: purpose, Sent: a.Date, Due: due})
		if purpose == PurposeInvestigation && len(p.Routings) > 0 {
			c.Routing = routingTo(c, to)
		}
	}))
}

// doReturn records the report of the open referral (to in.To when several are open), with
// the finding in.Outcome.
func doReturn(c *Case, p *Profile, a Act, def *ActionDef, in DoInput, withFields func(func()) func() error) error {
	i, err := ChooseReferral(c, p, ReferralChoice{To: strings.TrimSpace(in.To)}, def.Name)
	if err != nil {
		return err
	}
	r := c.Referrals[i]
	after := r.Sent
	if n := len(r.Updates); n > 0 {
		after = r.Updates[n-1]
	}
	if a.Date.Before(after) {
		return p.Refuse(c, def.Name, fmt.Sprintf("dated %s, before the referral to %s was sent or last updated (%s): a step cannot happen before the step it follows", a.Date, r.To, after))
	}
	if err := checkFinding(c, p, def, "finding", in.Outcome); err != nil {
		return err
	}
	return Apply(c, p, a, def.Name, def.Name, strings.TrimSpace(referralDetail(r)+" "+in.Outcome), withFields(func() {
		c.Referrals[i].Returned, c.Referrals[i].Finding = a.Date, in.Outcome
	}))
}

// checkFinding checks a finding (optional) against the action's outcomes for the case type.
func checkFinding(c *Case, p *Profile, def *ActionDef, field, finding string) error {
	if finding == "" {
		return nil
	}
	if codes := outcomesOf(def, p, c.Type); len(codes) > 0 {
		return checkCode(codes, field, "finding for a "+orNone(c.Type)+" case", finding)
	}
	return nil
}

// outcomesOf are the outcomes an action accepts for a case type: its own (by type, or "*"),
// else the profile's for the type.
func outcomesOf(def *ActionDef, p *Profile, caseType string) Codes {
	if len(def.Outcomes) > 0 {
		if cs, ok := def.Outcomes[caseType]; ok {
			return cs
		}
		return def.Outcomes["*"]
	}
	return p.OutcomesFor(caseType)
}

// ActionDue is when the clock that starts on action falls due for c, counted from day (its
// length for the case, ClockDef.Length; business days when it counts them); zero when the
// profile declares no such clock.
func (p *Profile) ActionDue(c *Case, action string, day Date) Date {
	for i := range p.Deadlines {
		k := &p.Deadlines[i]
		if k.Start != action || k.Before {
			continue
		}
		n, ok := k.Length(c)
		if !ok || n <= 0 {
			continue
		}
		if k.Business {
			return day.AddBusinessDaysSkipping(n, p.Holidays)
		}
		return day.AddDays(n)
	}
	return Date{}
}

// splitCodes splits a comma-separated list of codes, dropping blanks.
func splitCodes(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if v := strings.TrimSpace(part); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// unknownAction is the error for a name the workflow does not declare: the actions allowed
// now, and the closest declared name.
func (p *Profile) unknownAction(c *Case, action string) error {
	allowed := p.AllowedActions(c)
	var names []string
	for _, d := range p.Workflow.Actions {
		if !IsBuiltin(d.Name) {
			names = append(names, d.Name)
		}
	}
	now := "none"
	if len(allowed) > 0 {
		now = strings.Join(allowed, ", ")
	}
	if action == "" {
		return &InputError{Allowed: allowed, Msg: fmt.Sprintf("no action given: name one after the id; allowed from %s: %s", orNone(c.Status), now)}
	}
	return &InputError{Value: action, Allowed: allowed,
		Msg: fmt.Sprintf("unknown action %s%s; allowed from %s: %s", Quote(Printable(action)), Suggest(action, names), orNone(c.Status), now)}
}

// ActionOutcomes are the values --outcome takes for action on c (completion): the review
// outcomes of a review-decide, else the outcomes the action accepts for the case's type.
func (p *Profile) ActionOutcomes(c *Case, action string) Codes {
	def := p.Workflow.Actions.Find(action)
	if def == nil {
		return nil
	}
	if def.Role == RoleReviewDecide && len(def.Outcomes) == 0 {
		return p.ReviewOutcomes
	}
	return outcomesOf(def, p, c.Type)
}

// ActionReasons are the codes --reason takes for action (its declared reasons; a screen-out
// without its own: the profile's grounds), nil when the reason is free text.
func (p *Profile) ActionReasons(action string) Codes {
	def := p.Workflow.Actions.Find(action)
	switch {
	case def == nil:
		return nil
	case len(def.Reasons) > 0:
		return def.Reasons
	case def.Role == RoleScreenOut:
		return p.Grounds
	}
	return nil
}

// ActionSets are the names --field takes for action: the declared fields it sets, and for a
// classify, the case's type, categories and flags.
func (p *Profile) ActionSets(action string) []string {
	def := p.Workflow.Actions.Find(action)
	if def == nil {
		return nil
	}
	out := slices.Clone(def.Sets)
	if def.Role == RoleClassify {
		out = append(out, "type", "categories", "flags")
	}
	return out
}
