package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// Store is a records repository on disk. Every file access goes through an os.Root, so no
// path built from data (an id, a symlink in the tree) can reach outside the repository.
type Store struct {
	// ShowConflictValues makes check print personal and confidential values in conflict
	// explanations (check --show-values, on a terminal only); otherwise they are withheld.
	ShowConflictValues bool
	Dir                string // the repository root as given, for messages
	Profile            *records.Profile
	IDs                string // IDsRandom or IDsSequential
	// NoSync skips fsync in writes: still atomic (rename) but not durable across a power
	// cut. Only for throwaway bulk generation (demo, benchmarks).
	NoSync bool
	// Progress, when set, is told how many files of a long read are done (reading a
	// repository without its index, check). It is called from one goroutine at a time.
	Progress func(done, total int)
	// Sized, when set, is told how many record files Summaries found, before it reads them
	// (parse 0), and again how many of them it must parse, once it has joined them with the
	// index: the summaries of that many cases are the command's live set, and each parse
	// makes garbage (the CLI's memory ceiling scales with both).
	Sized func(files, parse int)
	// GitBlobs, when set, lists the record files whose working copy git's index vouches for,
	// with their blob ids (path → 40 hex digits; see gitx.Git.Blobs). Summaries asks it when
	// many files changed identity (a fresh clone) and GitIndex cannot answer, instead of
	// reading and hashing each. An error (no repository, no git, SHA-256 objects) means: hash
	// them.
	GitBlobs func() (map[string]string, error)
	// GitIndex, when set, reads git's index itself (no git process): the blob id and recorded
	// stat data of each record file git would take as unmodified when its stat data still
	// matches (see gitx.Git.IndexEntries). Asked before GitBlobs, for the same reason; a file
	// is taken as that blob only when the identity the scan read is the one git recorded. An
	// error means: ask GitBlobs. The entries are in path order (byte by byte).
	GitIndex func() ([]GitStat, error)
	// Wrote, when set, is told each record file Create and Update wrote, validated and in
	// canonical form (so exactly what the pre-commit hook would accept), after the write: its
	// path and the blob id git will name its content by (40 hex digits). The CLI passes them
	// to the commit it makes of those files (gitx.Git.Commit). A record written by any other
	// way (fmt, edit, import, renumber) is not told.
	Wrote func(path, blob string)
	// LastRead is how the last Summaries got its summaries.
	LastRead ReadStats
	// KeepLocations makes Summaries keep in memory the incident location of each file it
	// parses, for CompleteLocations (a command that shows locations). Never written anywhere.
	KeepLocations bool
	locations     map[*records.Case]string
	root          *os.Root
	indexChunk    int  // bytes of index entries decoded at a time (0: indexChunk); tests make it small
	noRewrite     bool // a stale index is always written from the summaries (rewriteIdentities off); tests compare the two
	staleFirst    bool // eachFromIndex: the index was stale from its first entry, a file whose identity changed
	// what the last scan for summaries found of the year directories (written in the index)
	// and the start of the index it read, for streamIndex to read on (index_dirs.go)
	dirs  []dirState
	head  *indexHead
	seen  *indexHead       // the start of the index the last scan read (settleDirs)
	clock func() time.Time // the machine's clock for a directory's listing (nil: time.Now); tests set it
	w     writeState       // what the writes learnt once (writes.go)
}

// CacheDir is the local, git-ignored directory for locks and caches.
const CacheDir = ".dossier"

// tempMarker is in the name of every temporary file a write makes; list and check ignore such
// files and .gitignore covers them.
const tempMarker = ".dossier-tmp-"

// ErrOutside is a path in the repository that a symbolic link leads out of it: refused, and
// nothing is read through it.
var ErrOutside = errors.New("a symbolic link leading outside the repository: nothing was read through it; replace it with the file itself")

// ErrSymlink is a record file that is a symbolic link: records are read only from regular files.
var ErrSymlink = errors.New("a symbolic link: records are read only from regular files (nothing was read through it); replace it with the file itself")

// ErrNotRegular is a path of the repository that is not a regular file (a FIFO, a socket, a
// device, a directory): nothing is read from it, so it cannot hang a command.
var ErrNotRegular = errors.New("not a regular file (a FIFO, a device, a socket or a directory): nothing was read from it; remove it")

// NotFoundError is an id or prefix that matches no case.
type NotFoundError struct{ ID string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no case %s: `dossier list` shows the ids", e.ID)
}

// OpenStore opens the repository at dir.
func OpenStore(dir string, p *records.Profile, ids string) (*Store, error) {
	// .dossier holds locks, the index, temp files and working copies of records: a link would
	// send them (full records, with names) wherever it points.
	if info, err := os.Lstat(filepath.Join(dir, CacheDir)); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%s: %s, not a directory: dossier keeps its locks, cache and working copies there and follows no link for them; remove it (it is rebuilt) and run the command again",
			filepath.Join(dir, CacheDir), map[bool]string{true: "a symbolic link", false: "a file"}[info.Mode()&fs.ModeSymlink != 0])
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Store{Dir: dir, Profile: p, IDs: ids, root: root}, nil
}

func (s *Store) Close() error {
	s.closeWrites()
	return s.root.Close()
}

// ReadFile reads a file of the repository by slash path, refusing symlinks out of it and files
// over the record size limit.
func (s *Store) ReadFile(name string) ([]byte, error) {
	// Non-blocking, so that opening a FIFO returns at once; then only a regular file is read.
	f, err := s.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if strings.Contains(err.Error(), "path escapes from parent") { // os.Root's refusal
			return nil, ErrOutside
		}
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	data, err := io.ReadAll(io.LimitReader(f, records.MaxRecordSize+1))
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Load reads and parses the case with exactly this id.
func (s *Store) Load(id string) (*records.Record, error) {
	return s.load(id, codec.Parse)
}

// LoadReadOnly is Load for a caller that needs the case, not the node tree (a reader, or
// Update, which carries over only comments, which a canonical file has none of): a canonical
// file is read by the canonical reader and the record has no node tree (codec.ParseReadOnly).
func (s *Store) LoadReadOnly(id string) (*records.Record, error) {
	return s.load(id, codec.ParseReadOnly)
}

func (s *Store) load(id string, parse func(string, []byte) (*records.Record, error)) (*records.Record, error) {
	if !records.ValidID(id) {
		return nil, fmt.Errorf("%q is not a case id", records.Printable(id))
	}
	p := records.RecordPath(id)
	data, err := s.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{ID: id}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return parse(p, data)
}

// Resolve turns what a person typed (any case, a unique prefix) into one existing id.
func (s *Store) Resolve(input string) (string, error) {
	norm := records.NormalizeID(input)
	if err := records.CheckIDPrefix(norm); err != nil {
		if id, ok, lerr := s.lookupLegacy(input); lerr != nil || ok { // a legacy file number (E-2024-0001)
			return id, lerr
		}
		// Quote what the person typed, not its normalized spelling; a malformed id is a
		// usage error (exit 2).
		if typed := strings.TrimSpace(input); typed != "" {
			return "", &records.InputError{Msg: fmt.Sprintf("%s is not a case id: ids look like 2026-K7M2Q (year, dash, five characters from %s; a unique prefix is enough)", records.Quote(typed), records.Crockford)}
		}
		return "", &records.InputError{Msg: err.Error()}
	}
	if records.ValidID(norm) {
		if _, err := s.root.Stat(records.RecordPath(norm)); err == nil {
			return norm, nil
		}
	}
	var matches []string
	years, err := s.years()
	if err != nil {
		return "", err
	}
	for _, y := range years {
		if !strings.HasPrefix(y, norm) && !strings.HasPrefix(norm, y) {
			continue
		}
		ids, err := s.idsIn(y)
		if err != nil {
			return "", err
		}
		for _, id := range ids {
			if strings.HasPrefix(id, norm) {
				matches = append(matches, id)
			}
		}
	}
	switch len(matches) {
	case 0:
		if id, ok := s.lookupAlias(norm); ok { // renumbered: the old id still finds the case
			return id, nil
		}
		if id, ok, err := s.lookupLegacy(input); err != nil || ok {
			return id, err
		}
		return "", &NotFoundError{ID: norm}
	case 1:
		return matches[0], nil
	}
	shown := matches
	if len(shown) > 10 {
		shown = append(slices.Clone(shown[:10]), fmt.Sprintf("and %d more", len(matches)-10))
	}
	return "", fmt.Errorf("%s is ambiguous: it matches %s; type more of the id", norm, strings.Join(shown, ", "))
}

func (s *Store) years() ([]string, error) {
	entries, err := fs.ReadDir(s.root.FS(), "records")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && len(e.Name()) == 4 && strings.Trim(e.Name(), "0123456789") == "" {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// idsIn lists the ids of the record files of one year directory, sorted.
func (s *Store) idsIn(year string) ([]string, error) {
	entries, err := fs.ReadDir(s.root.FS(), path.Join("records", year))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && records.ValidID(id) && id[:4] == year {
			out = append(out, id)
		}
	}
	return out, nil
}

// RecordFiles lists every file under records/ that is not a dossier temp file, sorted by path;
// stray lists the ones that are not named like a case (check reports them).
func (s *Store) RecordFiles() (files, stray []string, err error) {
	found, stray, err := s.scan(false)
	for _, f := range found {
		files = append(files, f.path)
	}
	return files, stray, err
}

// Loaded is the result of reading one file in LoadAll.
type Loaded struct {
	Path   string
	Record *records.Record
	Err    error
}

// LoadAll parses every record file, using all cores, and returns them in path order. A
// record read by the canonical reader has no node tree (codec.ParseReadOnly): it has no
// comments to keep either.
func (s *Store) LoadAll() ([]Loaded, []string, error) {
	files, stray, err := s.RecordFiles()
	if err != nil {
		return nil, nil, err
	}
	out := make([]Loaded, len(files))
	parallel(len(files), func(i int) {
		out[i].Path = files[i]
		data, err := s.ReadFile(files[i])
		if err != nil {
			out[i].Err = fmt.Errorf("%s: %w", files[i], err)
			return
		}
		out[i].Record, out[i].Err = codec.ParseReadOnly(files[i], data)
	})
	return out, stray, nil
}

// Create gives c a new id in the year it was received, writes it and returns the id. The file
// is claimed with an exclusive link, so two writers never mint the same id; on a collision a
// new id is drawn.
func (s *Store) Create(c *records.Case) (id string, err error) {
	if c.Received.IsZero() {
		return "", fmt.Errorf("received: the date the complaint was received is required")
	}
	year := int(c.Received.Year)
	if year < 1000 || year > 9999 {
		return "", fmt.Errorf("received: year %d is out of range", year)
	}
	// Nothing touches the disk before the case is validated and known to fit (not even the
	// year directory is made for a case that will be refused): claimNewID validates and
	// encodes it under each id it draws before it writes (fits makes the directory). A
	// sequential id is drawn from the year directory under a lock, so there the case is first
	// checked under a random id (the id only has to be well formed for this check).
	dir := path.Join("records", fmt.Sprintf("%04d", year))
	made := false
	if s.IDs == records.IDsSequential {
		probe := *c
		if probe.ID, err = records.RandomID(year); err != nil {
			return "", err
		}
		if probs := records.Validate(&records.Record{Path: records.RecordPath(probe.ID), Case: probe}, s.Profile); records.HasErrors(probs) {
			return "", records.ProblemsError(probs)
		}
		if data, err := codec.Encode(&probe); err != nil {
			return "", err
		} else if err := checkRecordSize("the new case", data); err != nil {
			return "", err
		}
		if err := s.makeDir(dir, 0o755); err != nil {
			return "", err
		}
		made = true
		unlock, err := s.Lock("sequence-" + dir[len("records/"):])
		if err != nil {
			return "", err
		}
		defer unlock()
	}
	rec := &records.Record{Case: *c}
	fits := func(data []byte) error {
		if err := checkRecordSize("the new case", data); err != nil || made {
			return err
		}
		made = true
		return s.makeDir(dir, 0o755)
	}
	id, err = s.claimNewID(rec, func() (string, error) { return s.nextID(year) }, func(err error) error { return err }, fits)
	if errors.Is(err, fs.ErrNotExist) && made {
		// the year directory went away since this Store made it: make it again
		s.forgetDir(dir)
		made = false
		if s.IDs == records.IDsSequential {
			if err = s.makeDir(dir, 0o755); err != nil {
				return "", err
			}
			made = true
		}
		id, err = s.claimNewID(rec, func() (string, error) { return s.nextID(year) }, func(err error) error { return err }, fits)
	}
	if err != nil {
		return "", err
	}
	c.ID = id
	return id, nil
}

// claimNewID writes rec under a new id drawn by next — validated, canonical, atomic, and
// exclusive: when another writer took the id meanwhile, it draws again. invalid wraps the
// error of a record that fails validation.
//
// fits, when not nil, is given the encoded record before it is written, and may refuse it.
func (s *Store) claimNewID(rec *records.Record, next func() (string, error), invalid func(error) error, fits func(data []byte) error) (string, error) {
	for range 100 {
		id, err := next()
		if err != nil {
			return "", err
		}
		rec.Case.ID, rec.Path = id, records.RecordPath(id)
		if probs := records.Validate(rec, s.Profile); records.HasErrors(probs) {
			return "", invalid(records.ProblemsError(probs))
		}
		data, err := codec.EncodeRecord(rec)
		if err != nil {
			return "", err
		}
		if fits != nil {
			if err := fits(data); err != nil {
				return "", err
			}
		}
		err = s.writeAtomic(rec.Path, data, true)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		s.wrote(rec.Path, data)
		return id, nil
	}
	return "", fmt.Errorf("could not find a free id in %s after 100 tries", path.Dir(rec.Path))
}

func (s *Store) nextID(year int) (string, error) {
	if s.IDs != records.IDsSequential {
		return records.RandomID(year)
	}
	ids, err := s.idsIn(fmt.Sprintf("%04d", year))
	if err != nil {
		return "", err
	}
	highest := 0
	for _, id := range ids {
		if n, err := strconv.Atoi(id[5:]); err == nil && records.IsSequentialID(id) && n > highest {
			highest = n
		}
	}
	return records.SequentialID(year, highest+1), nil
}

// Update runs a read-modify-write of one case under its lock: fn changes r.Case; the result is
// validated and written atomically, or nothing is written. An unchanged record writes nothing.
// The record is read as the scans read it (LoadReadOnly): the rewrite carries over only the
// node tree's comments, which a file the canonical reader takes does not have (a file with
// comments is parsed strictly and keeps them), and the problems it refuses with name fields,
// not lines. Every workflow verb, note and do skip yaml.v3's parser for the files dossier
// wrote.
func (s *Store) Update(id string, fn func(r *records.Record) error) (*records.Record, error) {
	unlock, err := s.Lock(id)
	if err != nil {
		return nil, err
	}
	defer unlock()
	rec, err := s.LoadReadOnly(id)
	if err != nil {
		return nil, err
	}
	if err := fn(rec); err != nil {
		return nil, err
	}
	if probs := records.Validate(rec, s.Profile); records.HasErrors(probs) {
		return nil, records.ProblemsError(probs)
	}
	data, err := codec.EncodeRecord(rec)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(data, rec.Raw) {
		return rec, nil
	}
	if err := s.writeAtomic(rec.Path, data, false); err != nil {
		return nil, err
	}
	s.wrote(rec.Path, data)
	rec.Raw = data
	return rec, nil
}

// WriteRaw replaces the file of case id by data under the case's lock (fmt, edit), provided
// the file still holds old: a change made meanwhile by another process is never overwritten.
func (s *Store) WriteRaw(id string, data, old []byte) error {
	unlock, err := s.Lock(id)
	if err != nil {
		return err
	}
	defer unlock()
	p := records.RecordPath(id)
	cur, err := s.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if !bytes.Equal(cur, old) {
		return fmt.Errorf("%s changed while dossier was working on it: nothing written, run the command again", p)
	}
	return s.writeAtomic(p, data, false)
}

// Lock takes the inter-process lock named name (a case id) and returns its release. Lock
// files live in .dossier/locks and are never renamed or removed, so every process locks the
// same inode.
func (s *Store) Lock(name string) (func(), error) {
	dir := path.Join(CacheDir, "locks")
	if err := s.root.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	f, err := s.root.OpenFile(path.Join(dir, name+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	return func() { unlockFile(f); f.Close() }, nil
}

// tempDir holds the temp files of writes in progress: inside the repository (so a rename
// into records/ is atomic, on the same file system), git-ignored, and small, so sweeping the
// leftovers of a killed run costs nothing on the write path.
const tempDir = CacheDir + "/tmp"

// writeAtomic writes data to name through a temp file: write, fsync, then rename over name
// (or, with exclusive, link to name, failing with fs.ErrExist when name exists), then fsync
// the directory. Readers see the old or the new file, never a torn one. A record over the
// size limit the reader enforces is refused before anything is written.
func (s *Store) writeAtomic(name string, data []byte, exclusive bool) error {
	if strings.HasPrefix(name, "records/") {
		// The one check every write of a record passes: what the reader would refuse is
		// never written.
		if err := checkRecordSize(name, data); err != nil {
			return err
		}
	}
	return s.writeAtomicOf(name, [][]byte{data}, nil, exclusive)
}

// writeAtomicParts is writeAtomic of the parts one after the other, for a file that is not a
// record (the index: its parts are never copied into one).
func (s *Store) writeAtomicParts(name string, parts [][]byte) error {
	return s.writeAtomicOf(name, parts, nil, false)
}

// writeAtomicOf writes parts, then what tail reads (when not nil), to a temporary file it then
// renames to name (or links, when exclusive: name must not exist).
func (s *Store) writeAtomicOf(name string, parts [][]byte, tail io.Reader, exclusive bool) error {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if exclusive {
		s.sweepForNew(base)
	} else {
		s.sweepTemps(base)
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return err
	}
	tmp := path.Join(tempDir, base+tempMarker+hex.EncodeToString(rnd[:]))
	f, err := s.createTemp(tmp)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	var werr error
	for _, part := range parts {
		if _, werr = f.Write(part); werr != nil {
			break
		}
	}
	if werr == nil && tail != nil {
		_, werr = io.Copy(f, tail)
	}
	if werr == nil && !s.NoSync {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		s.removeTemp(tmp)
		return fmt.Errorf("writing %s: %w", name, werr)
	}
	if exclusive {
		err = s.linkTemp(tmp, name)
		s.removeTemp(tmp)
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
	} else {
		err = s.renameTemp(tmp, name)
	}
	if err != nil {
		s.removeTemp(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return s.syncDir(dir)
}

func (s *Store) syncDir(dir string) error {
	if s.NoSync {
		return nil
	}
	d, err := s.root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// staleTemp is how old a temp file must be before any writer sweeps it; a live write takes
// milliseconds. Temps of the file being written (whose lock we hold) are swept at once.
const staleTemp = 10 * time.Minute

// sweepTemps removes the temp files a killed run left: at once those of the file being
// written (whose lock the caller holds), and any other once it is stale.
func (s *Store) sweepTemps(base string) {
	entries, err := fs.ReadDir(s.root.FS(), tempDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base+tempMarker) {
			info, err := e.Info()
			if err != nil || time.Since(info.ModTime()) < staleTemp {
				continue
			}
		}
		s.root.Remove(path.Join(tempDir, name))
	}
}
