package cli

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// commitCase commits one case file when --commit is given or git.commit is set. The subject
// names the case and the action, never personal information; trailers make the log
// searchable (git log --grep 'Case: 2026-K7M2Q').
func (f *Factory) commitCase(id, action, subject string) error {
	if !f.Viper.GetBool("git.commit") {
		return nil
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	unlock, err := store.Lock("git")
	if err != nil {
		return err
	}
	defer unlock()
	msg := fmt.Sprintf("%s\n\nCase: %s\nAction: %s\n", strings.TrimSpace(subject), id, action)
	if err := f.Git().Commit([]string{records.RecordPath(id)}, msg); err != nil {
		return fmt.Errorf("the change is saved but not committed: %w", err)
	}
	return nil
}
