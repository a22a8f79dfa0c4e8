package store

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dossier-dev/dossier/records"
)

// scanned is one record file found by scan, with its identity when asked for.
type scanned struct {
	path string
	id   fileID
	err  error
}

// scan lists the record files (records/YYYY/ID.yaml), sorted, and the stray entries under
// records/ that are not named like a case. With identities, each file is stat-ed relative to
// its open directory (one system call a file, on all cores): at 100,000 files the walk is
// most of what a warm command costs.
func (s *Store) scan(identities bool) (files []scanned, stray []string, err error) {
	files, stray, _, walk, err := s.scanWith(identities, nil)
	walk.wait(len(files))
	return files, stray, err
}

// scanFor is scan(true) for a read of summaries, whose files are stat-ed in the background
// (walk: the read waits for each file's identity as it comes to it, decoding the index
// meanwhile; Store.finishScan waits for them all). With useIndex, a year directory the index
// may stand for is not listed, its files' names are the index's (index_dirs.go; no stray entry
// is then told). What it found of the directories is kept for the index it writes (s.dirs), and
// the start of the index it read for streamIndex to read on (s.head, closed by dropHead).
func (s *Store) scanFor(useIndex bool) ([]scanned, *statWalk, error) {
	s.dropHead()
	if useIndex {
		s.head = s.openIndexHead()
	}
	s.seen = s.head
	files, _, dirs, walk, err := s.scanWith(true, s.head)
	s.dirs = dirs
	return files, walk, err
}

// finishScan waits until every file scanFor found is stat-ed and returns them; when a name the
// index gave in a directory it stood for cannot be stat-ed (an index that does not describe
// this repository), every directory is listed again (relisted).
func (s *Store) finishScan(files []scanned, walk *statWalk) (_ []scanned, relisted bool) {
	walk.wait(len(files))
	if !slices.ContainsFunc(s.dirs, func(d dirState) bool { return d.trusted }) {
		return files, false
	}
	for _, f := range files {
		if f.err != nil {
			listed, _, dirs, walk, err := s.scanWith(true, nil)
			if err != nil {
				return files, false // the files' own errors tell what is wrong
			}
			walk.wait(len(listed))
			s.dirs = dirs
			return listed, true
		}
	}
	return files, false
}

// dropHead closes the start of the index a scan read, if nothing read on from it.
func (s *Store) dropHead() {
	s.head.close()
	s.head = nil
}

func (s *Store) scanWith(identities bool, head *indexHead) (files []scanned, stray []string, dirs []dirState, walk *statWalk, err error) {
	top, err := fs.ReadDir(s.root.FS(), "records")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, nil, nil
	}
	if err != nil {
		return nil, nil, nil, nil, err
	}
	// each entry of records/, in order: a year directory is listed and sorted on a core of its
	// own (at a million files the sorting alone is over half a second of one core)
	type listing struct {
		dir   *os.File // nil: not a year directory
		names []string // the record files' names, sorted
		// or, in a directory the index stands for, the index's entries from to to (names is
		// then nil): their paths are the index's (none built)
		from, to int
		trusted  bool
		state    dirState
		isYear   bool
		stray    []string
		err      error
	}
	lists := make([]listing, len(top))
	parallel(len(top), func(k int) {
		name, l := top[k].Name(), &lists[k]
		p := path.Join("records", name)
		if !top[k].IsDir() || len(name) != 4 || strings.Trim(name, "0123456789") != "" {
			if !strings.Contains(name, tempMarker) {
				l.stray = []string{p}
			}
			return
		}
		if l.dir, l.err = s.root.Open(p); l.err != nil {
			return
		}
		l.isYear = true
		listed := s.now() // before the directory is stat-ed: see racyWindow
		if l.state, l.err = dirIdentity(l.dir); l.err != nil {
			return
		}
		l.state.name, l.state.listed = name, listed
		if from, to, ok := head.trustedNames(name, l.state); ok {
			l.from, l.to, l.trusted = from, to, true
			for _, d := range head.dirs {
				if d.name == name {
					l.state = d // the listing the index stands for
					l.state.trusted = true
				}
			}
			return
		}
		names, err := l.dir.Readdirnames(-1)
		if err != nil {
			l.err = err
			return
		}
		slices.Sort(names)
		l.names = names[:0]
		for _, n := range names {
			if strings.Contains(n, tempMarker) {
				continue
			}
			if id, ok := strings.CutSuffix(n, ".yaml"); ok && records.ValidID(id) && id[:4] == name {
				l.names = append(l.names, n)
			} else {
				l.stray = append(l.stray, p+"/"+n)
			}
		}
		l.state.count = len(l.names)
	})
	var open []*os.File
	for _, l := range lists {
		if l.dir != nil {
			open = append(open, l.dir)
		}
	}
	closeAll := func() {
		for _, d := range open {
			d.Close()
		}
	}
	total := 0
	for _, l := range lists {
		if l.err != nil {
			closeAll()
			return nil, nil, nil, nil, l.err
		}
		total += len(l.names) + l.to - l.from
	}
	files = make([]scanned, total) // one allocation: a million files are never copied to grow
	var blocks []statBlock
	at := 0
	for k, l := range lists {
		stray = append(stray, l.stray...)
		if !l.isYear {
			continue
		}
		dirs = append(dirs, l.state)
		p := "records/" + top[k].Name() + "/"
		batch := files[at : at+len(l.names)+l.to-l.from]
		if l.trusted { // the index's paths: no name to build
			for i := range batch {
				batch[i].path = head.path(l.from + i)
			}
		} else {
			parallel(len(batch), func(i int) { batch[i].path = p + l.names[i] })
		}
		for start := 0; start < len(batch); start += statBlockSize {
			blocks = append(blocks, statBlock{start: at + start, end: at + min(start+statBlockSize, len(batch)), dir: l.dir, cut: len(p)})
		}
		at += len(batch)
	}
	if !identities {
		closeAll()
		return files, stray, dirs, nil, nil
	}
	return files, stray, dirs, startStatWalk(files, blocks, closeAll), nil
}

// statBlockSize is how many files a worker of the stat walk takes at a time.
const statBlockSize = 1024

// statBlock is files[start:end] of one directory, whose names follow cut bytes of their paths.
type statBlock struct {
	start, end, cut int
	dir             *os.File
}

// statWalk stats the files of a scan on all cores, a block at a time in path order, and tells
// how far from the first file every one is stat-ed (wait).
type statWalk struct {
	mu    sync.Mutex
	cond  sync.Cond
	done  []bool // the blocks stat-ed
	first int    // the first block not stat-ed
	ready int    // files[:ready] are stat-ed
}

func startStatWalk(files []scanned, blocks []statBlock, closeDirs func()) *statWalk {
	w := &statWalk{done: make([]bool, len(blocks))}
	w.cond.L = &w.mu
	if len(blocks) == 0 {
		closeDirs()
		w.ready = len(files)
		return w
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(blocks)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(blocks) {
					return
				}
				b := blocks[k]
				for i := b.start; i < b.end; i++ {
					files[i].id, files[i].err = statAt(b.dir, files[i].path[b.cut:])
				}
				w.mu.Lock()
				w.done[k] = true
				for w.first < len(blocks) && w.done[w.first] {
					w.ready = blocks[w.first].end
					w.first++
				}
				w.cond.Broadcast()
				w.mu.Unlock()
			}
		})
	}
	go func() {
		wg.Wait()
		closeDirs()
	}()
	return w
}

// wait returns once the first n files are stat-ed (every file of the walk, at most), with how
// many are; a nil walk has nothing to wait for.
func (w *statWalk) wait(n int) int {
	if w == nil {
		return n
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.ready < n && w.first < len(w.done) {
		w.cond.Wait()
	}
	return w.ready
}

// progressCounter reports progress of n files to s.Progress every few hundred files, from
// whichever worker finishes them.
type progressCounter struct {
	mu          sync.Mutex
	done, total int
	report      func(done, total int)
}

func (s *Store) newProgress(total int) *progressCounter {
	if s.Progress == nil || total < 500 {
		return nil
	}
	return &progressCounter{total: total, report: s.Progress}
}

func (p *progressCounter) add() {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done++
	if p.done%256 == 0 || p.done == p.total {
		p.report(p.done, p.total)
	}
	p.mu.Unlock()
}

// dirReader reads many record files of a few directories, opening each directory once (through
// the repository's os.Root) and each file relative to it without following a symbolic link:
// one system call to open a file instead of one per path element.
type dirReader struct {
	s    *Store
	mu   sync.Mutex
	dirs map[string]*os.File
}

func (s *Store) newDirReader() *dirReader { return &dirReader{s: s, dirs: map[string]*os.File{}} }

func (r *dirReader) read(p string) ([]byte, error) {
	dir, name := path.Split(p)
	r.mu.Lock()
	d, ok := r.dirs[dir]
	if !ok {
		var err error
		if d, err = r.s.root.Open(strings.TrimSuffix(dir, "/")); err != nil {
			d = nil
		}
		r.dirs[dir] = d
	}
	r.mu.Unlock()
	if d == nil {
		return r.s.ReadFile(p)
	}
	return readAt(d, name)
}

func (r *dirReader) close() {
	for _, d := range r.dirs {
		if d != nil {
			d.Close()
		}
	}
}
