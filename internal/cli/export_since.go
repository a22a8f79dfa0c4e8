package cli

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/parquetx"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// sinceChanges are the cases whose files changed between a commit and the working tree
// (export --since): what a nightly job loads into a warehouse. A nil *sinceChanges is a full
// export: every case is included, there are no tombstones.
type sinceChanges struct {
	base, head string          // the commit counted from; HEAD now ("" : no commit yet)
	changed    map[string]bool // ids whose file was added or modified: exported as they are now
	modified   map[string]bool // among changed, the files that existed at base (disposal is checked for them)
	disposed   map[string]bool // among modified, disposed of since base
	gone       []tombstone     // files deleted since base, by id
}

// tombstone is a case that is no longer where it was: deleted, or renumbered to another id.
type tombstone struct {
	ID     string `json:"id"`
	Reason string `json:"tombstone"`
	To     string `json:"renumbered_to,omitempty"`
}

// changesSince compares the commit rev with the working tree (committed, staged and
// unstaged changes, and new files not yet added: what export reads), under records/; nil
// when rev is "" (a full export).
func (f *Factory) changesSince(rev string) (*sinceChanges, error) {
	if rev == "" {
		return nil, nil
	}
	if _, err := f.Root(); err != nil {
		return nil, err
	}
	g := f.Git()
	if !g.IsRepo() {
		return nil, usageErrorf("--since %s: the repository is not in git, so there is nothing to compare with (export without --since)", rev)
	}
	if strings.HasPrefix(rev, "-") || !g.VerifyCommit(rev) {
		return nil, usageErrorf("--since %s: no such commit in this repository (give a commit id, a tag or a branch: git log shows them)", records.Quote(rev))
	}
	base, err := g.RevParse(rev)
	if err != nil {
		return nil, err
	}
	head, _ := g.RevParse("HEAD")
	diff, err := g.ChangedSince(base, "records")
	if err != nil {
		return nil, err
	}
	untracked, err := g.Untracked("records")
	if err != nil {
		return nil, err
	}
	ch := &sinceChanges{base: base, head: head, changed: map[string]bool{}, modified: map[string]bool{}, disposed: map[string]bool{}}
	var deleted []string
	for p, status := range diff {
		id, ok := recordID(p)
		if !ok {
			continue
		}
		switch status {
		case 'D':
			deleted = append(deleted, id)
		case 'A':
			ch.changed[id] = true
		default: // M, T, U (a conflict being resolved): the file as it is now
			ch.changed[id], ch.modified[id] = true, true
		}
	}
	for _, p := range untracked {
		if id, ok := recordID(p); ok {
			ch.changed[id] = true
		}
	}
	slices.Sort(deleted)
	for _, id := range deleted {
		if !ch.changed[id] { // else deleted from git's index but back in the tree
			ch.gone = append(ch.gone, tombstone{ID: id, Reason: parquetx.Deleted})
		}
	}
	return ch, nil
}

// findRenumbered turns the tombstone of a deleted id that a case now holds as an alias
// (summaries: every case) into a renumbered one naming that case.
func (ch *sinceChanges) findRenumbered(summaries []*records.Case) {
	if ch == nil || len(ch.gone) == 0 {
		return
	}
	aliases := map[string]string{}
	for _, c := range summaries {
		for _, a := range c.Aliases {
			aliases[a] = c.ID
		}
	}
	for i, t := range ch.gone {
		if to, ok := aliases[t.ID]; ok {
			ch.gone[i] = tombstone{ID: t.ID, Reason: parquetx.Renumbered, To: to}
		}
	}
}

// recordID is the case id of a record file's path (records/YYYY/ID.yaml), if it is one.
func recordID(p string) (string, bool) {
	id, ok := strings.CutSuffix(path.Base(p), ".yaml")
	if !ok || !records.ValidID(id) || p != records.RecordPath(id) {
		return "", false
	}
	return id, true
}

// includes reports whether case id is exported.
func (ch *sinceChanges) includes(id string) bool { return ch == nil || ch.changed[id] }

// noteDisposals records which of recs that exported selects (as they are now, before any
// redaction) were disposed of since base: disposed now, not in the file at base. The versions
// at base are read with one git process for the whole batch.
func (ch *sinceChanges) noteDisposals(f *Factory, recs []*records.Record, exported func(*records.Case) bool) error {
	if ch == nil {
		return nil
	}
	var paths []string
	for _, rec := range recs {
		if rec != nil && ch.modified[rec.Case.ID] && records.Disposed(&rec.Case) && exported(&rec.Case) {
			paths = append(paths, records.RecordPath(rec.Case.ID))
		}
	}
	if len(paths) == 0 {
		return nil
	}
	old, err := f.Git().FilesAt(ch.base, paths)
	if err != nil {
		return err
	}
	for _, p := range paths {
		id, _ := recordID(p)
		data, ok := old[p]
		if !ok {
			ch.disposed[id] = true // not at base (a type change): the safe side, a loader purges
			continue
		}
		rec, err := codec.ParseReadOnly(p+" (at "+ch.base[:min(12, len(ch.base))]+")", data)
		if err != nil || !records.Disposed(&rec.Case) {
			ch.disposed[id] = true // an old version that does not parse: the safe side, a loader purges
		}
	}
	return nil
}

// writeJSONTombstones ends a JSON Lines delta with one line per tombstone: each case disposed
// of ({"id":..., "tombstone":"disposed"}; its record line came earlier), then the deleted and
// renumbered ones. 'dossier import' does not read a delta: it is for a warehouse.
func (ch *sinceChanges) writeJSONTombstones(enc *json.Encoder) error {
	if ch == nil {
		return nil
	}
	for _, t := range ch.tombstones() {
		if err := enc.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// tombstones are the disposed cases, then the gone ones, each in id order.
func (ch *sinceChanges) tombstones() []tombstone {
	var out []tombstone
	ids := make([]string, 0, len(ch.disposed))
	for id := range ch.disposed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		out = append(out, tombstone{ID: id, Reason: parquetx.Disposed})
	}
	return append(out, ch.gone...)
}
