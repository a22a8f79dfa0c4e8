package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The index is decoded as it is read, a chunk of entries at a time, never held whole: at a
// million cases the file is about 150 MB, which a read command held alive next to the
// summaries it decoded (the peak of a warm read, BENCHMARKS.md "One million cases").

// indexChunk is how many bytes of entries are read before they are decoded on all cores.
const indexChunk = 8 << 20

// rewindChunk is indexChunk when the decoded summaries are dropped or copied chunk by chunk
// (streamIndex with rewind): about 7,000 entries, 6 MB of summaries.
const rewindChunk = 1 << 20

// indexSource reads the index's numbers and strings from a stream, never more than the left
// bytes the file holds: a count or a length larger than what is left is an error before
// anything is allocated for it (a hostile index cannot make the decoder allocate much more
// than its own size).
type indexSource struct {
	r    *bufio.Reader
	left int64
	err  error
}

func (src *indexSource) fail() { src.err = errIndex }

func (src *indexSource) uint() uint64 {
	var v uint64
	for shift := 0; src.err == nil; shift += 7 {
		b, err := src.r.ReadByte()
		if err != nil || shift > 63 {
			src.fail()
			return 0
		}
		src.left--
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	return 0
}

// int reads a signed varint (binary.AppendVarint).
func (src *indexSource) int() int64 {
	ux := src.uint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a number of items that each take at least one byte of what is left.
func (src *indexSource) count() int {
	n := src.uint()
	if src.err == nil && n > uint64(max(src.left, 0)) {
		src.fail()
	}
	if src.err != nil {
		return 0
	}
	return int(n)
}

// bytes reads n bytes into buf[at:], growing buf; n was checked by count.
func (src *indexSource) read(buf []byte, n int) []byte {
	if src.err != nil {
		return buf
	}
	at := len(buf)
	buf = slices.Grow(buf, n)[:at+n] // no zeroed copy of n bytes to append: read in place
	if _, err := io.ReadFull(src.r, buf[at:]); err != nil {
		src.fail()
	}
	src.left -= int64(n)
	return buf
}

// stringList reads a number of strings, each its length and its bytes, cut from one string of
// all their bytes (one allocation, not one per string). The string is built in place, doubling
// as it grows, from a first guess of its size: at a million cases the names are 45 MB, which
// growing a byte slice by append and copying it into a string allocated 275 MB.
func (src *indexSource) stringList() []string {
	n := src.count()
	bounds := make([]int, n+1)
	var all strings.Builder
	all.Grow(int(min(int64(n)*namesGuess, max(src.left, 0))))
	for i := range n {
		l := src.count()
		if src.err != nil {
			return nil
		}
		if all.Cap()-all.Len() < l {
			all.Grow(l) // to twice the capacity and l
		}
		if !src.copyTo(&all, l) {
			return nil
		}
		bounds[i+1] = all.Len()
	}
	text := all.String()
	list := make([]string, n)
	for i := range list {
		list[i] = text[bounds[i]:bounds[i+1]]
	}
	return list
}

// nameList reads the names: their number, the size of their encoding, then each its length
// and its bytes. The encoding is read in one piece into one string the names are cut from
// (a string read at a time from the stream was most of the time to read a million names,
// before any file could be stat-ed).
func (src *indexSource) nameList() []string {
	n := src.count()
	size := src.count()
	if src.err != nil {
		return nil
	}
	var b strings.Builder
	b.Grow(size)
	if !src.copyTo(&b, size) {
		return nil
	}
	text := b.String()
	list := make([]string, n)
	for i := range list {
		l, k := uvarintString(text)
		if k <= 0 || l > uint64(len(text)-k) {
			src.fail()
			return nil
		}
		list[i], text = text[k:k+int(l)], text[k+int(l):]
	}
	if text != "" {
		src.fail()
		return nil
	}
	return list
}

// uvarintString is binary.Uvarint of the start of s.
func uvarintString(s string) (uint64, int) {
	var v uint64
	for i := 0; i < len(s); i++ {
		if i == binary.MaxVarintLen64 {
			return 0, -(i + 1) // overflow
		}
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1) // overflow
			}
			return v | uint64(b)<<(7*i), i + 1
		}
		v |= uint64(b&0x7f) << (7 * i)
	}
	return 0, 0
}

// namesGuess is a little over the bytes of a name of the index (a path of 28 bytes and a case
// id of 10, alternately).
const namesGuess = 24

// copyTo appends the next l bytes (l checked by count) to b; false (and src.err) when they
// cannot be read.
func (src *indexSource) copyTo(b *strings.Builder, l int) bool {
	for l > 0 {
		p, err := src.r.Peek(min(l, src.r.Size()))
		if err != nil {
			src.fail()
			return false
		}
		b.Write(p)
		src.r.Discard(len(p))
		src.left -= int64(len(p))
		l -= len(p)
	}
	return true
}

// decodeIndex reads an index held in memory (the tests and benchmarks: the store streams it).
func decodeIndex(data []byte) ([]indexEntry, error) {
	return decodeIndexFrom(bufio.NewReader(bytes.NewReader(data)), int64(len(data)))
}

// decodeIndexFrom reads an index of size bytes from r.
func decodeIndexFrom(r *bufio.Reader, size int64) ([]indexEntry, error) {
	var entries []indexEntry
	err := decodeIndexEach(r, size, indexChunk, false, func(chunk []indexEntry) bool {
		entries = append(entries, chunk...)
		return true
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// decodeIndexEach reads an index of size bytes from r: the string table, the names, then the
// entries (decodeEntries).
func decodeIndexEach(r *bufio.Reader, size int64, chunkSize int, rewind bool, each func(chunk []indexEntry) bool) error {
	src := &indexSource{r: r, left: size}
	table, names, count := readIndexNames(src)
	if src.err != nil {
		return errIndex
	}
	return decodeEntries(src, table, names, count, chunkSize, rewind, each)
}

// readIndexNames reads the string table, the names (path, id, path, id…) and the number of
// entries; src.err tells a corrupt index.
func readIndexNames(src *indexSource) (table, names []string, count int) {
	table = src.stringList()
	names = src.nameList()
	count = src.count()
	if src.err == nil && len(names) != 2*count {
		src.fail()
	}
	return table, names, count
}

// decodeEntries reads the entries that follow the names from src, a chunk at a time, each
// chunk on all cores and then given to each (the chunk is reused: each copies what it keeps;
// false stops with an error), about chunkSize bytes of entries at a time. With rewind the
// summaries' memory is reused too, from one chunk to the next (streamIndex).
func decodeEntries(src *indexSource, table, names []string, count, chunkSize int, rewind bool, each func(chunk []indexEntry) bool) error {
	r := src.r
	ids := compactIDs(names)
	workers := max(1, min(runtime.GOMAXPROCS(0), count/1000))
	readers := make([]*indexReader, workers) // each keeps its slabs from chunk to chunk
	for w := range readers {
		readers[w] = &indexReader{table: table}
		if rewind {
			readers[w].slabs(func(s rewinder) { s.setRewinds() })
		}
	}
	var chunk []byte
	var ends []int
	var out []indexEntry
	for done := 0; done < count; {
		chunk, ends = chunk[:0], ends[:0]
		for done+len(ends) < count && len(chunk) < chunkSize {
			chunk = src.read(chunk, src.count())
			ends = append(ends, len(chunk))
			if src.err != nil {
				return errIndex
			}
		}
		out = append(out[:0], make([]indexEntry, len(ends))...)
		if err := decodeChunk(readers, chunk, ends, out, names[2*done:], ids[done:]); err != nil {
			return err
		}
		if !each(out) {
			return errIndex
		}
		if rewind {
			for _, r := range readers {
				r.slabs(rewinder.rewind)
			}
		}
		done += len(ends)
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return errIndex // more than the entries
	}
	return nil
}

// decodeChunk decodes the entries whose bodies chunk holds (each ending at its ends value)
// into out, on all the readers at once.
func decodeChunk(readers []*indexReader, chunk []byte, ends []int, out []indexEntry, names, ids []string) error {
	workers := min(len(readers), max(1, len(ends)/1000))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := readers[w]
			for i := w * len(ends) / workers; i < (w+1)*len(ends)/workers; i++ {
				start := 0
				if i > 0 {
					start = ends[i-1]
				}
				r.data = chunk[start:ends[i]]
				out[i] = r.entry(names[2*i], ids[i])
				if r.err != nil || len(r.data) != 0 {
					errs[w] = errIndex
					return
				}
			}
			r.data = nil
		})
	}
	wg.Wait()
	if errors.Join(errs...) != nil {
		return errIndex
	}
	return nil
}
