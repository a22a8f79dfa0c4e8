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
	unlock, err := f.commitLock()
	if err != nil {
		return err
	}
	defer unlock()
	return f.commitLocked(id, action, subject)
}

// commitLock takes the repository's git lock when the change is to be committed (else it
// does nothing). A verb holds it from before it writes the record until its commit is made,
// so that no other committing process writes the same file in between: otherwise one commit
// would carry two changes and the other process would find nothing left to commit.
func (f *Factory) commitLock() (func(), error) {
	if !f.CommitWrites() {
		return func() {}, nil
	}
	store, err := f.Store()
	if err != nil {
		return nil, err
	}
	return store.Lock("git")
}

// commitLocked is commitCase for a caller holding commitLock.
func (f *Factory) commitLocked(id, action, subject string) error {
	if !f.CommitWrites() {
		return nil
	}
	msg := fmt.Sprintf("%s\n\nCase: %s\nAction: %s\n", strings.TrimSpace(subject), id, action)
	if err := f.commit([]string{records.RecordPath(id)}, msg); err != nil {
		return fmt.Errorf("the change is saved but not committed: %w", err)
	}
	return nil
}
