package records

import (
	"fmt"
	"reflect"
)

// CheckEdit enforces what a hand edit may not do: change the id, rewrite or drop history
// entries (the history only grows), or quietly undo a screen-out (final within the office).
func CheckEdit(old, edited *Case) error {
	if edited.ID != old.ID {
		return fmt.Errorf("id: %s cannot be changed to %s by an edit", old.ID, Printable(edited.ID))
	}
	if len(edited.History) < len(old.History) {
		return fmt.Errorf("history: entries were removed (%d before, %d now): the history only grows", len(old.History), len(edited.History))
	}
	for i := range old.History {
		if !reflect.DeepEqual(old.History[i], edited.History[i]) {
			return fmt.Errorf("history[%d]: an existing entry was changed: the history only grows (add a note instead)", i)
		}
	}
	if old.Outcome() == OutcomeScreenedOut {
		if edited.Outcome() != OutcomeScreenedOut || !reflect.DeepEqual(old.Screening, edited.Screening) {
			return fmt.Errorf("screening: the complaint was screened out, which is final within the office: the screening and disposition cannot be edited (record a judicial review with note)")
		}
	}
	return nil
}

// AppendEdit records that a person edited the record by hand.
func AppendEdit(c *Case, a Act) {
	c.History = append(c.History, a.Entry(ActEdit, ""))
}
