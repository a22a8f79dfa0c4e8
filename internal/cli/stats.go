package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

type statsOptions struct {
	filter caseFilter
	period reportOptions
	by     []string
	output string
	given  bool // -o was typed
	lang   string
}

func newStatsCmd(f *Factory) *cobra.Command {
	o := &statsOptions{}
	cmd := &cobra.Command{
		Use:     "stats [--by F[,F...]] [--period P | --from DATE --to DATE] [filters] [-o FORMAT]",
		Short:   "Counts and durations, grouped by any fields",
		GroupID: "cases",
		Long: `Count the cases that match the filters (as in list) over a period, grouped by the
fields given with --by:

  ` + strings.Join(stats.Dimensions, ", ") + `

or any declared field of the profile with group: true (a public or internal field that is
not text or a list; dossier.yaml fields:). --field NAME=VALUE keeps the cases whose
declared field holds the value, as in list.

Measures:
  received      received in the period
  screened_in   screened in during the period
  screened_out  screened out during the period
  closed        closed at the end of the period, last closed within it
  open_at_end   received and not closed at the end of the period
  median_days, p90_days
                days from received to closed of the closed ones (nearest rank)

A case with several categories, flags, grounds or codes of a declared field counts
once under each. A table shows the labels of the codes in the office's language
(--lang), in the order the profile lists them. Grouped by
year, quarter or month, each measure falls in the bucket of its own date and
open_at_end is counted at the end of each bucket. Without a period, the period runs
from the first case received to today. An empty value (no category, not closed...)
is shown as "-" in a table and in Markdown, as an empty cell in TSV and CSV and as ""
in JSON. TSV and CSV escape a cell a spreadsheet would run as a formula with a leading
apostrophe, as export does.` + exitStatusHelp,
		Example: `  dossier stats --period 2025-Q1 --by type
  dossier stats --period 2025 --by service,quarter -o csv > by-service.csv
  dossier stats --by category --type conduct --from 2024-04-01 --to 2025-03-31 -o md
  dossier stats --period 2026 --by district,type`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.given = outputGiven(cmd)
			return runStats(f, o)
		},
	}
	addFilterFlags(cmd, &o.filter)
	addFieldFilterFlag(f, cmd, &o.filter)
	fl := cmd.Flags()
	fl.StringSliceVar(&o.by, "by", nil, "group by these fields (comma-separate): "+strings.Join(stats.Dimensions, ", ")+" or a groupable declared field")
	fl.StringVar(&o.period.period, "period", "", "the period: a year (2025), a quarter (2025-Q1) or a month (2025-03)")
	fl.StringVar(&o.period.from, "from", "", "first day of an explicit period (`DATE`, with --to)")
	fl.StringVar(&o.period.to, "to", "", "last day of an explicit period (`DATE`, with --from)")
	fl.StringVarP(&o.output, "output", "o", "table", "output format: "+strings.Join(statsOutput.Formats, ", "))
	addLangFlag(cmd, &o.lang)
	return cmd
}

func runStats(f *Factory, o *statsOptions) error {
	pr, err := f.printer(statsOutput, o.output, o.given)
	if err != nil {
		return err
	}
	by := splitList(o.by)
	if err := stats.CheckDimensions(by, nil); err != nil {
		// Not one of the case's own dimensions: perhaps a groupable declared field.
		p, perr := f.Profile()
		if perr == nil {
			err = stats.CheckDimensions(by, p)
		}
		if err != nil {
			return usageErrorf("--by: %v", err)
		}
	}
	for i, d := range by {
		for _, e := range by[:i] {
			if d == e {
				return usageErrorf("--by: %s is given twice", d)
			}
		}
	}
	period, given, err := reportPeriod(&o.period, false)
	if err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	lb, err := f.tableLabels(o.lang, store.Profile, pr.Format) // a table is read by people: labels; tsv, csv, md and json keep codes
	if err != nil {
		return err
	}
	if err := o.filter.complete(store.Profile); err != nil {
		return err
	}
	if err := stats.CheckDimensions(by, store.Profile); err != nil {
		return err
	}
	g, first, err := f.statsCases(store, o.filter, by)
	if err != nil {
		return err
	}
	if !given {
		today, err := f.Today()
		if err != nil {
			return err
		}
		from := today
		if !first.IsZero() && first.Before(from) {
			from = first
		}
		if period, err = stats.Range(from, today); err != nil {
			return err
		}
	}
	rows, err := g.Rows(store.Profile, period)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []*stats.Row{}
	}
	t := render.Table{}
	for _, d := range by {
		h := strings.ToUpper(d)
		if def := store.Profile.Fields.Find(d); def != nil && lb != nil && lb.lang == "fr" {
			h = strings.ToUpper(def.Label("fr"))
		}
		t.Header = append(t.Header, h)
	}
	for _, m := range stats.Measures {
		t.Header = append(t.Header, strings.ToUpper(m))
	}
	t.Header = lb.headers(t.Header)
	if lb != nil && lb.lang == "fr" {
		// a count of cases received, plural like the counts beside it (list's RECEIVED is a
		// date: REÇU)
		if i := slices.Index(stats.Measures, "received"); i >= 0 {
			t.Header[len(by)+i] = "REÇUES"
		}
	}
	for _, r := range rows {
		var cells []string
		for i, v := range r.Values {
			if _, coded := stats.DimensionFields[by[i]]; coded || store.Profile.Fields.Find(by[i]) != nil {
				v = lb.of(by[i], v)
			}
			if v == "" && (pr.Format == render.FormatTable || pr.Format == render.FormatMarkdown) {
				v = "-"
			}
			cells = append(cells, v)
		}
		for _, n := range r.Counts() {
			cells = append(cells, fmt.Sprint(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	return pr.Print(render.Output{Table: t, TextColumns: len(by), Object: rows})
}

// statsCases reads what stats counts of each countable case that matches fl, without holding
// the cases (store.EachSummary), and the first day any of them was received. A filter by
// location reads the locations of the candidates first (matchCases): it holds them.
func (f *Factory) statsCases(store *recstore.Store, fl caseFilter, by []string) (*stats.Grouper, records.Date, error) {
	g := stats.NewGrouper(by)
	var first records.Date
	add := func(c *records.Case, facts stats.GroupCase) {
		g.Add(facts)
		if !c.Received.IsZero() && (first.IsZero() || c.Received.Before(first)) {
			first = c.Received
		}
	}
	if fl.location != "" { // the candidates, and the cases warned of
		cases, err := f.loadSummariesKept(store, func(c *records.Case) bool { return fl.matchIndexed(c) || uncountable(c) != "" })
		if err != nil {
			return nil, first, err
		}
		for _, c := range f.matchCases(store, f.countable(cases), fl, false) {
			add(c, g.Facts(c))
		}
		return g, first, nil
	}
	type prepared struct {
		warning string
		facts   stats.GroupCase
		matched bool
	}
	var warnings []string
	problems, err := recstore.EachSummary(store, f.UseCache(), recstore.Visitor[prepared]{
		Prepare: func(c *records.Case) prepared {
			if w := uncountable(c); w != "" {
				return prepared{warning: w}
			}
			if !fl.match(c) {
				return prepared{}
			}
			return prepared{facts: g.Facts(c), matched: true}
		},
		Consume: func(c *records.Case, p prepared) {
			if p.warning != "" {
				warnings = append(warnings, p.warning)
			}
			if p.matched {
				add(c, p.facts)
			}
		},
		Restart: func() { g.Reset(); warnings, first = nil, records.Date{} },
	})
	if err != nil {
		return nil, first, err
	}
	f.readDone(store, problems)
	for _, w := range warnings {
		f.Warn("%s", w)
	}
	return g, first, nil
}
