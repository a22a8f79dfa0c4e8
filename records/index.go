package records

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// The index is a local cache in .dossier/ of the fields that list, due, stats and reports
// need, one entry per record file, keyed by the file's identity (size, modification time,
// change time and inode, all in nanoseconds). A file whose identity changed — an edit, a
// git checkout, a pull, a merge — is parsed again; a missing, truncated or old-format index
// is rebuilt without a word. Personal fields (complainant, representative, officers, summary,
// notes) are not in it: it is a summary, not a copy of the records.

const (
	indexFile  = CacheDir + "/index-v1.bin"
	indexMagic = "dossier-index-v1\n"
)

// fileID is what identifies one version of a file on disk.
type fileID struct {
	size, mtime, ctime int64
	ino                uint64
}

// Summarize returns the copy of c the index keeps: everything the reports need, without the
// personal fields and free text.
func Summarize(c *Case) *Case {
	s := *c
	s.Complainant, s.Representative, s.Summary = nil, nil, ""
	if c.Respondent != nil {
		s.Respondent = &Respondent{Service: c.Respondent.Service}
	}
	if c.Disposition != nil {
		d := *c.Disposition
		d.Reason = ""
		s.Disposition = &d
	}
	s.History = make([]Entry, len(c.History))
	for i, e := range c.History {
		if e.Do == ActNote || e.Do == ActReopen || e.Do == ActEdit {
			e.Detail = ""
		}
		s.History[i] = e
	}
	return &s
}

// Summaries returns a summary of every readable record (see Summarize), in path order,
// from the index where a file is unchanged and by parsing it otherwise; files that cannot be
// read come back with their error. The index is then brought up to date. With useIndex false
// every file is parsed and the index is neither read nor written.
func (s *Store) Summaries(useIndex bool) ([]Loaded, error) {
	files, _, err := s.RecordFiles()
	if err != nil {
		return nil, err
	}
	ids := make([]fileID, len(files))
	statErr := make([]error, len(files))
	parallel(len(files), func(i int) {
		info, err := s.root.Lstat(files[i])
		if err != nil {
			statErr[i] = err
			return
		}
		ids[i] = identity(info)
	})
	var cached map[string]indexEntry
	if useIndex {
		cached = s.readIndex()
	}
	out := make([]Loaded, len(files))
	fresh := make([]indexEntry, len(files))
	changed := len(cached) != len(files)
	var mu sync.Mutex
	parallel(len(files), func(i int) {
		p := files[i]
		out[i].Path = p
		if statErr[i] != nil {
			out[i].Err = fmt.Errorf("%s: %w", p, statErr[i])
			return
		}
		if e, ok := cached[p]; ok && e.id == ids[i] {
			out[i].Record = &Record{Path: p, Case: *e.c}
			fresh[i] = e
			return
		}
		mu.Lock()
		changed = true
		mu.Unlock()
		data, err := s.ReadFile(p)
		if err != nil {
			out[i].Err = fmt.Errorf("%s: %w", p, err)
			return
		}
		rec, err := Parse(p, data)
		if err != nil {
			out[i].Err = err
			return
		}
		sum := Summarize(&rec.Case)
		out[i].Record = &Record{Path: p, Case: *sum}
		fresh[i] = indexEntry{path: p, id: ids[i], c: sum}
	})
	if useIndex && changed {
		s.writeIndex(fresh)
	}
	return out, nil
}

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

type indexEntry struct {
	path string
	id   fileID
	c    *Case
}

// readIndex loads the index; any problem means "no index" (it is rebuilt).
func (s *Store) readIndex() map[string]indexEntry {
	data, err := s.root.ReadFile(indexFile)
	if err != nil || !bytes.HasPrefix(data, []byte(indexMagic)) {
		return nil
	}
	entries, err := decodeIndex(data[len(indexMagic):])
	if err != nil {
		return nil
	}
	m := make(map[string]indexEntry, len(entries))
	for _, e := range entries {
		m[e.path] = e
	}
	return m
}

// writeIndex replaces the index atomically under its lock; failures only cost speed later.
func (s *Store) writeIndex(entries []indexEntry) {
	var buf bytes.Buffer
	buf.WriteString(indexMagic)
	kept := entries[:0:0]
	for _, e := range entries {
		if e.c != nil {
			kept = append(kept, e)
		}
	}
	encodeIndex(&buf, kept)
	unlock, err := s.Lock("index")
	if err != nil {
		return
	}
	defer unlock()
	if err := s.root.MkdirAll(CacheDir, 0o755); err != nil {
		return
	}
	_ = s.writeAtomic(indexFile, buf.Bytes(), false)
}

// The encoding: a string table (every distinct string once), then the entries, all numbers
// as varints. Dates are days since 1970-01-01 plus one (0 = no date).

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

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func (iw *indexWriter) date(d Date) {
	if d.IsZero() {
		iw.int(0)
		return
	}
	iw.int(int64(d.Time().Sub(epoch)/(24*time.Hour)) + 1)
}

func encodeIndex(out *bytes.Buffer, entries []indexEntry) {
	iw := &indexWriter{strings: map[string]int{}}
	iw.uint(uint64(len(entries)))
	for _, e := range entries {
		c := e.c
		iw.str(e.path)
		iw.int(e.id.size)
		iw.int(e.id.mtime)
		iw.int(e.id.ctime)
		iw.uint(e.id.ino)
		for _, s := range []string{c.ID, c.Type, c.Status, c.Language, c.Channel, c.Service(), c.Location(), c.Summary, c.Routing} {
			iw.str(s)
		}
		iw.date(c.Received)
		var incident Date
		if c.Incident != nil {
			incident = c.Incident.Date
		}
		iw.date(incident)
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
		}
		iw.uint(uint64(len(c.Requests)))
		for _, r := range c.Requests {
			iw.str(r.Item)
			iw.str(r.From)
			iw.date(r.Sent)
			iw.date(r.Due)
			iw.date(r.Received)
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
		iw.uint(uint64(len(c.History)))
		for _, h := range c.History {
			iw.int(h.At.Unix())
			iw.date(h.Date)
			iw.str(h.By)
			iw.str(h.Do)
			iw.str(h.Detail)
		}
	}
	var b [binary.MaxVarintLen64]byte
	out.Write(b[:binary.PutUvarint(b[:], uint64(len(iw.table)))])
	for _, s := range iw.table {
		out.Write(b[:binary.PutUvarint(b[:], uint64(len(s)))])
		out.WriteString(s)
	}
	out.Write(iw.body.Bytes())
}

type indexReader struct {
	data  []byte
	table []string
	err   error
}

var errIndex = errors.New("corrupt index")

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
func (ir *indexReader) count() int {
	n := ir.uint()
	if n > uint64(len(ir.data)) { // each item takes at least one byte
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
	n := ir.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = ir.str()
	}
	return out
}
func (ir *indexReader) date() Date {
	v := ir.int()
	if v == 0 {
		return Date{}
	}
	return DateOf(epoch.Add(time.Duration(v-1) * 24 * time.Hour))
}

func decodeIndex(data []byte) (entries []indexEntry, err error) {
	ir := &indexReader{data: data}
	n := ir.count()
	ir.table = make([]string, 0, n)
	for range n {
		l := ir.count()
		if ir.err != nil || l > len(ir.data) {
			return nil, errIndex
		}
		ir.table = append(ir.table, string(ir.data[:l]))
		ir.data = ir.data[l:]
	}
	count := ir.count()
	entries = make([]indexEntry, 0, count)
	for range count {
		var e indexEntry
		e.path = ir.str()
		e.id = fileID{size: ir.int(), mtime: ir.int(), ctime: ir.int(), ino: ir.uint()}
		c := &Case{}
		c.ID, c.Type, c.Status, c.Language, c.Channel = ir.str(), ir.str(), ir.str(), ir.str(), ir.str()
		service, location := ir.str(), ir.str()
		c.Summary, c.Routing = ir.str(), ir.str()
		c.Received = ir.date()
		incident := ir.date()
		if service != "" {
			c.Respondent = &Respondent{Service: service}
		}
		if location != "" || !incident.IsZero() {
			c.Incident = &Incident{Date: incident, Location: location}
		}
		c.Categories, c.Flags = ir.strs(), ir.strs()
		if ir.uint() == 1 {
			c.Screening = &Screening{Decision: ir.str(), Decided: ir.date(), Grounds: ir.strs()}
		}
		if k := ir.count(); k > 0 {
			c.Referrals = make([]Referral, k)
			for i := range c.Referrals {
				r := &c.Referrals[i]
				r.To, r.Purpose, r.Sent, r.Due = ir.str(), ir.str(), ir.date(), ir.date()
				if u := ir.count(); u > 0 {
					r.Updates = make([]Date, u)
					for j := range r.Updates {
						r.Updates[j] = ir.date()
					}
				}
				r.Returned, r.Finding = ir.date(), ir.str()
			}
		}
		if k := ir.count(); k > 0 {
			c.Requests = make([]Request, k)
			for i := range c.Requests {
				r := &c.Requests[i]
				r.Item, r.From, r.Sent, r.Due, r.Received = ir.str(), ir.str(), ir.date(), ir.date(), ir.date()
			}
		}
		if ir.uint() == 1 {
			c.Review = &Review{Requested: ir.date(), Due: ir.date(), Decided: ir.date(), Outcome: ir.str()}
		}
		if ir.uint() == 1 {
			c.Disposition = &Disposition{Outcome: ir.str(), Closed: ir.date()}
		}
		if k := ir.count(); k > 0 {
			c.History = make([]Entry, k)
			for i := range c.History {
				h := &c.History[i]
				h.At = Timestamp{time.Unix(ir.int(), 0).UTC()}
				h.Date, h.By, h.Do, h.Detail = ir.date(), ir.str(), ir.str(), ir.str()
			}
		}
		if ir.err != nil {
			return nil, ir.err
		}
		e.c = c
		entries = append(entries, e)
	}
	if ir.err != nil || len(ir.data) != 0 {
		return nil, errIndex
	}
	return entries, nil
}
