package records

// Intake turns the fields of a complaint received by the office into a new case, by the same
// rules whether it comes from create's flags, a --from document or a row of an import:
//   - the day received defaults to today (a.Now) and may not be after it;
//   - channel, language, the service complained about and the incident's area must be codes of
//     the profile;
//   - the language defaults to the first language of the profile;
//   - a type or categories given at intake are a classification, recorded as one (dated the
//     day received); flags alone are only flags, checked against the profile;
//   - the declared fields the profile requires at intake must be set.
//
// c holds the fields as given (no id, status or history); on success it is a new case dated
// the day received. Errors are *InputError naming the field.
func Intake(c *Case, p *Profile, a Act) error {
	today := DateOf(a.Now)
	if c.Received.IsZero() {
		c.Received = today
	}
	if c.Received.After(today) {
		return InputErr("received", "%s is in the future (today is %s)", c.Received, today)
	}
	for _, ch := range []struct {
		field, what, v string
		cs             Codes
	}{{"channel", "channel", c.Channel, p.Channels}, {"language", "language", c.Language, p.Languages}, {"respondent.service", "service", c.Service(), p.Partners}, {"incident.area", "area", c.Area(), p.Areas}} {
		if ch.v != "" {
			if err := ch.cs.Check(ch.what, ch.v); err != nil {
				return &InputError{Field: ch.field, Value: ch.v, Allowed: ch.cs.List(), Msg: err.Error()}
			}
		}
	}
	p.canonicalFields(c)
	if err := p.checkRequiredAtIntake(c); err != nil {
		return err
	}
	if c.Language == "" && len(p.Languages) > 0 {
		c.Language = p.Languages[0].Code
	}
	typ, cats, flags := c.Type, c.Categories, c.Flags
	c.Type, c.Categories = "", nil
	a.Date = c.Received
	NewCase(c, p, a)
	if typ == "" && len(cats) == 0 {
		for _, fl := range flags {
			if err := checkCode(p.Flags, "flags", "flag", fl); err != nil {
				return err
			}
		}
		return nil
	}
	c.Flags = nil
	return Classify(c, p, a, typ, cats, flags)
}
