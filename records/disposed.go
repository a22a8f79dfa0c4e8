package records

import (
	"fmt"
	"slices"
)

// A disposed case stays disposed: no merge, edit or restore may bring back what disposal
// removed. The rules:
//
//   - Residue: in a disposed file, a personal or confidential field holding a value (not the
//     DisposedMarker), or a free-text history detail recorded before the (first) dispose entry,
//     is personal data that disposal removed and something brought back. Validate reports it
//     as an error and purge removes it again. Notes recorded after the disposal are the
//     office's own later entries and stay.
//   - Merges: when one side disposed of the case and the other did not, the other side's
//     changes are scrubbed the way disposal would have scrubbed them before they are merged:
//     its new history entries are kept (date, time, who, action: the history only grows) with
//     their free-text detail replaced by DisposedMarker, its personal fields and its comments
//     are dropped.
//   - History loss: an entry of a parent commit missing from a merge result is refused, unless
//     the result is disposed and holds the entry with its detail removed by disposal.

// firstDispose is the index of the first dispose entry of c, or -1.
func firstDispose(c *Case) int {
	for i := range c.History {
		if c.History[i].Do == ActDispose {
			return i
		}
	}
	return -1
}

// DisposedResidue lists the fields of a disposed case that hold personal data again (see
// above), in record order; nil when c is not disposed or holds none.
func DisposedResidue(c *Case) []string {
	last := firstDispose(c)
	if last < 0 {
		return nil
	}
	cc := *c
	cc.History = c.History[:last]
	return RemovedFields(&cc)
}

// scrubResidue removes the residue of a disposed case: personal fields and the free-text
// details of the entries before the first dispose entry.
func scrubResidue(c *Case) {
	last := firstDispose(c)
	if last < 0 {
		return
	}
	later := slices.Clone(c.History[last:])
	c.History = c.History[:last]
	Scrub(c)
	c.History = append(c.History, later...)
}

// disposedProblems reports the residue of a disposed case as errors.
func disposedProblems(c *Case) []Problem {
	var ps []Problem
	for _, f := range DisposedResidue(c) {
		ps = append(ps, Problem{Field: f, Msg: fmt.Sprintf("personal data in a disposed file: the case was disposed of on %s and this field holds a value again (a merge or an edit brought it back): run dossier purge to remove it", c.History[firstDispose(c)].Date)})
	}
	return ps
}

// scrubbedEntry is e as disposal leaves it.
func scrubbedEntry(e Entry) Entry {
	if !keptDetail(e) {
		e.Detail = DisposedMarker
	}
	return e
}

// LostEntries lists the history entries of parent (an earlier version of the same case, e.g.
// a parent commit of a merge) that result does not hold, in parent's order. An entry whose
// detail a disposal in result removed counts as held.
func LostEntries(parent, result *Case) []Entry {
	have := map[Entry]bool{}
	for _, e := range result.History {
		have[e] = true
	}
	disposed := Disposed(result)
	var lost []Entry
	for _, e := range parent.History {
		if have[e] || disposed && have[scrubbedEntry(e)] {
			continue
		}
		lost = append(lost, e)
	}
	return lost
}

// redispose removes the residue of a disposed case again and records it with an edit entry
// (the workflow has one dispose step).
func redispose(r *Record, a Act, authorizedBy string) error {
	c := &r.Case
	if len(DisposedResidue(c)) == 0 {
		return refuse(c, "dispose", "the file was disposed of under the retention schedule already")
	}
	scrubResidue(c)
	r.Doc = nil
	e := a.Entry(ActEdit, fmt.Sprintf("disposed of again, authorized by %s: personal data brought back after the disposal removed", authorizedBy))
	if e.Date.Before(c.History[firstDispose(c)].Date) {
		e.Date = c.History[firstDispose(c)].Date
	}
	c.History = append(c.History, e)
	return nil
}
