package store

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

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
	top, err := fs.ReadDir(s.root.FS(), "records")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, e := range top {
		name := e.Name()
		p := path.Join("records", name)
		if !e.IsDir() || len(name) != 4 || strings.Trim(name, "0123456789") != "" {
			if !strings.Contains(name, tempMarker) {
				stray = append(stray, p)
			}
			continue
		}
		d, err := s.root.Open(p)
		if err != nil {
			return nil, nil, err
		}
		names, err := d.Readdirnames(-1)
		if err != nil {
			d.Close()
			return nil, nil, err
		}
		slices.Sort(names)
		// one growth per year directory, not a doubling every few thousand files (at a million
		// files the doublings alone allocated a quarter of a gigabyte)
		files = slices.Grow(files, len(names))
		start := len(files)
		for _, n := range names {
			if strings.Contains(n, tempMarker) {
				continue
			}
			fp := p + "/" + n
			if id, ok := strings.CutSuffix(n, ".yaml"); ok && records.ValidID(id) && id[:4] == name {
				files = append(files, scanned{path: fp})
			} else {
				stray = append(stray, fp)
			}
		}
		if identities {
			batch := files[start:]
			parallel(len(batch), func(i int) {
				batch[i].id, batch[i].err = statAt(d, path.Base(batch[i].path))
			})
		}
		d.Close()
	}
	return files, stray, nil
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
