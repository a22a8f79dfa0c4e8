package cli

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/parquetx"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

func addExportFileFlags(f *Factory, cmd *cobra.Command, o *exportOptions) {
	fl := cmd.Flags()
	fl.StringVarP(&o.outFile, "out-file", "O", "", "write to `FILE` (atomically, creating its directory) instead of stdout; -O - is stdout")
	fl.StringVar(&o.table, "table", parquetx.TableCases, "-o parquet: the `TABLE` to write: "+strings.Join(parquetx.Tables(), ", "))
	fl.StringVar(&o.since, "since", "", "only the cases whose files changed since the commit `REV`, and a tombstone for each one gone (jsonl, parquet)")
	completeFlag(f, cmd, "table", cobra.FixedCompletions(parquetx.Tables(), cobra.ShellCompDirectiveNoFileComp))
}

// checkFileFlags refuses the combinations that cannot be written, before anything is read.
func (o *exportOptions) checkFileFlags(outTerminal bool) error {
	parquet := o.output == "parquet"
	if !parquet && o.table != parquetx.TableCases {
		return usageErrorf("--table is for -o parquet: %s holds a case's referrals, requests and history in its line", o.output)
	}
	if parquet && !slices.Contains(parquetx.Tables(), o.table) {
		return usageErrorf("--table: no table %s: tables: %s", records.Quote(o.table), strings.Join(parquetx.Tables(), ", "))
	}
	if parquet && o.outFile == "" {
		return usageErrorf("-o parquet writes a binary file: name it with -O FILE (or -O - to send it down a pipe)")
	}
	if parquet && o.outFile == "-" && outTerminal {
		return usageErrorf("-o parquet -O -: stdout is a terminal: name a file with -O FILE")
	}
	if o.since != "" && o.output == "csv" {
		return usageErrorf("--since is for -o jsonl and -o parquet: a CSV file has no room for tombstones")
	}
	return nil
}

// exportFile is where an export goes: stdout, or a temporary file beside -O FILE that commit
// renames into place; discard (deferred) removes it when anything failed, so an error never
// leaves a partial file, nor replaces the last good one.
type exportFile struct {
	io.Writer
	tmp, name string // the temporary file; the file it becomes
	given     string // -O as typed, for messages
	fh        *os.File
	f         *Factory
}

func (f *Factory) exportTarget(o *exportOptions) (*exportFile, error) {
	if o.outFile == "" || o.outFile == "-" {
		return &exportFile{Writer: f.Out}, nil
	}
	name := f.path(o.outFile) // relative to the working directory of the run
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(filepath.Clean(dir), 0o755); err != nil {
		return nil, fmt.Errorf("-O %s: cannot create its directory: %w", o.outFile, f.relErr(o.outFile, err))
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, err
	}
	tmp := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
	fh, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("-O %s: %w", o.outFile, f.relErr(o.outFile, err))
	}
	return &exportFile{Writer: fh, tmp: tmp, name: name, given: o.outFile, fh: fh, f: f}, nil
}

// commit syncs the temporary file and renames it to its name.
func (e *exportFile) commit() error {
	if e.fh == nil {
		return nil
	}
	err := e.fh.Sync()
	if cerr := e.fh.Close(); err == nil {
		err = cerr
	}
	e.fh = nil
	if err == nil {
		err = os.Rename(e.tmp, e.name)
	}
	if err != nil {
		os.Remove(e.tmp)
		return fmt.Errorf("-O %s: %w", e.given, asGiven(err, e.given))
	}
	e.tmp = ""
	e.f.Talk("wrote %s", e.given)
	return nil
}

// discard removes the temporary file unless commit renamed it.
func (e *exportFile) discard() {
	if e.fh != nil {
		e.fh.Close()
	}
	if e.tmp != "" {
		os.Remove(e.tmp)
	}
}

// parquetSink writes the table --table names: write takes each case as the audience sees it;
// finish writes the tombstones (--since) and the file's footer.
func (f *Factory) parquetSink(o *exportOptions, p *records.Profile, w *bufio.Writer, ch *sinceChanges) (write func(*records.Case) error, finish func() error, err error) {
	now, err := f.Now()
	if err != nil {
		return nil, nil, err
	}
	lang := "en"
	if langs := p.Languages.List(); len(langs) > 0 {
		lang = langs[0]
	}
	meta := parquetx.Meta{Profile: p.Name, Office: f.office(lang).Name, Audience: o.audience, Exported: now, Version: f.Version}
	if ch != nil {
		meta.Since, meta.Head = ch.base, ch.head
	} else if g := f.Git(); g.IsRepo() {
		meta.Head, _ = g.Run("rev-parse", "--verify", "--quiet", "HEAD")
	}
	pw, err := parquetx.NewWriter(w, o.table, p, meta)
	if err != nil {
		return nil, nil, err
	}
	write = func(c *records.Case) error {
		if ch != nil && ch.disposed[c.ID] {
			return pw.MarkDisposed(c)
		}
		return pw.Write(c)
	}
	finish = func() error {
		if ch != nil {
			for _, t := range ch.gone {
				if err := pw.Tombstone(t.ID, t.Reason, t.To); err != nil {
					return err
				}
			}
		}
		return pw.Close()
	}
	return write, finish, nil
}
