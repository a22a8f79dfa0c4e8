package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"runtime/debug"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	filter   caseFilter
	output   string
	audience string
	outFile  string // -O: written atomically instead of stdout
	table    string // --table: the Parquet table
	since    string // --since: only the cases changed since this commit, and tombstones
}

func newExportCmd(f *Factory) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:     "export [-o jsonl|csv|parquet] [-O FILE] [--as AUDIENCE] [--since REV] [filters]",
		Short:   "Export cases as JSON Lines, CSV or Parquet",
		GroupID: "repo",
		Long: `Write the cases that match the filters (as in list) on stdout, oldest received first.

-o jsonl (the default) is the record format as JSON, one case a line: every field,
lossless, for an analytics engine or another repository ('dossier import' reads it
back: export, import into an empty repository and export again gives the same bytes).
Comments written in record files are not exported.

-o csv is one row per case, lossless ('dossier import --format csv' reads it back
to the same bytes): one column per field, groups of fields in dotted columns
(complainant.name), lists (categories, officers, referrals, history...) as JSON in their
cell, text as it is (line breaks stay LF; records end with CRLF). A cell starting with
= + - @, a tab, a carriage return or an apostrophe gets one leading apostrophe (a plain
number such as -91 does not); import removes exactly one.

-o parquet -O FILE writes one table with typed columns for DuckDB or a warehouse:
--table cases (the default: one row a case), referrals, requests or history (one row
each, keyed by case_id and n). Dates are DATEs, codes dictionary-encoded strings, lists
LISTs, declared fields a group fields.NAME typed by kind; README.md ("Parquet")
documents the schema, whose version is in the file's metadata (dossier.schema).
Parquet is binary: it needs -O (-O - sends it down a pipe, never to a terminal).

-O FILE writes to FILE atomically (a temporary file renamed into place): an error leaves
no partial file and the previous FILE as it was.

The cases are read and written in small batches: memory does not grow with the repository.

--as AUDIENCE exports only what that audience may see (disclosure: in dossier.yaml):
--as public for open data. In Parquet the schema stays the same for every audience: what
the audience may not see is null.

--since REV exports only the cases whose files changed since the commit REV (committed
or not: the working tree against REV), and a tombstone for each case deleted,
renumbered (with its new id) or disposed of since: a nightly job loads the delta.
jsonl ends with one {"id":..., "tombstone":...} line each; parquet has tombstone and
renumbered_to columns. Filters choose among the changed cases, never among tombstones.` + exitStatusHelp,
		Example: `  dossier export > all.jsonl
  dossier export -o csv --received-from 2025-01-01 > 2025.csv
  dossier export --as public --status closed > open-data.jsonl
  dossier export -o parquet -O cases.parquet
  dossier export -o parquet --table history -O history.parquet
  dossier export -o parquet --since HEAD -O delta.parquet`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExport(f, o) },
	}
	addFilterFlags(cmd, &o.filter)
	addFieldFilterFlag(f, cmd, &o.filter)
	cmd.Flags().StringVarP(&o.output, "output", "o", "jsonl", "output format: "+strings.Join(exportOutput.Formats, ", "))
	cmd.Flags().StringVar(&o.audience, "as", records.AudienceInternal, "export only what this `AUDIENCE` may see (internal, complainant, respondent, panel, public...)")
	addExportFileFlags(f, cmd, o)
	return cmd
}

// exportMemoryLimit is the soft heap ceiling while export streams: it holds one batch and the
// summaries that choose and order the cases, so a tighter ceiling than other commands' keeps
// its peak under 200 MB at 100,000 cases for a few percent more time (BENCHMARKS.md).
const exportMemoryLimit = 128 << 20

func runExport(f *Factory, o *exportOptions) error {
	if f.ownsProcess {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(exportMemoryLimit))
	}
	if _, err := exportOutput.Choose(o.output, true, false); err != nil {
		return err
	}
	if err := o.checkFileFlags(f.OutTerminal); err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	if err := o.filter.complete(store.Profile); err != nil {
		return err
	}
	policy, err := f.disclosure() // checked: a policy that would leak refuses every export
	if err != nil {
		return err
	}
	if !policy.Has(o.audience) {
		_, err := f.redact(&records.Case{}, policy, o.audience)
		return usageErrorf("--as: %v", err)
	}
	redactor, err := f.redactor(policy, o.audience)
	if err != nil {
		return err
	}
	changes, err := f.changesSince(o.since) // nil without --since
	if err != nil {
		return err
	}
	// Streamed: the summaries (from the index) choose and order the cases, then each case is
	// read, written and dropped, so memory holds one full case at a time.
	// the cases chosen below, and with --since those with aliases: a renumbered case is found
	// from its aliases (findRenumbered)
	keep := o.filter.matchIndexed
	if changes != nil {
		keep = func(c *records.Case) bool {
			return len(c.Aliases) > 0 || (o.filter.matchIndexed(c) && changes.includes(c.ID))
		}
	}
	summaries, err := f.loadSummariesKept(store, keep)
	if err != nil {
		return err
	}
	changes.findRenumbered(summaries)
	location := o.filter.location
	o.filter.location = "" // the index may not hold locations: matched on the full case below
	var chosen []string
	sortCases(summaries)
	for _, c := range summaries {
		if o.filter.match(c) && changes.includes(c.ID) {
			chosen = append(chosen, c.ID)
		}
	}
	summaries = nil
	o.filter.location = location
	prog := newProgress(f, "cases exported")
	defer prog.done()
	out, err := f.exportTarget(o)
	if err != nil {
		return err
	}
	defer out.discard()
	w := bufio.NewWriter(out)
	var write func(c *records.Case) error
	var finish func() error
	if o.output == "parquet" {
		if write, finish, err = f.parquetSink(o, store.Profile, w, changes); err != nil {
			return err
		}
	} else if o.output == "csv" {
		cols := codec.CSVColumnsFor(store.Profile)
		if err := writeCSVRecord(w, codec.CSVHeader(cols)); err != nil {
			return err
		}
		write = func(c *records.Case) error {
			row, err := codec.CSVRow(c, cols)
			if err != nil {
				return err
			}
			for j, cell := range row {
				row[j] = render.EscapeCell(cell)
			}
			return writeCSVRecord(w, row)
		}
	} else {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(c *records.Case) error { return enc.Encode(c) }
		finish = func() error { return changes.writeJSONTombstones(enc) }
	}
	// Read a batch in parallel, write it in order, drop it: memory holds one batch.
	const batch = 256
	for start := 0; start < len(chosen); start += batch {
		ids := chosen[start:min(start+batch, len(chosen))]
		recs := make([]*records.Record, len(ids))
		errs := make([]error, len(ids))
		recstore.Parallel(len(ids), func(i int) { recs[i], errs[i] = store.LoadReadOnly(ids[i]) })
		if err := changes.noteDisposals(f, recs, o.filter.match); err != nil {
			return err
		}
		for i, rec := range recs {
			if errs[i] != nil {
				f.Warn("skipped %v", errs[i])
				continue
			}
			if !o.filter.match(&rec.Case) {
				continue
			}
			if err := write(redactor.Redact(&rec.Case)); err != nil {
				return err
			}
			prog.update(start+i+1, len(chosen))
		}
	}
	if finish != nil {
		if err := finish(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.commit()
}

// csvColumns are the fields a migrated spreadsheet may hold, named by their columns (a file
// without dossier's export header, see records.CSVColumns).
var csvColumns = []string{
	"id", "legacy_ids", "type", "status", "language", "received", "channel",
	"complainant.name", "complainant.organization", "complainant.email", "complainant.phone", "complainant.address",
	"representative.name", "representative.organization", "representative.phone", "representative.address",
	"respondent.service", "respondent.officers", "incident.date", "incident.area", "incident.location", "summary",
	"categories", "flags", "screening.decision", "screening.decided", "screening.grounds", "routing",
	"review.requested", "review.decided", "review.outcome",
	"disposition.outcome", "disposition.closed", "disposition.reason",
}

// listSep separates list items in a migrated spreadsheet's cell (importMap.ListSeparator).
const listSep = ";"

// writeCSVRecord writes one CSV record ended by CRLF (RFC 4180) while a line break inside a
// cell stays the LF it is (encoding/csv's UseCRLF would turn it into CRLF, which readers other
// than Go's keep: the value would not come back as it was).
func writeCSVRecord(w *bufio.Writer, row []string) error {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	if err := cw.Write(row); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	line := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	if _, err := w.Write(line); err != nil {
		return err
	}
	_, err := w.WriteString("\r\n")
	return err
}
