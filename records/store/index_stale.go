package store

import (
	"fmt"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// When the index answers for most files but not all (a file edited since the last run, one
// added or removed, a fresh clone with the cache restored), a command that does not hold
// every summary reads the index twice instead of holding it: once to tell which files
// changed, which are then resolved as Summaries resolves them (same blob id, or parsed), and
// once more to hand on, a chunk at a time in path order, each file's summary from the index
// or from its parse, writing the new index from them (index_cold.go). Only the summaries of
// the files parsed are held until they are handed on.

// file states, for staleEach
const (
	fileNew      = iota // not in the index (or not resolved yet)
	fileFresh           // the identity the index knows
	fileChanged         // in the index under another identity
	fileSameBlob        // changed identity, same content: the index's summary
	fileParsed          // parsed: its own summary
)

// staleEach is Summaries of the files found, handing batch the summaries of each chunk in path
// order (with the incident of each file it parsed, when s.KeepLocations) and rewriting the
// index as Summaries does. It returns the errors of the files that cannot be read; false
// when there is no index to read or the index changed between its two reads (batch may have
// been given the first chunks, which must be forgotten). When a summary names an alias
// (aliased), batch is given nothing, but the index is still written.
//
// When the first chunk of the index already shows many files changed (a fresh clone with
// .dossier/ restored: every identity changed), the first read hands on the index's summaries
// as it goes, betting that no content changed; when that is so, the index is rewritten with
// the new identities and there is no second read. When it is not, restart forgets what was
// handed on and the second read hands on the summaries as usual.
//
// early, when not nil, gives git's blob ids (asked before the read: askGit).
func (s *Store) staleEach(found []scanned, early <-chan gitResult, restart func(), batch func(chunk []*records.Case, incidents []*records.Incident)) (problems []error, ok, aliased bool) {
	state := make([]uint8, len(found))
	// each file's blob id: the index's for one whose identity changed, then its own once
	// resolved (the same when its content is the same)
	blobs := make([]blobID, len(found))
	changed := 0 // files in the index under another identity
	indexed := 0
	i := 0
	// Once enough files are seen changed to ask git for their blob ids (a fresh clone: all of
	// them), git runs while the rest of the index is read.
	fromGitLater := early
	first, betting, lost, handed := true, false, false, false
	var bet []*records.Case
	matched := -1 // the last file found that an entry matched
	if !s.streamIndex(true, func(chunk []indexEntry) bool {
		bet = bet[:0]
		for k := range chunk {
			e := &chunk[k]
			indexed++
			if len(e.c.Aliases) > 0 {
				aliased = true
			}
			for i < len(found) && found[i].path < e.path {
				i++
			}
			match := i < len(found) && found[i].path == e.path && found[i].err == nil
			if !match || i != matched+1 {
				lost = true // an entry of no file, a file the index does not hold, or one that cannot be read
			}
			if !match {
				continue
			}
			matched = i
			if first || betting {
				bet = append(bet, e.c)
			}
			if found[i].id == e.id {
				state[i] = fileFresh
			} else {
				state[i], blobs[i] = fileChanged, e.blob
				changed++
				if changed == gitBlobsAt && s.asksGit() && fromGitLater == nil {
					fromGitLater = s.askGit()
				}
			}
		}
		if first {
			first, betting = false, changed >= gitBlobsAt && !s.noRewrite
		}
		if lost || aliased {
			betting = false
		}
		if betting {
			batch(bet, nil)
			handed = true
		}
		return true
	}) {
		return nil, false, false
	}
	if matched != len(found)-1 {
		betting = false // files after the index's last entry
	}
	var stale []int
	for i, f := range found {
		if f.err == nil && state[i] != fileFresh {
			stale = append(stale, i)
		}
	}
	if s.Sized != nil {
		s.Sized(len(found), len(stale))
	}
	var git fromGit
	switch {
	case fromGitLater != nil:
		if r := <-fromGitLater; r.err == nil { // an error: hash each file instead
			git = r.blobs
		}
	case len(stale) >= gitBlobsAt && s.asksGit():
		git, _ = s.gitBlobs()
	}
	errs := map[int]error{}
	parsed := map[int]*records.Case{}
	var incidents map[int]*records.Incident
	if s.KeepLocations {
		incidents = map[int]*records.Incident{}
	}
	for i, f := range found {
		if f.err != nil {
			errs[i] = fmt.Errorf("%s: %w", f.path, f.err)
		}
	}
	// resolved by the workers, each its own k; gathered into the maps afterwards
	type resolved struct {
		blob            blobID
		sum             *records.Case
		incident        *records.Incident
		err             error
		hashed, fromGit bool
	}
	res := make([]resolved, len(stale))
	progress := s.newProgress(len(stale))
	reader := s.newDirReader()
	defer reader.close()
	in := newInterner()
	parallel(len(stale), func(k int) {
		defer progress.add()
		i, r := stale[k], &res[k]
		p := found[i].path
		before, inIndex := blobs[i], state[i] == fileChanged
		blob, known := git.blob(&found[i])
		r.fromGit = known
		if known && inIndex && before == blob {
			r.blob = blob
			return
		}
		data, err := reader.read(p)
		if err != nil {
			r.err = fmt.Errorf("%s: %w", p, err)
			return
		}
		if !known {
			blob, r.hashed = hashBlob(data), true
		}
		r.blob = blob
		if inIndex && before == blob {
			return
		}
		rec, err := codec.ParseReadOnly(p, data)
		if err != nil {
			r.err = err
			return
		}
		r.sum = in.compact(Summarize(&rec.Case, s.Profile))
		if s.KeepLocations {
			r.incident = rec.Case.Incident
		}
	})
	st := ReadStats{Files: len(found), Indexed: indexed}
	for k, i := range stale {
		r := &res[k]
		if r.fromGit {
			st.FromGit++
		}
		if r.hashed {
			st.Hashed++
		}
		switch {
		case r.err != nil:
			errs[i] = r.err
		case r.sum != nil:
			if len(r.sum.Aliases) > 0 {
				aliased = true
			}
			state[i], parsed[i], blobs[i] = fileParsed, r.sum, r.blob
			if incidents != nil {
				incidents[i] = r.incident
			}
			st.Parsed++
		case state[i] == fileChanged:
			state[i] = fileSameBlob // blobs[i] is r.blob
			st.SameBlob++
		}
	}
	res = nil
	// Every file the index's, with the content it holds, only their identities changed (a
	// fresh clone): the index is written with the new identities without encoding the
	// summaries again, and the second read hands them on from it.
	rewritten := !s.noRewrite && len(errs) == 0 && len(parsed) == 0 && !aliased && indexed == len(found) && st.SameBlob > 0 &&
		s.rewriteIdentities(found)
	if betting && rewritten {
		st.Unchanged = len(found) - st.SameBlob
		s.LastRead = st
		return nil, true, false // every summary was handed on by the first read
	}
	if handed {
		restart() // the bet was lost: the second read hands on the summaries
	}
	// the second read: each file's summary in path order, a chunk of the index at a time
	index := newIndexBuilder()
	var cases []*records.Case
	var kept []*records.Incident
	count := 0
	j := 0
	emit := func(j int, e *indexEntry) bool {
		if err := errs[j]; err != nil {
			problems = append(problems, err)
			return true
		}
		var c *records.Case
		var blob blobID
		switch state[j] {
		case fileFresh, fileSameBlob:
			if e == nil || (state[j] == fileFresh && e.id != found[j].id) {
				return false // the index changed since its first read
			}
			c, blob = e.c, e.blob
			if state[j] == fileSameBlob {
				blob = blobs[j]
			}
		case fileParsed:
			c, blob = parsed[j], blobs[j]
			delete(parsed, j)
		default:
			return true // never: every file found is fresh, resolved or an error
		}
		cases = append(cases, c)
		kept = append(kept, incidents[j])
		if !rewritten {
			index.add(indexEntry{path: found[j].path, id: found[j].id, blob: blob, c: c})
		}
		count++
		return true
	}
	n := 0
	if !s.streamIndex(true, func(chunk []indexEntry) bool {
		cases, kept = cases[:0], kept[:0]
		for k := range chunk {
			e := &chunk[k]
			n++
			for ; j < len(found) && found[j].path < e.path; j++ {
				if !emit(j, nil) {
					return false
				}
			}
			if j < len(found) && found[j].path == e.path {
				if !emit(j, e) {
					return false
				}
				j++
			}
		}
		if !aliased {
			batch(cases, kept)
		}
		return true
	}) || n != indexed {
		return nil, false, false
	}
	cases, kept = cases[:0], kept[:0]
	for ; j < len(found); j++ {
		if !emit(j, nil) {
			return nil, false, false
		}
	}
	if !aliased {
		batch(cases, kept)
	}
	st.Unchanged = count - st.SameBlob - st.Parsed
	s.LastRead = st
	if !rewritten && (st.Unchanged != count || st.Unchanged != indexed) {
		s.writeIndexFrom(index)
	}
	return problems, true, aliased
}

// gitResult is what Store.gitBlobs gave.
type gitResult struct {
	blobs fromGit
	err   error
}

// askGit runs s.gitBlobs in the background.
func (s *Store) askGit() <-chan gitResult {
	c := make(chan gitResult, 1)
	go func() {
		blobs, err := s.gitBlobs()
		c <- gitResult{blobs, err}
	}()
	return c
}
