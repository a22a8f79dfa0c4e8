package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

var listFormats = []string{"table", "tsv", "csv", "json", "yaml", "ids"}

type listOptions struct {
	filter   caseFilter
	output   string
	template string
}

func newListCmd(f *Factory) *cobra.Command {
	o := &listOptions{}
	cmd := &cobra.Command{
		Use:     "list [filters] [-o FORMAT] [--template T]",
		Short:   "List cases",
		GroupID: "cases",
		Long: `List the cases that match every filter given, oldest received first.

On a terminal the list is a table; piped, it is tab-separated with a header line.
-o json prints an array of objects (the record fields, snake_case keys); -o ids one id
a line, for shell loops. --template runs a Go template on each case's JSON form.

A record file that cannot be read is skipped with a warning on stderr (run
'dossier check' to see every problem).` + exitStatusHelp,
		Example: `  dossier list --status open --service ottawa-ps
  dossier list --received-from 2026-01-01 -o csv > q1.csv
  dossier list --type conduct -o ids | xargs -n1 dossier show
  dossier list --template '{{.id}} {{.complainant.name}}{{"\n"}}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("output") && o.template == "" && !f.OutTerminal {
				o.output = "tsv"
			}
			return runList(f, o)
		},
	}
	addFilterFlags(cmd, &o.filter)
	cmd.Flags().StringVarP(&o.output, "output", "o", "table", "output format: "+strings.Join(listFormats, ", "))
	cmd.Flags().StringVar(&o.template, "template", "", "Go template applied to each case (fields as in -o json)")
	return cmd
}

func runList(f *Factory, o *listOptions) error {
	if err := render.CheckFormat(o.output, listFormats); err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	if err := o.filter.complete(store.Profile); err != nil {
		return err
	}
	var tmpl *template.Template
	if o.template != "" {
		if tmpl, err = render.Template(o.template); err != nil {
			return usageErrorf("%v", err)
		}
	}
	cases, err := f.loadSummaries(store)
	if err != nil {
		return err
	}
	matched := f.matchCases(store, cases, o.filter, tmpl == nil && slices.Contains([]string{"table", "tsv", "csv"}, o.output))
	sortCases(matched)
	if tmpl != nil || o.output == "json" || o.output == "yaml" {
		// These print whole records: read the matching files (the index holds summaries).
		if matched, err = loadFull(store, matched); err != nil {
			return err
		}
	}
	if tmpl != nil {
		for _, c := range matched {
			if err := render.ExecTemplate(f.Out, tmpl, c); err != nil {
				return err
			}
		}
		return nil
	}
	switch o.output {
	case "json":
		if matched == nil {
			matched = []*records.Case{}
		}
		return render.WriteJSON(f.Out, matched)
	case "yaml":
		data, err := records.EncodeList(matched)
		if err != nil {
			return err
		}
		_, err = f.Out.Write(data)
		return err
	case "ids":
		for _, c := range matched {
			if _, err := fmt.Fprintln(f.Out, c.ID); err != nil {
				return err
			}
		}
		return nil
	}
	t := render.Table{Header: []string{"ID", "RECEIVED", "STATUS", "TYPE", "SERVICE", "LOCATION", "DUE"}}
	for _, c := range matched {
		t.Rows = append(t.Rows, []string{c.ID, c.Received.String(), c.Status, c.Type, c.Service(), c.Location(), nextDue(c)})
	}
	switch o.output {
	case "csv":
		return render.WriteCSV(f.Out, t)
	case "tsv":
		return render.WriteTSV(f.Out, t)
	}
	return render.WriteTable(f.Out, t, true)
}

// nextDue is the earliest date something is owed on the case (a referral report, an update,
// a document, a review decision), or "".
func nextDue(c *records.Case) string {
	items := records.DueItems(c, nil)
	if len(items) == 0 {
		return ""
	}
	return items[0].Due.String()
}

// loadCases reads every record in full, warning once per file that cannot be read, sorted
// by date received then id.
func (f *Factory) loadCases(store *records.Store) ([]*records.Case, error) {
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
func (f *Factory) loadSummaries(store *records.Store) ([]*records.Case, error) {
	cases, problems, err := store.Summaries(f.UseCache())
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		f.Warn("skipped %v", p)
	}
	return cases, nil
}

// loadFull replaces summaries by the full records they summarise.
func loadFull(store *records.Store, summaries []*records.Case) ([]*records.Case, error) {
	out := make([]*records.Case, len(summaries))
	for i, c := range summaries {
		rec, err := store.Load(c.ID)
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
