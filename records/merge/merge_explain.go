package merge

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// conflictBlock is one <<<<<<< ... ======= ... >>>>>>> block of a conflicted file; line
// numbers are 1-based.
type conflictBlock struct {
	start, end   int // lines of the <<<<<<< and >>>>>>> markers
	ours, theirs []string
	collision    bool // written by the merge driver for an id collision
}

var (
	openMarker  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<{7}( |$)`) })
	baseMarker  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\|{7}( |$)`) })
	sepMarker   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^={7}$`) })
	closeMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^>{7}( |$)`) })
)

// splitConflicts cuts a conflicted file into the text outside the blocks and the blocks
// (with git's diff3 style, the base part is dropped). ok is false when the markers are not
// well formed.
func splitConflicts(data []byte) (outside [][]string, blocks []conflictBlock, ok bool) {
	lines := splitLines(data)
	var cur []string
	for i := 0; i < len(lines); i++ {
		if !openMarker().MatchString(lines[i]) {
			if baseMarker().MatchString(lines[i]) || sepMarker().MatchString(lines[i]) || closeMarker().MatchString(lines[i]) {
				return nil, nil, false
			}
			cur = append(cur, lines[i])
			continue
		}
		b := conflictBlock{start: i + 1, collision: strings.HasSuffix(lines[i], collisionLabel)}
		part := &b.ours
		i++
		for ; i < len(lines) && !closeMarker().MatchString(lines[i]); i++ {
			switch {
			case openMarker().MatchString(lines[i]):
				return nil, nil, false
			case baseMarker().MatchString(lines[i]):
				part = nil
			case sepMarker().MatchString(lines[i]):
				part = &b.theirs
			case part != nil:
				*part = append(*part, lines[i])
			}
		}
		if i == len(lines) {
			return nil, nil, false
		}
		b.end = i + 1
		outside = append(outside, cur)
		cur = nil
		blocks = append(blocks, b)
	}
	outside = append(outside, cur)
	return outside, blocks, len(blocks) > 0
}

// resolveConflicts is the file with each block replaced by one of its sides: theirs for the
// blocks where pick says so, ours for the others.
func resolveConflicts(outside [][]string, blocks []conflictBlock, pick func(i int) bool) []byte {
	var b strings.Builder
	for i, out := range outside {
		for _, l := range out {
			b.WriteString(l + "\n")
		}
		if i < len(blocks) {
			side := blocks[i].ours
			if pick(i) {
				side = blocks[i].theirs
			}
			for _, l := range side {
				b.WriteString(l + "\n")
			}
		}
	}
	return []byte(b.String())
}

// ExplainConflicts reads a record file holding conflict blocks (left by the dossier merge
// driver or by a line merge) and says, block by block, which fields the two sides disagree on
// and both values (personal and confidential values only with showValues, see
// Conflict.Withheld). It returns nil when the file has no well-formed conflict blocks.
func ExplainConflicts(name string, data []byte, showValues bool) []*records.Problem {
	outside, blocks, ok := splitConflicts(data)
	if !ok {
		return nil
	}
	const fix = "keep one, then delete the other and the <<<<<<< ======= >>>>>>> lines"
	generic := func(b conflictBlock) *records.Problem {
		return &records.Problem{File: name, Line: b.start, Msg: fmt.Sprintf("merge conflict (lines %d-%d): the two sides differ here: %s", b.start, b.end, fix)}
	}
	allOurs, errO := codec.Parse(name, resolveConflicts(outside, blocks, func(int) bool { return false }))
	allTheirs, errT := codec.Parse(name, resolveConflicts(outside, blocks, func(int) bool { return true }))
	var out []*records.Problem
	if len(blocks) == 1 && blocks[0].collision && errO == nil && errT == nil {
		return []*records.Problem{{File: name, Line: blocks[0].start, Field: "id", Msg: fmt.Sprintf(
			"id collision: two different cases were created as %s on two branches (ours received %s, created %s; theirs received %s, created %s): "+
				"abort the merge (git merge --abort), give one of them a new id with `dossier renumber %s` on its branch, and merge again",
			allOurs.Case.ID, allOurs.Case.Received, createdBy(&allOurs.Case), allTheirs.Case.Received, createdBy(&allTheirs.Case), allOurs.Case.ID)}}
	}
	for k, b := range blocks {
		if errO != nil {
			out = append(out, generic(b))
			continue
		}
		mixed, err := codec.Parse(name, resolveConflicts(outside, blocks, func(i int) bool { return i == k }))
		if err != nil {
			out = append(out, generic(b))
			continue
		}
		diffs := DiffCases(&allOurs.Case, &mixed.Case)
		if len(diffs) == 0 {
			out = append(out, generic(b))
			continue
		}
		for _, d := range diffs {
			if !showValues {
				d = d.Withheld()
			}
			msg := fmt.Sprintf("merge conflict: changed differently on the two sides: ours %s, theirs %s", d.Ours, d.Theirs)
			if d.Why != "" {
				msg += " (" + d.Why + ")"
			}
			out = append(out, &records.Problem{File: name, Line: b.start, Field: d.Field, Msg: msg + ": " + fix})
		}
	}
	return out
}

// CreatedBy says when and by whom the case was created, to tell two cases apart.
func CreatedBy(c *records.Case) string { return createdBy(c) }

func createdBy(c *records.Case) string {
	if len(c.History) == 0 {
		return "with no history"
	}
	e := c.History[0]
	s := e.At.String()
	if e.By != "" {
		s += " by " + e.By
	}
	return s
}
