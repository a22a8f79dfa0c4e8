package cli

import (
	"slices"
	"strings"
	"text/template"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

type listOptions struct {
	filter   caseFilter
	output   string
	given    bool // -o was typed
	template string
	lang     string
}

func newListCmd(f *Factory) *cobra.Command {
	o := &listOptions{}
	cmd := &cobra.Command{
		Use:     "list [filters] [-o FORMAT] [--template T]",
		Short:   "List cases",
		GroupID: "cases",
		Long: `List the cases that match every filter given, oldest received first.

--field NAME=VALUE filters by a declared field of the profile that statistics may group by
(group: true in dossier.yaml fields:, a public or internal field that is not text or a
list), in the form create --field takes: a codes field matches when it holds the value
among others; comma-separated values match any of them; --field given for several fields
matches all of them.

On a terminal the list is a table; piped, it is tab-separated with a header line. Its
columns are the id, the date received, the status, the profile's list columns (list: in
dossier.yaml, docs/profiles.md; by default type, service and location) and the next due
date.
-o json prints an array of objects (the record fields, snake_case keys); -o ids one id
a line, for shell loops. --template runs a Go template on each case's JSON form.

A record file that cannot be read is skipped with a warning on stderr (run
'dossier check' to see every problem).` + exitStatusHelp,
		Example: `  dossier list --status open --service ottawa-ps
  dossier list --received-from 2026-01-01 -o csv > q1.csv
  dossier list --type conduct -o ids | xargs -n1 dossier show
  dossier list --field district=montreal,quebec --status open
  dossier list --template '{{.id}} {{.complainant.name}}{{"\n"}}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.given = outputGiven(cmd)
			return runList(f, o)
		},
	}
	addFilterFlags(cmd, &o.filter)
	addFieldFilterFlag(f, cmd, &o.filter)
	cmd.Flags().StringVarP(&o.output, "output", "o", "table", "output format: "+strings.Join(listOutput.Formats, ", "))
	cmd.Flags().StringVar(&o.template, "template", "", "Go template applied to each case (fields as in -o json)")
	addLangFlag(cmd, &o.lang)
	return cmd
}

func runList(f *Factory, o *listOptions) error {
	pr, err := f.printer(listOutput, o.output, o.given)
	if err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	lb, err := f.tableLabels(o.lang, store.Profile, pr.Format) // a table is read by people: labels; tsv and csv keep codes
	if err != nil {
		return err
	}
	if err := o.filter.complete(store.Profile); err != nil {
		return err
	}
	var tmpl *template.Template
	if o.template != "" {
		if o.given && pr.Format != render.FormatTemplate { // never a format silently dropped
			return usageErrorf("--template prints its own text for each case: it does not go with -o %s (leave -o out)", o.output)
		}
		if tmpl, err = render.Template(o.template); err != nil {
			return usageErrorf("%v", err)
		}
		pr.Format = render.FormatTemplate
	}
	columns := listColumns(store.Profile, lb)
	today, err := f.Today()
	if err != nil {
		return err
	}
	showLocation := tmpl == nil && slices.Contains([]string{"table", "tsv", "csv"}, o.output) && slices.Contains(store.Profile.ListColumns(), records.ColLocation)
	// a cold run keeps the locations it parses: the table needs no second read of each file
	store.KeepLocations = showLocation || o.filter.location != ""
	cases, err := f.loadSummariesKept(store, o.filter.matchIndexed)
	if err != nil {
		return err
	}
	matched := f.matchCases(store, cases, o.filter, showLocation)
	sortCases(matched)
	if pr.Format == render.FormatTemplate || pr.Format == render.FormatJSON || pr.Format == render.FormatYAML {
		// These print whole records: read the matching files (the index holds summaries).
		if matched, err = loadFull(store, matched); err != nil {
			return err
		}
	}
	t := render.Table{Header: []string{"ID", "RECEIVED", "STATUS"}}
	for _, col := range columns {
		t.Header = append(t.Header, col.header)
	}
	t.Header = lb.headers(append(t.Header, "DUE"))
	items := make([]any, len(matched))
	for i, c := range matched {
		row := []string{c.ID, c.Received.String(), lb.of("status", c.Status)}
		for _, col := range columns {
			row = append(row, col.cell(c))
		}
		t.Rows = append(t.Rows, append(row, nextDue(c, store.Profile, today)))
		items[i] = c
	}
	if matched == nil {
		matched = []*records.Case{}
	}
	return pr.Print(render.Output{Table: t, Object: matched, Items: items, Template: tmpl,
		YAML: func() ([]byte, error) { return codec.EncodeList(matched) }})
}

// nextDue is the earliest date something is owed on the case (a referral report, an update,
// a document, a review decision, a deadline of the profile's clocks), or "": what due lists
// of the case, on today.
func nextDue(c *records.Case, p *records.Profile, today records.Date) string {
	items := records.DueItemsOn(c, p, today)
	if len(items) == 0 {
		return ""
	}
	return items[0].Due.String()
}

// loadCases reads every record in full, warning once per file that cannot be read, sorted
// by date received then id.
func (f *Factory) loadCases(store *recstore.Store) ([]*records.Case, error) {
	loaded, _, err := store.LoadAll()
	if err != nil {
		return nil, err
	}
	cases := make([]*records.Case, 0, len(loaded))
	for _, l := range loaded {
		if l.Err != nil {
			f.Warn("skipped %v", l.Err)
			continue
		}
		cases = append(cases, &l.Record.Case)
	}
	sortCases(cases)
	return cases, nil
}

// loadSummaries is loadCases for commands that need no personal fields or free text (list,
// due, stats, reports): it reads the local index and parses only files changed since the
// last run (records.Summarize says what a summary holds). --no-cache parses every file.
// The cases come in path order (year, then id): list sorts them for people.
func (f *Factory) loadSummaries(store *recstore.Store) ([]*records.Case, error) {
	return f.loadSummariesKept(store, nil)
}

// loadSummariesKept is loadSummaries without the cases keep refuses (nil keeps all), which
// are never held (Store.SummariesKept): keep is a pure predicate, called on all cores.
func (f *Factory) loadSummariesKept(store *recstore.Store, keep func(*records.Case) bool) ([]*records.Case, error) {
	var cases []*records.Case
	var problems []error
	var err error
	if keep == nil {
		cases, problems, err = store.Summaries(f.UseCache())
	} else {
		cases, problems, err = store.SummariesKept(f.UseCache(), keep)
	}
	if err != nil {
		return nil, err
	}
	f.readDone(store, problems)
	return cases, nil
}

// readDone tells how the summaries were read (--debug) and warns of each file skipped.
func (f *Factory) readDone(store *recstore.Store, problems []error) {
	if f.Debug() {
		debugIndex(f, store.LastRead)
	}
	for _, p := range problems {
		f.Warn("skipped %v", p)
	}
}

// loadFull replaces summaries by the full records they summarise.
func loadFull(store *recstore.Store, summaries []*records.Case) ([]*records.Case, error) {
	out := make([]*records.Case, len(summaries))
	for i, c := range summaries {
		rec, err := store.LoadReadOnly(c.ID)
		if err != nil {
			return nil, err
		}
		out[i] = &rec.Case
	}
	return out, nil
}

// sortCases orders cases by date received, then id.
func sortCases(cases []*records.Case) {
	slices.SortFunc(cases, func(a, b *records.Case) int {
		if c := a.Received.Compare(b.Received); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}
