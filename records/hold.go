package records

import (
	"strings"
)

// PlaceHold puts the case on hold: a legal hold, a pending access request or an appeal keeps
// the file from disposal until the hold is lifted. The reason is recorded in the hold and in
// the history (both confidential: never in a commit message or a public export).
func PlaceHold(c *Case, p *Profile, a Act, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return InputErr("hold.reason", "say why the file is held (legal hold, access request, appeal)")
	}
	if c.Hold != nil && p.Disallowed(c, ActHold) == "" {
		return p.Refuse(c, "hold", "the file is on hold already since "+c.Hold.Since.String()+" (lift it with hold --lift first to record a new reason)")
	}
	return Apply(c, p, a, "hold", ActHold, reason, func() error {
		c.Hold = &Hold{Reason: reason, Since: a.Date}
		return nil
	})
}

// LiftHold ends the hold; the file becomes subject to the retention schedule again. The
// optional reason goes to the history.
func LiftHold(c *Case, p *Profile, a Act, reason string) error {
	if c.Hold == nil && p.Disallowed(c, ActLiftHold) == "" {
		return p.Refuse(c, "hold --lift", "the file is not on hold")
	}
	return Apply(c, p, a, "hold --lift", ActLiftHold, strings.TrimSpace(reason), func() error {
		c.Hold = nil
		return nil
	})
}

// Held reports whether the case is on hold.
func (c *Case) Held() bool { return c.Hold != nil }
