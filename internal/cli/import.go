package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

type importOptions struct {
	format, mapFile string
	dryRun          bool
	allowDuplicates bool
}

func newImportCmd(f *Factory) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:     "import FILE|- [--format jsonl|csv] [--map MAP.yaml] [--dry-run]",
		Short:   "Import cases from JSON Lines or a spreadsheet (CSV)",
		GroupID: "repo",
		Long: `Read cases and add them to the repository. Every row is checked first; when any is
bad, each problem is reported with its line (JSON Lines) or row (CSV) and field, and
nothing is written. A case whose id the repository holds already is refused: an import
never replaces a case.

--format jsonl (the default, or a .jsonl/.json file) reads what 'dossier export' writes:
one case a line, kept as it is (ids, history, everything).

--format csv (the default for a .csv file) reads two kinds of file. A file whose header
has a history column is dossier's own export ('dossier export -o csv'): it is read back
losslessly, like JSON Lines (lists are JSON in their cells, and the one apostrophe export
puts before a cell starting with = + - @ ' a tab or a carriage return is removed).

Any other CSV file is a spreadsheet to migrate, kept as written (leading apostrophes
included). Without --map the header names the fields (complainant.name,
respondent.service, ...). With --map MAP.yaml the file says which column holds which field
and how values translate to codes:

  columns:                 # column header: field
    Case no.: id
    Date received: received
    Kind: type
    Force: respondent.service
  values:                  # field: {value in the sheet: code}
    type: {Misconduct: conduct, Service complaint: service}
    respondent.service: {Toronto PS: toronto-ps}
  defaults:                # field: value when the column is absent or empty
    language: en
  list_separator: ";"      # between the items of categories, flags, grounds, officers

A row without an id gets a new one. Each row becomes a case through the workflow, dated
by its own dates: received, classified (type, categories, flags), screened
(screening.decision, .decided, .grounds), routed (routing, referral.to), closed
(disposition.outcome, .closed); its status follows, and a status column must agree.
The intake rules of create apply (no received date in the future, codes from
dossier.yaml). Each case records its row's import key (import_key: a sha256 of the
row's cells): a row imported already, or twice in the file, is refused unless
--allow-duplicates. Two columns with the same header are refused. Errors name the
file, row and column, never the value.` + exitStatusHelp,
		Example: `  dossier export | dossier -C ../new-repo import -
  dossier import legacy.csv --map legacy-map.yaml --dry-run
  dossier import legacy.csv --map legacy-map.yaml --commit`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(f, o, args[0]) },
	}
	cmd.Flags().StringVar(&o.format, "format", "", "jsonl or csv (default: from the file's extension, else jsonl)")
	cmd.Flags().StringVar(&o.mapFile, "map", "", "CSV only: the mapping `FILE` (columns, values, defaults)")
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "check every row and say what would be imported; write nothing")
	cmd.Flags().BoolVar(&o.allowDuplicates, "allow-duplicates", false, "import spreadsheet rows even when a case was imported from the same cells already")
	return cmd
}

// importProblems is an import refused for bad rows (already printed): exit 1, nothing written.

type importProblems struct {
	n    int
	name string
}

func (e *importProblems) Error() string {
	return fmt.Sprintf("%s: %s, nothing imported", e.name, plural(e.n, "problem", "problems"))
}

func runImport(f *Factory, o *importOptions, file string) error {
	format := o.format
	if format == "" {
		format = "jsonl"
		if strings.EqualFold(filepath.Ext(file), ".csv") {
			format = "csv"
		}
	}
	if format != "jsonl" && format != "csv" {
		return usageErrorf("--format: unknown format %q: use jsonl or csv", format)
	}
	if o.mapFile != "" && format != "csv" {
		return usageErrorf("--map: a mapping applies to --format csv only")
	}
	var data []byte
	var err error
	name := file
	if file == "-" {
		name = "(stdin)"
		data, err = io.ReadAll(f.In)
	} else {
		data, err = f.readFile(file)
	}
	if err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	now, err := f.Now()
	if err != nil {
		return err
	}
	var cases []*records.Case
	var lines []int
	var probs []string
	if format == "csv" {
		m, err := loadImportMap(f, o.mapFile)
		if err != nil {
			return err
		}
		cases, lines, probs = parseCSVImport(data, m, store.Profile, records.Act{Actor: f.Actor(), Now: now})
	} else {
		cases, lines, probs = parseJSONLImport(data, store.Profile)
	}
	today := records.DateOf(now)
	for i, c := range cases {
		if c != nil && c.Received.After(today) {
			probs = append(probs, fmt.Sprintf("%d: received: in the future (today is %s): give the date the complaint was received", lines[i], today))
		}
	}
	if !o.allowDuplicates {
		dups, err := f.importDuplicates(store, cases, lines)
		if err != nil {
			return err
		}
		probs = append(probs, dups...)
	}
	seen := map[string]string{}
	for i, c := range cases {
		if c == nil || c.ID == "" {
			continue
		}
		where := fmt.Sprint(lines[i])
		if prev, ok := seen[c.ID]; ok {
			probs = append(probs, fmt.Sprintf("%s: id: %s is also on line %s", where, c.ID, prev))
		}
		seen[c.ID] = where
		if store.Exists(c.ID) {
			probs = append(probs, fmt.Sprintf("%s: id: case %s exists already (%s): an import never replaces a case", where, c.ID, records.RecordPath(c.ID)))
		}
	}
	probs = append(probs, legacyProblems(store, cases, lines)...)
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b string) int { return leadingNumber(a) - leadingNumber(b) })
		for _, p := range probs {
			fmt.Fprintf(f.Err, "%s:%s\n", name, p)
		}
		return &importProblems{n: len(probs), name: name}
	}
	var valid []*records.Case
	for _, c := range cases {
		if c != nil {
			valid = append(valid, c)
		}
	}
	if o.dryRun {
		f.Talk("%s: %s valid; nothing written (--dry-run)", name, plural(len(valid), "case", "cases"))
		return nil
	}
	prog := newProgress(f, "cases imported")
	for i, c := range valid {
		if c.ID == "" {
			if _, err := store.Create(c); err != nil {
				return fmt.Errorf("%s: %v (%d of %d cases imported before it)", name, err, i, len(valid))
			}
		} else if err := store.Insert(c); err != nil {
			return fmt.Errorf("%s: %s: %v (%d of %d cases imported before it)", name, c.ID, err, i, len(valid))
		}
		prog.update(i+1, len(valid))
	}
	prog.done()
	f.Talk("imported %s from %s", plural(len(valid), "case", "cases"), name)
	return nil
}

// parseJSONLImport reads one case a line, strictly, and checks each as a record file would be.
// cases[i] is the case of line lines[i] (nil for a bad or blank line).

func (f *Factory) importDuplicates(store *recstore.Store, cases []*records.Case, lines []int) ([]string, error) {
	first := map[string]int{}
	var probs []string
	need := false
	for i, c := range cases {
		if c == nil || c.ImportKey == "" {
			continue
		}
		need = true
		if prev, ok := first[c.ImportKey]; ok {
			probs = append(probs, fmt.Sprintf("%d: the same cells as row %d: a duplicate row (--allow-duplicates imports both)", lines[i], prev))
			continue
		}
		first[c.ImportKey] = lines[i]
	}
	if !need {
		return probs, nil
	}
	existing, err := f.loadCases(store)
	if err != nil {
		return nil, err
	}
	for _, e := range existing {
		if e.ImportKey == "" {
			continue
		}
		if line, ok := first[e.ImportKey]; ok {
			probs = append(probs, fmt.Sprintf("%d: imported already as %s (import_key): --allow-duplicates imports it again", line, e.ID))
		}
	}
	return probs, nil
}

// legacyProblems refuses a legacy file number that two rows, or a row and a case of the
// repository, claim: a legacy number finds one case.

func legacyProblems(store *recstore.Store, cases []*records.Case, lines []int) []string {
	var probs []string
	var owners map[string][]string
	seen := map[string]int{}
	for i, c := range cases {
		if c == nil {
			continue
		}
		for j, l := range c.LegacyIDs {
			k := strings.ToLower(l)
			if prev, ok := seen[k]; ok && prev != lines[i] {
				probs = append(probs, fmt.Sprintf("%d: legacy_ids[%d]: %q is also on line %d: a legacy file number names one case", lines[i], j, l, prev))
				continue
			}
			seen[k] = lines[i]
			if owners == nil {
				var err error
				if owners, err = store.LegacyOwners(); err != nil {
					return append(probs, err.Error())
				}
			}
			if ids := owners[k]; len(ids) > 0 {
				probs = append(probs, fmt.Sprintf("%d: legacy_ids[%d]: %q is the legacy file number of %s already: a legacy file number names one case", lines[i], j, l, strings.Join(ids, ", ")))
			}
		}
	}
	return probs
}
