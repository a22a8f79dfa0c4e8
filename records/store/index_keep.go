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
// A repository where a summary names an alias takes Summaries' path (all summaries held, then
// kept or visited): an interrupted renumber is told from every summary (dropRenumbered). The
// result is Summaries' in every case, and so is the index written.

// SummariesKept is Summaries(useIndex) without the summaries for which keep is false. keep
// is called on all cores, on summaries it must not keep a pointer to (it may be called more
// than once for the same case): a pure predicate.
func (s *Store) SummariesKept(useIndex bool, keep func(*records.Case) bool) (cases []*records.Case, problems []error, err error) {
	found, _, err := s.scan(true)
	if err != nil {
		return nil, nil, err
	}
	stale := false
	if useIndex {
		var ok bool
		if cases, ok, stale = s.keptFromIndex(found, keep); ok {
			return cases, nil, nil
		}
	}
	// no index to read, or none asked for: a chunk of files parsed at a time; an index that
	// answers for part of the files: read twice (index_stale.go)
	var cp summaryCopier
	var marks []bool
	var locations map[*records.Case]string // see keptLocations
	if s.KeepLocations {
		locations = map[*records.Case]string{}
	}
	cases = nil
	var ok bool
	problems, ok = s.chunked(found, useIndex, stale, func(chunk []*records.Case, incidents []*records.Incident) {
		marks = slices.Grow(marks[:0], len(chunk))[:len(chunk)]
		parallel(len(chunk), func(k int) { marks[k] = keep(chunk[k]) })
		for k, c := range chunk {
			if !marks[k] {
				continue
			}
			c = cp.copy(c)
			cases = append(cases, c)
			if locations != nil && incidents[k] != nil {
				locations[c] = incidents[k].Location
			}
		}
	})
	if ok {
		if locations != nil {
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

// keptFromIndex is SummariesKept when the index holds every file found, unchanged, and no
// summary names an alias; false otherwise (nothing kept then), stale when the index could
// serve Summaries in part (see eachFromIndex).
func (s *Store) keptFromIndex(found []scanned, keep func(*records.Case) bool) (cases []*records.Case, ok, stale bool) {
	var cp summaryCopier
	var marks []bool
	batch := func(chunk []*records.Case) {
		marks = slices.Grow(marks[:0], len(chunk))[:len(chunk)]
		parallel(len(chunk), func(k int) { marks[k] = keep(chunk[k]) })
		for k, c := range chunk {
			if marks[k] {
				cases = append(cases, cp.copy(c))
			}
		}
	}
	if ok, stale = s.eachFromIndex(found, batch); !ok {
		return nil, false, stale
	}
	return cases, true, false
}

// eachFromIndex gives batch the summaries of the files found, a chunk at a time in path
// order, when the index holds every one of them with the identity found and none names an
// alias. The summaries of a chunk are valid only during its call (their memory is reused:
// summaryCopier copies one out). Not ok when the index is missing, unusable or stale: batch
// may then have been given the first chunks, which must be forgotten. stale tells that
// Summaries can use part of the index (an entry of a file found, a file not stat-ed, an
// alias): otherwise there is no index worth reading (missing, foreign, corrupt or empty).
func (s *Store) eachFromIndex(found []scanned, batch func(chunk []*records.Case)) (ok, stale bool) {
	for _, f := range found {
		if f.err != nil {
			return false, true
		}
	}
	if s.Sized != nil {
		s.Sized(len(found), 0)
	}
	var cases []*records.Case
	i, n := 0, 0
	ok = s.streamIndex(true, func(chunk []indexEntry) bool {
		cases = cases[:0]
		for k := range chunk {
			e := &chunk[k]
			for i < len(found) && found[i].path < e.path {
				i++
			}
			if i == len(found) || found[i].path != e.path || found[i].id != e.id || len(e.c.Aliases) > 0 {
				stale = true
				return false
			}
			i, n = i+1, n+1
			cases = append(cases, e.c)
		}
		batch(cases)
		return true
	})
	if !ok || n != len(found) {
		return false, stale || (ok && n > 0)
	}
	s.LastRead = ReadStats{Files: len(found), Indexed: n, Unchanged: n}
	return true, false
}

// chunked is coldEach, or staleEach when the index answers for part of the files found.
func (s *Store) chunked(found []scanned, useIndex, stale bool, batch func(chunk []*records.Case, incidents []*records.Incident)) ([]error, bool) {
	if stale {
		return s.staleEach(found, batch)
	}
	return s.coldEach(found, useIndex, batch)
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
	found, _, err := s.scan(true)
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
	stale := false
	if useIndex {
		consumed := false
		ok, partly := s.eachFromIndex(found, func(chunk []*records.Case) { consumed = true; visit(chunk) })
		if ok {
			return nil, nil
		}
		if consumed {
			v.Restart()
		}
		stale = partly
	}
	consumed := false
	problems, ok := s.chunked(found, useIndex, stale, func(chunk []*records.Case, _ []*records.Incident) { consumed = true; visit(chunk) })
	if ok {
		return problems, nil
	}
	if consumed {
		v.Restart()
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

// slabs gives each of ir's slabs to fn.
func (ir *indexReader) slabs(fn func(rewinder)) {
	for _, s := range []rewinder{&ir.cases, &ir.strings, &ir.entries, &ir.referrals, &ir.requests, &ir.dates,
		&ir.incidents, &ir.screenings, &ir.reviews, &ir.disposals} {
		fn(s)
	}
}

// summaryCopier copies summaries decoded from the index out of the memory the decoder
// reuses, into slabs of its own (few large allocations). What the decoder already shares
// between summaries (strings of the index's table, the ids, a service's Respondent, a set of
// declared field values) stays shared: none of it is reused.
type summaryCopier struct {
	cases      slab[records.Case]
	strings    slab[string]
	entries    slab[records.Entry]
	referrals  slab[records.Referral]
	requests   slab[records.Request]
	dates      slab[records.Date]
	incidents  slab[records.Incident]
	screenings slab[records.Screening]
	reviews    slab[records.Review]
	disposals  slab[records.Disposition]
}

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
