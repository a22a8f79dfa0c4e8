package cli

import (
	"bytes"
	"fmt"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/spf13/cobra"
)

func newFmtCmd(f *Factory) *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:     "fmt [--check] [ID...]",
		Short:   "Rewrite records in canonical form",
		GroupID: "repo",
		Long: `Rewrite record files (all of them, or the cases named) in canonical form: fixed key
order, 2-space indent, LF, a trailing newline, dates as YYYY-MM-DD, times in RFC 3339
UTC, and text that YAML 1.1 readers would misread (no, on, 012345, 1e3) quoted.
Comments a person wrote are kept. Running fmt twice changes nothing the second time.

--check changes nothing: it lists the files that are not canonical and exits 3.` + exitStatusHelp,
		Example: "  dossier fmt\n  dossier fmt --check   # in CI",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFmt(f, check, args)
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "list files that are not canonical and exit 3; change nothing")
	return cmd
}

func runFmt(f *Factory, check bool, args []string) error {
	store, err := f.Store()
	if err != nil {
		return err
	}
	var paths []string
	if len(args) == 0 {
		if paths, _, err = store.RecordFiles(); err != nil {
			return err
		}
	}
	for _, a := range args {
		id, err := store.Resolve(a)
		if err != nil {
			return err
		}
		paths = append(paths, records.RecordPath(id))
	}
	// A file that cannot be read or written (renamed meanwhile, a directory, a FIFO, a symlink
	// out of the repository) is reported and the others are still formatted.
	unreadable, changed := 0, 0
	for _, p := range paths {
		data, err := store.ReadFile(p)
		if err != nil {
			fmt.Fprintf(f.Err, "%s: %v\n", p, err)
			unreadable++
			continue
		}
		// Read as the scans read: the rewrite carries over only the comments of the node
		// tree, which a file the canonical reader takes has none of (codec.ParseReadOnly).
		rec, err := codec.ParseReadOnly(p, data)
		if err != nil {
			fmt.Fprintln(f.Err, err)
			unreadable++
			continue
		}
		out, err := codec.EncodeRecord(rec)
		if err != nil {
			fmt.Fprintf(f.Err, "%s: %v\n", p, err)
			unreadable++
			continue
		}
		if bytes.Equal(out, data) {
			continue
		}
		changed++
		if check {
			fmt.Fprintln(f.Out, p)
			continue
		}
		if err := store.WriteRaw(records.IDFromPath(p), out, data); err != nil {
			fmt.Fprintln(f.Err, err)
			unreadable++
			continue
		}
		f.Talk("formatted %s", p)
	}
	if check && changed+unreadable > 0 {
		return &problemsFound{n: changed + unreadable}
	}
	if unreadable > 0 {
		return fmt.Errorf("%s could not be read and were left as they are (see above)", plural(unreadable, "file", "files"))
	}
	return nil
}
