package store

import (
	"fmt"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// A cold read (no usable index, or --no-cache) of a command that does not hold every summary
// (SummariesKept, EachSummary) parses the files a chunk at a time, in path order, gives each
// chunk's summaries to the command and keeps of each only its encoding in the new index
// (about 150 bytes, against 1.2 KB for the summary): at a million cases the summaries alone
// were over a gigabyte. A summary naming an alias stops it: an interrupted renumber is told
// from every summary (dropRenumbered): the summaries are then handed on from the index just
// written (readChunks).

// coldChunk is how many files a cold read parses before it hands their summaries on.
const coldChunk = 4096

// coldEach is Summaries' parse of every file found, handing batch the summaries of each chunk
// in path order (with the incident each file holds, when s.KeepLocations) and writing the
// index from them when useIndex. It returns the errors of the files that cannot be read;
// false when a file could not be stat-ed. Once a summary names an alias (aliased), batch is
// given no more chunks (those given must be forgotten), but the index is still written.
func (s *Store) coldEach(found []scanned, useIndex bool, batch func(chunk []*records.Case, incidents []*records.Incident)) (problems []error, ok, aliased bool) {
	for _, f := range found {
		if f.err != nil {
			return nil, false, false
		}
	}
	if s.Sized != nil {
		s.Sized(len(found), 0) // what is live is a chunk and the encoded index: no parse budget
	}
	var git fromGit
	if useIndex && len(found) >= gitBlobsAt && s.asksGit() {
		git, _ = s.gitBlobs() // an error: hash each file instead
	}
	var index *indexBuilder
	if useIndex {
		index = newIndexBuilder()
	}
	progress := s.newProgress(len(found))
	reader := s.newDirReader()
	defer reader.close()
	in := newInterner()
	st := ReadStats{Files: len(found)}
	sums := make([]*records.Case, coldChunk)
	incidents := make([]*records.Incident, coldChunk)
	blobs := make([]blobID, coldChunk)
	errs := make([]error, coldChunk)
	hashed := make([]bool, coldChunk)
	gitIDs := make([]bool, coldChunk)
	var cases []*records.Case
	var kept []*records.Incident
	for start := 0; start < len(found); start += coldChunk {
		chunk := found[start:min(start+coldChunk, len(found))]
		parallel(len(chunk), func(k int) {
			defer progress.add()
			p := chunk[k].path
			sums[k], incidents[k], errs[k], hashed[k] = nil, nil, nil, false
			blob, known := git.blob(&chunk[k])
			gitIDs[k] = known
			data, err := reader.read(p)
			if err != nil {
				errs[k] = fmt.Errorf("%s: %w", p, err)
				return
			}
			if !known && useIndex {
				blob, hashed[k] = hashBlob(data), true
			}
			rec, err := codec.ParseReadOnly(p, data)
			if err != nil {
				errs[k] = err
				return
			}
			sums[k], blobs[k] = in.compact(Summarize(&rec.Case, s.Profile)), blob
			if s.KeepLocations {
				incidents[k] = rec.Case.Incident
			}
		})
		cases, kept = cases[:0], kept[:0]
		for k := range chunk {
			if gitIDs[k] {
				st.FromGit++
			}
			if hashed[k] {
				st.Hashed++
			}
			if errs[k] != nil {
				problems = append(problems, errs[k])
				continue
			}
			if len(sums[k].Aliases) > 0 {
				aliased = true
			}
			st.Parsed++
			cases, kept = append(cases, sums[k]), append(kept, incidents[k])
			if index != nil {
				index.add(indexEntry{path: chunk[k].path, id: chunk[k].id, blob: blobs[k], c: sums[k]})
			}
		}
		if !aliased {
			batch(cases, kept)
		}
	}
	clear(sums)
	clear(incidents)
	s.LastRead = st
	// as Summaries: the index is written when it gains an entry (never for no record at all)
	if index != nil && index.n > 0 {
		s.writeIndexFrom(index)
	}
	return problems, true, aliased
}
