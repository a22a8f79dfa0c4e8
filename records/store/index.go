package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// The index is a local cache in .dossier/ of the fields that list, due, stats and reports
// need, one entry per record file, keyed by the file's identity (size, modification time,
// change time and inode, all in nanoseconds). A file whose identity changed — an edit, a
// git checkout, a pull, a merge — is parsed again; a missing, truncated or old-format index
// is rebuilt without a word. It holds no personal or confidential value and no free text
// (see Summarize): a command that shows one (the incident location, a document requested)
// reads it from the record file (Store.Complete). Of the profile's declared fields it holds
// those records.FieldDef.Indexed allows; the index names them (with their kinds and codes)
// after its magic line, and an index written for other declared fields is rebuilt.

const (
	indexFile  = CacheDir + "/index-v9.bin"
	indexMagic = "dossier-index-v9\n"
)

// fileID is what identifies one version of a file on disk.
type fileID struct {
	size, mtime, ctime int64
	ino                uint64
}

// Summarize returns the copy of c the index keeps: everything list, due, stats and the reports
// need, without any personal or confidential field (the classification table: parties,
// officers, summary, incident location, the documents requested, reasons, holds), and with only
// the history entries the reports read (and the latest), whose details are kept only when they
// are codes of a public or internal class (see detailFields). It keeps the aliases (ids), so that
// a file an interrupted renumber left is counted once, and the incident's coded area.
// Of the declared fields it keeps the values of those p's profile lets the index carry (public
// or internal codes, dates and numbers: records.FieldDef.Indexed), and only values that are
// what the field holds (records.Profile.IndexValue). p may be nil (no declared field kept).
// TestSummarizeHoldsNothingRemovable fails when a field added later is kept.
func Summarize(c *records.Case, p *records.Profile) *records.Case {
	s := *c
	s.Fields = summaryFields(c.Fields, p)
	s.Complainant, s.Representative, s.Summary = nil, nil, ""
	s.Related, s.Hold = nil, nil
	if c.Respondent != nil {
		s.Respondent = &records.Respondent{Service: c.Respondent.Service}
	}
	if c.Incident != nil {
		in := *c.Incident
		in.Location = ""
		s.Incident = &in
	}
	if c.Requests != nil {
		s.Requests = make([]records.Request, len(c.Requests))
		for i, r := range c.Requests {
			r.Item, r.From, r.Reason = "", "", ""
			s.Requests[i] = r
		}
	}
	if c.Disposition != nil {
		d := *c.Disposition
		d.Reason, d.RedirectedTo = "", ""
		s.Disposition = &d
	}
	// Cancel reasons are free text: a copy without them (c's lists are not touched).
	s.Referrals = slices.Clone(c.Referrals)
	for i := range s.Referrals {
		s.Referrals[i].Reason = ""
	}
	s.History = nil
	// the actions declared clocks start or stop on and declared reports date stay in the summary
	kept := p.ClockActions()
	if p != nil {
		kept = append(kept, p.ReportedActions()...)
	}
	for i, e := range c.History {
		if !keptInSummary(e.Do) && i != len(c.History)-1 && !slices.Contains(kept, e.Do) {
			continue
		}
		if !codedDetail(e) {
			e.Detail = ""
		}
		s.History = append(s.History, e)
	}
	return &s
}

// summaryFields is the part of a record's declared fields the index keeps (see Summarize),
// nil when none.
func summaryFields(fs records.Fields, p *records.Profile) records.Fields {
	if len(fs) == 0 || p == nil {
		return nil
	}
	var out records.Fields
	for i := range p.Fields {
		f := &p.Fields[i]
		v, ok := fs[f.Name]
		if !ok || !f.Indexed() {
			continue
		}
		var kept records.FieldValue
		if p.IndexValue(f, v.Scalar) {
			kept.Scalar = v.Scalar
		}
		for _, code := range v.Codes {
			if p.IndexValue(f, code) {
				kept.Codes = append(kept.Codes, code)
			}
		}
		if kept.IsZero() {
			continue
		}
		if out == nil {
			out = records.Fields{}
		}
		out[f.Name] = kept
	}
	return out
}

// indexFields names what the index holds of the declared fields: each indexed field's name,
// kind and codes, in declared order; and the actions of the declared clocks whose history
// entries it keeps. An index written under another profile (a field added, reclassified, a
// code removed, a clock starting on another action) holds other values: it is rebuilt.
func indexFields(p *records.Profile) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	if acts := p.ClockActions(); len(acts) > 0 {
		b.WriteString("\x01clocks\x00" + strings.Join(acts, "\x00") + "\n")
	}
	for _, f := range p.IndexedFields() {
		b.WriteString(f.Name + "\x00" + f.Kind)
		for _, c := range p.FieldCodes(&f) {
			b.WriteString("\x00" + c.Code)
		}
		b.WriteString("\n")
	}
	// the history entries kept for the declared reports: another list, other entries
	if acts := p.ReportedActions(); len(acts) > 0 {
		b.WriteString("\x00actions\x00" + strings.Join(acts, "\x00") + "\n")
	}
	return b.String()
}

// codedDetail reports whether the detail of a history entry is made of codes the office may
// keep in a cache: of a public or internal class, not written by hand, and naming nobody
// (a disposal's detail names who authorised it).
func codedDetail(e records.Entry) bool {
	return e.Do != records.ActDispose && !records.DetailClass(e.Do).Removable() && records.IsCodeText(e.Detail)
}

// keptInSummary tells the history entries a summary keeps: the steps that open, close, route
// or review a case, which the reports date (and, always, the latest entry: who acted last).
func keptInSummary(do string) bool {
	switch do {
	case records.ActScreenIn, records.ActScreenOut, records.ActRefer, records.ActRetain, records.ActClose, records.ActWithdraw, records.ActReopen, records.ActReviewRequest, records.ActReviewDecision,
		records.ActRedirect, records.ActCancelInvest:
		return true
	}
	return false
}

// Summaries returns a summary of every readable record (see Summarize), in path order,
// from the index where a file is unchanged and by parsing it otherwise, and the errors of the
// files that cannot be read. A file whose stat identity changed but whose content did not
// (the same blob id: a fresh clone, a checkout that rewrote it) is not parsed: its blob id
// comes from git's index (Store.GitIndex, else Store.GitBlobs) when many files changed, else from hashing it. The
// index is then brought up to date. With useIndex false every file is parsed and the index
// is neither read nor written. Summaries are to be read, not changed: those with the same
// declared field values share one Fields map (SetField copies a case's map before it writes),
// those with the same service one Respondent.
// s.LastRead tells how each summary was obtained.
func (s *Store) Summaries(useIndex bool) (cases []*records.Case, problems []error, err error) {
	found, walk, err := s.scanFor(useIndex)
	defer s.dropHead()
	if err != nil {
		return nil, nil, err
	}
	found, _ = s.finishScan(found, walk)
	cases, problems = s.summariesOf(found, useIndex)
	return cases, problems, nil
}

// summariesOf is Summaries of the files found by scan.
func (s *Store) summariesOf(found []scanned, useIndex bool) (cases []*records.Case, problems []error) {
	if s.Sized != nil {
		s.Sized(len(found), 0)
	}
	fresh := make([]summaryOf, len(found)) // found[i]'s summary: 32 bytes a case, not an indexEntry's 80
	indexed := 0
	var changed []*indexEntry // found[i]'s entry in the index, when its identity changed
	if useIndex {
		changed = make([]*indexEntry, len(found))
		indexed, _ = s.joinIndex(found, fresh, changed)
	}
	errs := make([]error, len(found))
	var stale []int          // files to read: identity changed, or not in the index
	var before []*indexEntry // their index entry, if any
	for i, f := range found {
		switch {
		case f.err != nil:
			errs[i] = fmt.Errorf("%s: %w", f.path, f.err)
		case fresh[i].c != nil: // unchanged since the index was written: its summary is the index's
		default:
			stale = append(stale, i)
			if changed != nil {
				before = append(before, changed[i])
			} else {
				before = append(before, nil)
			}
		}
	}
	if s.Sized != nil {
		s.Sized(len(found), len(stale))
	}
	var git fromGit
	if useIndex && len(stale) >= gitBlobsAt && s.asksGit() {
		git, _ = s.gitBlobs() // an error: hash each file instead
	}
	// how each stale file was resolved, counted afterwards (the workers write only their own)
	const (
		readFailed = iota
		sameBlob
		parsed
	)
	how := make([]uint8, len(stale))
	hashed := make([]bool, len(stale))
	gitIDs := make([]bool, len(stale))
	progress := s.newProgress(len(stale))
	reader := s.newDirReader()
	defer reader.close()
	in := newInterner()               // summaries share one copy of each code (intern.go)
	var incidents []*records.Incident // the parsed incidents, when KeepLocations (locations.go)
	if s.KeepLocations {
		incidents = make([]*records.Incident, len(found))
	}
	parallel(len(stale), func(k int) {
		defer progress.add()
		i := stale[k]
		p := found[i].path
		blob, known := git.blob(&found[i])
		gitIDs[k] = known
		if prev := before[k]; known && prev != nil && prev.blob == blob {
			fresh[i] = summaryOf{blob: blob, c: prev.c}
			how[k] = sameBlob
			return
		}
		data, err := reader.read(p)
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", p, err)
			return
		}
		if !known && useIndex {
			blob, hashed[k] = hashBlob(data), true
			if prev := before[k]; prev != nil && prev.blob == blob {
				fresh[i] = summaryOf{blob: blob, c: prev.c}
				how[k] = sameBlob
				return
			}
		}
		rec, err := codec.ParseReadOnly(p, data)
		if err != nil {
			errs[i] = err
			return
		}
		fresh[i] = summaryOf{blob: blob, c: in.compact(Summarize(&rec.Case, s.Profile))}
		how[k] = parsed
		if incidents != nil {
			incidents[i] = rec.Case.Incident
		}
	})
	st := ReadStats{Files: len(found), Indexed: indexed}
	for k := range stale {
		switch how[k] {
		case sameBlob:
			st.SameBlob++
		case parsed:
			st.Parsed++
		}
		if hashed[k] {
			st.Hashed++
		}
		if gitIDs[k] {
			st.FromGit++
		}
	}
	cases = make([]*records.Case, 0, len(found))
	for i := range found {
		if errs[i] != nil {
			problems = append(problems, errs[i])
			continue
		}
		cases = append(cases, fresh[i].c)
	}
	st.Unchanged = len(cases) - st.SameBlob - st.Parsed
	if incidents != nil {
		sums := make([]*records.Case, len(found))
		for i := range found {
			if errs[i] == nil {
				sums[i] = fresh[i].c
			}
		}
		s.keptLocations(sums, incidents)
	}
	s.LastRead = st
	// Rewrite the index when it gained, lost or changed an entry; a file that stays
	// unreadable is parsed again next time, but does not make every run rewrite the index.
	if useIndex && (st.Unchanged != len(cases) || st.Unchanged != indexed) {
		entries := make([]indexEntry, len(found))
		for i, f := range found {
			entries[i] = indexEntry{path: f.path, id: f.id, blob: fresh[i].blob, c: fresh[i].c}
		}
		s.writeIndex(entries)
	} else if useIndex && st.Unchanged == len(found) {
		s.settleDirs(s.seen) // every file the index's: its names are the listings'
	}
	cases, dups := s.dropRenumbered(cases)
	return cases, append(problems, dups...)
}

// Parallel runs fn(0..n-1) on all cores; fn must only write to its own index's data.
func Parallel(n int, fn func(i int)) { parallel(n, fn) }

// parallel runs fn(0..n-1) on all cores.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers*8 - 1) / (workers * 8)
	next := make(chan int, workers)
	for range workers {
		wg.Go(func() {
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					fn(i)
				}
			}
		})
	}
	for start := 0; start < n; start += chunk {
		next <- start
	}
	close(next)
	wg.Wait()
}

// summaryOf is the summary of a file found and the blob id of the content it summarises.
type summaryOf struct {
	blob blobID
	c    *records.Case
}

type indexEntry struct {
	path string
	id   fileID
	blob blobID // the content's git blob id (see blobID)
	c    *records.Case
}

// readIndex loads the index, sorted by path; any problem means "no index" (it is rebuilt).
func (s *Store) readIndex() []indexEntry {
	var entries []indexEntry
	if !s.streamIndex(false, func(chunk []indexEntry) bool {
		entries = append(entries, chunk...)
		return true
	}) {
		return nil
	}
	return entries
}

// streamIndex decodes the index and gives each chunk of its entries, in path order, to each
// (which must copy what it keeps: the chunk is reused); false when there is no usable index
// or each returned false — what each was given must then be forgotten. With rewind, the
// summaries of a chunk are decoded into memory the next chunk reuses: each must deep-copy
// the ones it keeps (index_keep.go).
func (s *Store) streamIndex(rewind bool, each func(chunk []indexEntry) bool) bool {
	h := s.head // the start the scan read (scanFor), read on once
	s.head = nil
	if h == nil {
		if h = s.openIndexHead(); h == nil {
			return false
		}
	}
	defer h.close()
	last, n := "", 0
	chunk := indexChunk
	if rewind {
		chunk = rewindChunk // what a chunk decodes to is live at once: a smaller one
	}
	chunk = cmp.Or(s.indexChunk, chunk)
	return decodeEntries(h.src, h.table, h.names, h.count, chunk, rewind, func(chunk []indexEntry) bool {
		for _, e := range chunk {
			if n > 0 && e.path <= last {
				return false // out of order or twice: not an index this version wrote
			}
			last, n = e.path, n+1
		}
		return each(chunk)
	}) == nil
}

// joinIndex streams the index into the summaries of the files found (both sorted by path,
// joined without a map and without holding the index's entries): fresh[i] for a file whose
// identity is the one the index knows, prev[i] for one whose identity changed. It returns
// how many entries the index holds; false when it holds none usable (fresh and prev are then
// cleared).
func (s *Store) joinIndex(found []scanned, fresh []summaryOf, prev []*indexEntry) (int, bool) {
	i, n := 0, 0
	ok := s.streamIndex(false, func(chunk []indexEntry) bool {
		for k := range chunk {
			e := &chunk[k]
			n++
			for i < len(found) && found[i].path < e.path {
				i++
			}
			if i == len(found) || found[i].path != e.path || found[i].err != nil {
				continue
			}
			if found[i].id == e.id {
				fresh[i] = summaryOf{blob: e.blob, c: e.c}
			} else {
				changed := *e
				prev[i] = &changed
			}
		}
		return true
	})
	if !ok {
		clear(fresh)
		clear(prev)
		return 0, false
	}
	return n, true
}

// writeIndex replaces the index atomically under its lock; failures only cost speed later.
func (s *Store) writeIndex(entries []indexEntry) {
	b := newIndexBuilder()
	for _, e := range entries {
		if e.c != nil {
			b.add(e)
		}
	}
	s.writeIndexFrom(b)
}

// writeIndexFrom writes the index b holds (writeIndex).
func (s *Store) writeIndexFrom(b *indexBuilder) { s.writeIndexParts(b.parts(s.indexHeadBytes())) }

// indexHeadBytes is the start of the index this store writes: the format, the declared fields
// it keeps and the directories as listed.
func (s *Store) indexHeadBytes() []byte {
	head := []byte(indexMagic)
	fields := indexFields(s.Profile)
	head = binary.AppendUvarint(head, uint64(len(fields)))
	head = append(head, fields...)
	return appendDirStates(head, s.dirs)
}

// writeIndexParts writes the index of the bytes parts, under the index lock, and removes the
// indexes of older formats.
func (s *Store) writeIndexParts(parts [][]byte) {
	unlock, err := s.Lock("index")
	if err != nil {
		return
	}
	defer unlock()
	if err := s.root.MkdirAll(CacheDir, 0o755); err != nil {
		return
	}
	if s.writeAtomicParts(indexFile, parts) == nil {
		// Indexes of older formats are dead weight once this one is written.
		if old, err := fs.Glob(s.root.FS(), CacheDir+"/index-v*.bin"); err == nil {
			for _, p := range old {
				if p != indexFile {
					s.root.Remove(p)
				}
			}
		}
	}
}

// The encoding: a string table (every distinct code, name and detail once), the names (each
// entry's path and case id, which no two entries share: kept out of the table, whose lookups
// they would slow down; their number and the size of their encoding first), the number of entries, then each entry prefixed by its length in
// bytes (so several cores can decode parts of the index): its stat identity, its blob id (20
// bytes) and its summary; all numbers as varints; a string is its length and its bytes. A
// date is packed as year<<9 | month<<5 | day (0 = no date).

type indexWriter struct {
	strings map[string]int
	table   []string
	body    bytes.Buffer
}

func (iw *indexWriter) uint(v uint64) {
	var b [binary.MaxVarintLen64]byte
	iw.body.Write(b[:binary.PutUvarint(b[:], v)])
}
func (iw *indexWriter) int(v int64) {
	var b [binary.MaxVarintLen64]byte
	iw.body.Write(b[:binary.PutVarint(b[:], v)])
}
func (iw *indexWriter) str(s string) {
	i, ok := iw.strings[s]
	if !ok {
		i = len(iw.table)
		iw.strings[s] = i
		iw.table = append(iw.table, s)
	}
	iw.uint(uint64(i))
}
func (iw *indexWriter) strs(ss []string) {
	iw.uint(uint64(len(ss)))
	for _, s := range ss {
		iw.str(s)
	}
}
func (iw *indexWriter) date(d records.Date) {
	if d.IsZero() {
		iw.uint(0)
		return
	}
	iw.uint(uint64(d.Year)<<9 | uint64(d.Month)<<5 | uint64(d.Day))
}

func (iw *indexWriter) entry(e indexEntry) {
	c := e.c
	iw.int(e.id.size)
	iw.int(e.id.mtime)
	iw.int(e.id.ctime)
	iw.uint(e.id.ino)
	iw.body.Write(e.blob[:])
	for _, s := range []string{c.Type, c.Status, c.Language, c.Channel, c.Service(), c.Routing} {
		iw.str(s)
	}
	iw.date(c.Received)
	iw.date(c.PoliceReceived)
	if c.Incident != nil {
		iw.uint(1)
		iw.date(c.Incident.Date)
		iw.str(c.Incident.Area)
	} else {
		iw.uint(0)
	}
	iw.strs(c.Categories)
	iw.strs(c.Flags)
	if sc := c.Screening; sc != nil {
		iw.uint(1)
		iw.str(sc.Decision)
		iw.date(sc.Decided)
		iw.strs(sc.Grounds)
	} else {
		iw.uint(0)
	}
	iw.uint(uint64(len(c.Referrals)))
	for _, r := range c.Referrals {
		iw.str(r.To)
		iw.str(r.Purpose)
		iw.date(r.Sent)
		iw.date(r.Due)
		iw.uint(uint64(len(r.Updates)))
		for _, u := range r.Updates {
			iw.date(u)
		}
		iw.date(r.Returned)
		iw.str(r.Finding)
		iw.date(r.Cancelled)
	}
	iw.uint(uint64(len(c.Requests)))
	for _, r := range c.Requests {
		iw.date(r.Sent)
		iw.date(r.Due)
		iw.date(r.Received)
		iw.date(r.Cancelled)
	}
	if rv := c.Review; rv != nil {
		iw.uint(1)
		iw.date(rv.Requested)
		iw.date(rv.Due)
		iw.date(rv.Decided)
		iw.str(rv.Outcome)
	} else {
		iw.uint(0)
	}
	if d := c.Disposition; d != nil {
		iw.uint(1)
		iw.str(d.Outcome)
		iw.date(d.Closed)
	} else {
		iw.uint(0)
	}
	iw.strs(c.Aliases)
	iw.uint(uint64(len(c.Fields)))
	for _, name := range slices.Sorted(maps.Keys(c.Fields)) {
		v := c.Fields[name]
		iw.str(name)
		iw.str(v.Scalar)
		iw.strs(v.Codes)
	}
	iw.uint(uint64(len(c.History)))
	for _, h := range c.History {
		iw.int(h.At.Unix())
		iw.date(h.Date)
		iw.str(h.By)
		iw.str(h.Do)
		iw.str(h.Detail)
	}
}

func encodeIndex(out *bytes.Buffer, entries []indexEntry) {
	b := newIndexBuilder()
	for _, e := range entries {
		b.add(e)
	}
	for _, part := range b.parts(nil) {
		out.Write(part)
	}
}

// indexBuilder encodes the index an entry at a time, in path order (see encodeIndex): a
// cold read keeps each summary's encoding (about 150 bytes) instead of the summary (index_cold.go).
type indexBuilder struct {
	iw            *indexWriter
	bodies, names blockBuffer
	n             int
}

func newIndexBuilder() *indexBuilder {
	return &indexBuilder{iw: &indexWriter{strings: map[string]int{}}}
}

// add encodes e, whose summary is not nil.
func (b *indexBuilder) add(e indexEntry) {
	b.iw.body.Reset()
	b.iw.entry(e)
	b.bodies.uvarint(uint64(b.iw.body.Len()))
	b.bodies.write(b.iw.body.Bytes())
	b.names.str(e.path)
	b.names.str(e.c.ID)
	b.n++
}

// parts are the index's bytes after head, in order: the string table, the names, the number
// of entries and their bodies.
func (b *indexBuilder) parts(head []byte) [][]byte {
	var table blockBuffer
	table.write(head)
	table.uvarint(uint64(len(b.iw.table)))
	for _, s := range b.iw.table {
		table.str(s)
	}
	table.uvarint(uint64(2 * b.n))
	size := 0
	for _, block := range b.names.blocks {
		size += len(block)
	}
	table.uvarint(uint64(size)) // the names' bytes: read in one piece (nameList)
	parts := append(table.blocks, b.names.blocks...)
	parts = append(parts, binary.AppendUvarint(nil, uint64(b.n)))
	return append(parts, b.bodies.blocks...)
}

// blockBuffer is a buffer of blocks, each twice the size of the one before from 4 KB up to
// 1 MB: growing it never copies what it holds (a bytes.Buffer of 150 MB held twice that while
// it grew), and a small repository's index does not take megabytes.
type blockBuffer struct{ blocks [][]byte }

func (bb *blockBuffer) write(p []byte) {
	k := bb.room(len(p))
	bb.blocks[k] = append(bb.blocks[k], p...)
}

// room is the block that takes the next n bytes: the last, or a new one.
func (bb *blockBuffer) room(n int) int {
	if k := len(bb.blocks); k == 0 || cap(bb.blocks[k-1])-len(bb.blocks[k-1]) < n {
		size := 4 << 10
		if k > 0 {
			size = min(2*cap(bb.blocks[k-1]), 1<<20)
		}
		bb.blocks = append(bb.blocks, make([]byte, 0, max(size, n)))
	}
	return len(bb.blocks) - 1
}

func (bb *blockBuffer) uvarint(v uint64) {
	var l [binary.MaxVarintLen64]byte
	bb.write(l[:binary.PutUvarint(l[:], v)])
}

// str writes s's length and its bytes.
func (bb *blockBuffer) str(s string) {
	bb.uvarint(uint64(len(s)))
	k := bb.room(len(s))
	bb.blocks[k] = append(bb.blocks[k], s...)
}

var errIndex = errors.New("corrupt index")

// slab hands out sub-slices of one large allocation, so decoding 100,000 entries makes a few
// hundred allocations instead of millions. Each sub-slice has its capacity cut to its length.
// A slab that rewinds (index_keep.go) hands out its blocks again, cleared, once what was
// decoded from them has been copied or dropped.
type slab[T any] struct {
	buf         []T
	size        int   // the next block's: doubling from 64 to 4096, so a small repository's read zeroes little
	used, spare [][]T // with rewinds: the blocks handed out since the last rewind, and the free ones
	rewinds     bool
}

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.buf) < n {
		s.size = min(max(2*s.size, 64), 4096)
		s.buf = s.block(max(n, s.size))
	}
	out := s.buf[:n:n]
	s.buf = s.buf[n:]
	return out
}

// block is a zeroed block of at least n elements, a free one when the slab rewinds.
func (s *slab[T]) block(n int) []T {
	if !s.rewinds {
		return make([]T, n)
	}
	var b []T
	if k := len(s.spare); k > 0 && len(s.spare[k-1]) >= n {
		b, s.spare = s.spare[k-1], s.spare[:k-1]
		clear(b)
	} else {
		b = make([]T, n)
	}
	s.used = append(s.used, b)
	return b
}

// rewind makes every block handed out free again: what was taken from them must no longer be used.
func (s *slab[T]) rewind() {
	s.spare = append(s.spare, s.used...)
	s.used, s.buf = s.used[:0], nil
}

func (s *slab[T]) one() *T { return &s.take(1)[0] }

// summarySlabs are the slabs the parts of summaries are allocated from.
type summarySlabs struct {
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

// slabs gives each of the slabs to fn.
func (ss *summarySlabs) slabs(fn func(rewinder)) {
	for _, s := range []rewinder{&ss.cases, &ss.strings, &ss.entries, &ss.referrals, &ss.requests, &ss.dates,
		&ss.incidents, &ss.screenings, &ss.reviews, &ss.disposals} {
		fn(s)
	}
}

type indexReader struct {
	data  []byte
	table []string
	err   error

	summarySlabs
	respondents sharedRespondents

	// fieldSets shares one map between the entries whose declared fields are the same (a
	// district and a theme: a few hundred combinations over thousands of cases), keyed by
	// their encoding; at most maxFieldSets, so unique values (amounts) cost one lookup.
	fieldSets map[string]records.Fields
}

const maxFieldSets = 4096

func (ir *indexReader) uint() uint64 {
	if ir.err != nil {
		return 0
	}
	v, n := binary.Uvarint(ir.data)
	if n <= 0 {
		ir.err = errIndex
		return 0
	}
	ir.data = ir.data[n:]
	return v
}
func (ir *indexReader) int() int64 {
	if ir.err != nil {
		return 0
	}
	v, n := binary.Varint(ir.data)
	if n <= 0 {
		ir.err = errIndex
		return 0
	}
	ir.data = ir.data[n:]
	return v
}
func (ir *indexReader) blob() blobID {
	var id blobID
	if ir.err != nil || len(ir.data) < len(id) {
		ir.err = errIndex
		return id
	}
	copy(id[:], ir.data)
	ir.data = ir.data[len(id):]
	return id
}
func (ir *indexReader) count() int { return ir.countOf(1) }

// countOf reads a number of items that each take at least size bytes: a count the data
// cannot hold is an error before anything is allocated for it (a hostile index cannot make
// the decoder allocate much more than its own size).
func (ir *indexReader) countOf(size uint64) int {
	n := ir.uint()
	if n > uint64(len(ir.data))/size {
		ir.err = errIndex
		return 0
	}
	return int(n)
}
func (ir *indexReader) str() string {
	i := ir.uint()
	if i >= uint64(len(ir.table)) {
		ir.err = errIndex
		return ""
	}
	return ir.table[i]
}
func (ir *indexReader) strs() []string {
	out := ir.strings.take(ir.count())
	for i := range out {
		out[i] = ir.str()
	}
	return out
}
func (ir *indexReader) date() records.Date {
	v := ir.uint()
	if v == 0 {
		return records.Date{}
	}
	if v>>9 > math.MaxInt16 {
		ir.err = errIndex
		return records.Date{}
	}
	return records.Date{Year: int16(v >> 9), Month: uint8(v >> 5 & 15), Day: uint8(v & 31)}
}

// compactIDs copies the case ids of names (path, id, path, id...) into one string of their
// own: the summaries keep their ids for the whole command, and a substring of names would keep
// every path alive with them (about 30 bytes a case).
func compactIDs(names []string) []string {
	n := 0
	for i := 1; i < len(names); i += 2 {
		n += len(names[i])
	}
	var b strings.Builder
	b.Grow(n)
	for i := 1; i < len(names); i += 2 {
		b.WriteString(names[i])
	}
	all := b.String()
	ids := make([]string, len(names)/2)
	at := 0
	for i := range ids {
		l := len(names[2*i+1])
		ids[i] = all[at : at+l]
		at += l
	}
	return ids
}

func (ir *indexReader) entry(path, id string) indexEntry {
	var e indexEntry
	e.path = path
	e.id = fileID{size: ir.int(), mtime: ir.int(), ctime: ir.int(), ino: ir.uint()}
	e.blob = ir.blob()
	c := ir.cases.one()
	c.ID = id
	c.Type, c.Status, c.Language, c.Channel = ir.str(), ir.str(), ir.str(), ir.str()
	service := ir.str()
	c.Routing = ir.str()
	c.Received = ir.date()
	c.PoliceReceived = ir.date()
	if service != "" {
		c.Respondent = ir.respondents.of(service) // one per service (intern.go)
	}
	if ir.uint() == 1 {
		c.Incident = ir.incidents.one()
		*c.Incident = records.Incident{Date: ir.date(), Area: ir.str()}
	}
	c.Categories, c.Flags = ir.strs(), ir.strs()
	if ir.uint() == 1 {
		c.Screening = ir.screenings.one()
		*c.Screening = records.Screening{Decision: ir.str(), Decided: ir.date(), Grounds: ir.strs()}
	}
	c.Referrals = ir.referrals.take(ir.countOf(8))
	for i := range c.Referrals {
		r := &c.Referrals[i]
		r.To, r.Purpose, r.Sent, r.Due = ir.str(), ir.str(), ir.date(), ir.date()
		r.Updates = ir.dates.take(ir.count())
		for j := range r.Updates {
			r.Updates[j] = ir.date()
		}
		r.Returned, r.Finding, r.Cancelled = ir.date(), ir.str(), ir.date()
	}
	c.Requests = ir.requests.take(ir.countOf(4))
	for i := range c.Requests {
		r := &c.Requests[i]
		r.Sent, r.Due, r.Received, r.Cancelled = ir.date(), ir.date(), ir.date(), ir.date()
	}
	if ir.uint() == 1 {
		c.Review = ir.reviews.one()
		*c.Review = records.Review{Requested: ir.date(), Due: ir.date(), Decided: ir.date(), Outcome: ir.str()}
	}
	if ir.uint() == 1 {
		c.Disposition = ir.disposals.one()
		*c.Disposition = records.Disposition{Outcome: ir.str(), Closed: ir.date()}
	}
	if aliases := ir.strs(); len(aliases) > 0 {
		c.Aliases = aliases
	}
	c.Fields = ir.fields()
	c.History = ir.entries.take(ir.countOf(5))
	for i := range c.History {
		h := &c.History[i]
		h.At = records.Timestamp{Time: time.Unix(ir.int(), 0).UTC()}
		h.Date, h.By, h.Do, h.Detail = ir.date(), ir.str(), ir.str(), ir.str()
	}
	e.c = c
	return e
}

// fields reads the declared fields of an entry (nil when none), sharing the map of an earlier
// entry with the same values.
func (ir *indexReader) fields() records.Fields {
	start := ir.data
	n := ir.count()
	if n == 0 {
		return nil
	}
	for range n {
		ir.uint() // name
		ir.uint() // scalar
		for range ir.count() {
			ir.uint() // code
		}
	}
	if ir.err != nil {
		return nil
	}
	raw := start[:len(start)-len(ir.data)]
	if fs, ok := ir.fieldSets[string(raw)]; ok {
		return fs
	}
	sub := &indexReader{data: raw, table: ir.table}
	sub.count()
	fs := make(records.Fields, n)
	for range n {
		name, scalar := sub.str(), sub.str()
		fs[name] = records.FieldValue{Scalar: scalar, Codes: ir.strsOf(sub)}
	}
	if sub.err != nil {
		ir.err = sub.err
		return nil
	}
	if ir.fieldSets == nil {
		ir.fieldSets = map[string]records.Fields{}
	}
	if len(ir.fieldSets) < maxFieldSets {
		ir.fieldSets[string(raw)] = fs
	}
	return fs
}

// strsOf reads a list of strings from sub. Not from a slab: the map it goes into is shared
// with later entries (fieldSets), which a slab that rewinds (index_keep.go) would overwrite.
func (ir *indexReader) strsOf(sub *indexReader) []string {
	n := sub.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = sub.str()
	}
	return out
}

// Complete replaces, in place, each summary for which need is true by the full record it
// summarises, read from its file: for the commands that show what the index does not hold
// (the incident location, the documents requested). A file that cannot be read any more is
// an error naming it.
func (s *Store) Complete(cases []*records.Case, need func(*records.Case) bool) error {
	var todo []*records.Case
	for _, c := range cases {
		if need(c) {
			todo = append(todo, c)
		}
	}
	errs := make([]error, len(todo))
	parallel(len(todo), func(i int) {
		rec, err := s.LoadReadOnly(todo[i].ID)
		if err != nil {
			errs[i] = err
			return
		}
		*todo[i] = rec.Case
	})
	return errors.Join(errs...)
}
