package store

import (
	"slices"

	"github.com/dossier-dev/dossier/records"
)

// A command that needs a few summaries (a filtered list, due, export) or small facts of each
// (stats, the reports) need not hold a million of them (BENCHMARKS.md "One million cases").
// SummariesKept gives a predicate every summary and holds only those it keeps; EachSummary
// hands every summary to a visitor and holds none. Either reads the summaries a chunk at a
// time, in path order, in one of three ways:
//   - the index answers for every file (a warm run): each chunk of it is decoded into memory
//     the next chunk reuses (eachFromIndex);
//   - there is no index worth reading, or none is asked for (a cold run, --no-cache): the
//     files are parsed a chunk at a time and the index is written from them (index_cold.go);
//   - the index answers for part of the files (an edit, a fresh clone with the cache
//     restored): it is read twice, the new index written from the second read (index_stale.go).
// In a repository where a summary names an alias, the interrupted renumbers are found first
// (index_renumber.go). The result is Summaries' in every case, and so is the index written;
// only a repository with aliases read with --no-cache takes Summaries' path (all summaries
// held, then kept or visited).

// SummariesKept is Summaries(useIndex) without the summaries for which keep is false. keep
// is called on all cores, on summaries it must not keep a pointer to (it may be called more
// than once for the same case): a pure predicate.
func (s *Store) SummariesKept(useIndex bool, keep func(*records.Case) bool) (cases []*records.Case, problems []error, err error) {
	found, walk, err := s.scanFor(useIndex)
	defer s.dropHead()
	if err != nil {
		return nil, nil, err
	}
	var cp summaryCopier
	var marks []bool
	var locations map[*records.Case]string // see keptLocations
	if s.KeepLocations {
		locations = map[*records.Case]string{}
	}
	problems, ok := s.readChunks(&found, walk, useIndex, func() { cases, locations = nil, map[*records.Case]string{} }, func(chunk []*records.Case, incidents []*records.Incident) {
		marks = slices.Grow(marks[:0], len(chunk))[:len(chunk)]
		parallel(len(chunk), func(k int) { marks[k] = keep(chunk[k]) })
		for k, c := range chunk {
			if !marks[k] {
				continue
			}
			c = cp.copy(c)
			cases = append(cases, c)
			if s.KeepLocations && incidents != nil && incidents[k] != nil {
				locations[c] = incidents[k].Location
			}
		}
	})
	if ok {
		if s.KeepLocations {
			s.locations = locations
		}
		return cases, problems, nil
	}
	cases = nil
	all, problems := s.summariesOf(found, useIndex)
	marks = make([]bool, len(all))
	parallel(len(all), func(i int) { marks[i] = keep(all[i]) })
	for i, c := range all {
		if marks[i] {
			cases = append(cases, c)
		}
	}
	return cases, problems, nil
}

// keptFromIndex is SummariesKept from the index alone (eachFromIndex), for the tests: false
// when the index does not answer for every file or a summary names an alias.
func (s *Store) keptFromIndex(found []scanned, keep func(*records.Case) bool) (cases []*records.Case, ok, stale bool) {
	var cp summaryCopier
	ok, stale, _ = s.eachFromIndex(found, nil, nil, func(chunk []*records.Case) {
		for _, c := range chunk {
			if keep(c) {
				cases = append(cases, cp.copy(c))
			}
		}
	})
	if !ok {
		return nil, false, stale
	}
	return cases, true, false
}

// eachFromIndex gives batch the summaries of the files found, a chunk at a time in path
// order, when the index holds every one of them with the identity found, but those of the
// paths in drop (the old files of interrupted renumbers: renumberedInIndex). The summaries of
// a chunk are valid only during its call (their memory is reused: summaryCopier copies one
// out). Not ok when the index is missing, unusable or stale, or, with drop nil, a summary
// names an alias: batch may then have been given the first chunks, which must be forgotten.
// stale tells that Summaries can use part of the index (an entry of a file found, a file not
// stat-ed); aliased, that a summary names an alias (renumberedInIndex must be asked first;
// the index is read to its end all the same, to tell whether it is stale).
func (s *Store) eachFromIndex(found []scanned, walk *statWalk, drop map[string]bool, batch func(chunk []*records.Case)) (ok, stale, aliased bool) {
	if s.Sized != nil {
		s.Sized(len(found), 0)
	}
	var cases []*records.Case
	i, n, ready := 0, 0, 0
	ok = s.streamIndex(true, func(chunk []indexEntry) bool {
		cases = cases[:0]
		for k := range chunk {
			e := &chunk[k]
			for i < len(found) && found[i].path < e.path {
				i++
			}
			if i >= ready && i < len(found) {
				ready = walk.wait(i + 1) // the walk stats the files as the index is decoded
			}
			if i == len(found) || found[i].path != e.path || found[i].err != nil || found[i].id != e.id {
				stale = true
				// the first file's identity changed: likely every one's (a fresh clone)
				s.staleFirst = n == 0 && i < len(found) && found[i].path == e.path && found[i].err == nil
				return false
			}
			if len(e.c.Aliases) > 0 && drop == nil {
				aliased = true // nothing more is given, but the index is still checked
			}
			i, n = i+1, n+1
			if !drop[e.path] {
				cases = append(cases, e.c)
			}
		}
		if !aliased {
			batch(cases)
		}
		return true
	})
	if !ok || n != len(found) || aliased {
		return false, stale || (ok && n > 0 && n != len(found)), aliased
	}
	s.LastRead = ReadStats{Files: len(found), Indexed: n, Unchanged: n}
	return true, false, false
}

// readChunks gives batch every summary Summaries(useIndex) would return (a chunk at a time,
// in path order, each valid only during its call, with the incidents of the files it parsed
// when s.KeepLocations), and returns the errors Summaries would: from the index alone, a
// chunk of files parsed at a time, or a stale index read twice (see the package comment),
// the pairs of an interrupted renumber found first when a summary names an alias. restart
// is called when chunks given must be forgotten: the read starts again. False when none of
// these ways could read them (then nothing is to be kept: Summaries' path is left).
func (s *Store) readChunks(scan *[]scanned, walk *statWalk, useIndex bool, restart func(), batch func(chunk []*records.Case, incidents []*records.Incident)) ([]error, bool) {
	given := false
	give := func(chunk []*records.Case, incidents []*records.Incident) {
		given = true
		batch(chunk, incidents)
	}
	fromIndex := func(chunk []*records.Case) { give(chunk, nil) }
	forget := func() {
		if given {
			restart()
			given = false
		}
	}
	if !useIndex {
		found, _ := s.finishScan(*scan, walk)
		*scan = found
		problems, ok, aliased := s.coldEach(found, false, give)
		if ok && !aliased {
			return problems, true
		}
		forget()
		return nil, false
	}
	s.staleFirst = false
	ok, stale, aliased := s.eachFromIndex(*scan, walk, nil, fromIndex)
	if ok {
		s.settleDirs(s.seen)
		return nil, true
	}
	forget()
	// A stale index whose first file changed identity is most likely a fresh clone's: git is
	// asked for the blob ids now, while the directories are listed again and the index read.
	var early <-chan gitResult
	if stale && s.staleFirst && s.asksGit() && len(*scan) >= gitBlobsAt && !s.noRewrite {
		early = s.askGit()
	}
	found, relisted := s.finishScan(*scan, walk)
	if relisted {
		stale = true // the index did not describe the directories it stood for: not all of it is to be trusted
	}
	*scan = found
	var read ReadStats // how a cold or stale read got the summaries, when it must be read again
	if !aliased || stale {
		var problems []error
		if stale {
			problems, ok, aliased = s.staleEach(found, early, forget, give)
		} else {
			problems, ok, aliased = s.coldEach(found, true, give)
		}
		if ok && !aliased {
			return problems, true
		}
		forget()
		if !ok || len(problems) > 0 {
			return nil, false
		}
		read = s.LastRead // the index was just written: read it with the pairs found
	}
	drop, problems, ok := s.renumberedInIndex()
	if !ok {
		return nil, false
	}
	if ok, _, _ := s.eachFromIndex(found, nil, drop, fromIndex); !ok {
		forget()
		return nil, false
	}
	if read.Files > 0 {
		s.LastRead = read
	}
	return problems, true
}

// A Visitor reads every summary without holding them (EachSummary): Prepare works out, on
// all cores, what Consume then takes in path order, one case at a time.
type Visitor[T any] struct {
	Prepare func(c *records.Case) T // a pure function: called on all cores
	Consume func(c *records.Case, t T)
	// Restart forgets everything consumed: the read starts again from the first case (an
	// index found stale halfway). Each case is consumed once after the last Restart.
	Restart func()
}

// EachSummary gives v every summary Summaries(useIndex) would return, in path order, and
// returns the errors of the files that cannot be read. A summary is valid only while it is
// prepared and consumed: a visitor that keeps one copies what it needs. The summaries are not
// all held (see SummariesKept), but in a repository with aliases.
func EachSummary[T any](s *Store, useIndex bool, v Visitor[T]) (problems []error, err error) {
	found, walk, err := s.scanFor(useIndex)
	defer s.dropHead()
	if err != nil {
		return nil, err
	}
	var prepared []T
	visit := func(chunk []*records.Case) {
		prepared = slices.Grow(prepared[:0], len(chunk))[:len(chunk)]
		parallel(len(chunk), func(k int) { prepared[k] = v.Prepare(chunk[k]) })
		for k, c := range chunk {
			v.Consume(c, prepared[k])
		}
		clear(prepared) // nothing of this chunk kept alive
	}
	problems, ok := s.readChunks(&found, walk, useIndex, v.Restart, func(chunk []*records.Case, _ []*records.Incident) { visit(chunk) })
	if ok {
		return problems, nil
	}
	all, problems := s.summariesOf(found, useIndex)
	const batch = 4096
	for start := 0; start < len(all); start += batch {
		visit(all[start:min(start+batch, len(all))])
	}
	return problems, nil
}

// rewinder is a slab of an indexReader (slab.rewind).
type rewinder interface {
	setRewinds()
	rewind()
}

func (s *slab[T]) setRewinds() { s.rewinds = true }

// summaryCopier copies summaries decoded from the index out of the memory the decoder
// reuses, into slabs of its own (few large allocations). What the decoder already shares
// between summaries (strings of the index's table, the ids, a service's Respondent, a set of
// declared field values) stays shared: none of it is reused.
type summaryCopier struct{ summarySlabs }

func copyInto[T any](s *slab[T], from []T) []T {
	out := s.take(len(from))
	copy(out, from)
	return out
}

func (cp *summaryCopier) copy(c *records.Case) *records.Case {
	out := cp.cases.one()
	*out = *c
	out.Categories, out.Flags = copyInto(&cp.strings, c.Categories), copyInto(&cp.strings, c.Flags)
	out.Aliases = copyInto(&cp.strings, c.Aliases)
	if c.Incident != nil {
		out.Incident = cp.incidents.one()
		*out.Incident = *c.Incident
	}
	if c.Screening != nil {
		out.Screening = cp.screenings.one()
		*out.Screening = *c.Screening
		out.Screening.Grounds = copyInto(&cp.strings, c.Screening.Grounds)
	}
	out.Referrals = copyInto(&cp.referrals, c.Referrals)
	for i := range out.Referrals {
		out.Referrals[i].Updates = copyInto(&cp.dates, c.Referrals[i].Updates)
	}
	out.Requests = copyInto(&cp.requests, c.Requests)
	if c.Review != nil {
		out.Review = cp.reviews.one()
		*out.Review = *c.Review
	}
	if c.Disposition != nil {
		out.Disposition = cp.disposals.one()
		*out.Disposition = *c.Disposition
	}
	out.History = copyInto(&cp.entries, c.History)
	return out
}
