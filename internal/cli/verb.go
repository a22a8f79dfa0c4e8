package cli

import (
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// step is one workflow verb applied to one case: the domain function to run, the action
// name and the commit subject's detail (never personal information).
type step struct {
	arg    string // the id as typed
	date   string // --date
	action string // the verb typed, e.g. "screen": commit subject and Action: trailer
	label  string // what the talk calls the step when not the verb (e.g. "update"); "": action
	apply  func(c *records.Case, p *records.Profile, a records.Act) error
	detail func(c *records.Case) string // for the commit subject; nil: none
}

// runStep resolves the case, applies the step under the case's lock through the store (which
// validates and writes atomically, or writes nothing), reports the new status and commits
// when asked.
func (f *Factory) runStep(s step) (*records.Record, error) {
	a, err := f.act(s.date)
	if err != nil {
		return nil, err
	}
	store, id, err := f.resolve(s.arg)
	if err != nil {
		return nil, err
	}
	unlock, err := f.commitLock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	var before string
	rec, err := store.Update(id, func(r *records.Record) error {
		before = r.Case.Status
		return s.apply(&r.Case, store.Profile, a)
	})
	if err != nil {
		return nil, err
	}
	c := &rec.Case
	if before != c.Status {
		f.Talk("%s: %s → %s", id, before, c.Status)
	} else {
		label := s.label
		if label == "" {
			label = s.action
		}
		f.Talk("%s: %s recorded (%s)", id, label, c.Status)
	}
	subject := s.action + " " + id
	if s.detail != nil {
		if d := s.detail(c); d != "" {
			subject += ": " + d
		}
	}
	return rec, f.commitLocked(id, s.action, subject)
}

// dateFlag adds --date to a workflow verb.
func dateFlag(cmd *cobra.Command, date *string) {
	cmd.Flags().StringVar(date, "date", "", "the `DATE` it happened, YYYY-MM-DD (default: today)")
}

// verbHelp is the common tail of every workflow verb's help.
func verbHelp(text string) string {
	return text + `

ID may be any unique prefix of a case id. --date records the day the step happened
(back-dated entry); the history also records when it was entered and by whom. With
--commit the change is committed to git.` + exitStatusHelp
}

func lastDetail(c *records.Case) string {
	if n := len(c.History); n > 0 {
		return c.History[n-1].Detail
	}
	return ""
}

func requireOne(cmd *cobra.Command, names ...string) error {
	n := 0
	for _, name := range names {
		if cmd.Flags().Changed(name) {
			n++
		}
	}
	if n != 1 {
		return usageErrorf("%s needs exactly one of --%s", cmd.Name(), joinFlags(names))
	}
	return nil
}

func joinFlags(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			if i == len(names)-1 {
				s += " or --"
			} else {
				s += ", --"
			}
		}
		s += n
	}
	return s
}
