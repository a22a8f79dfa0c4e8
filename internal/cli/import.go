package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

type importOptions struct {
	format, mapFile string
	dryRun          bool
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

--format csv (the default for a .csv file) migrates a spreadsheet. Without --map the
header names the fields as 'dossier export -o csv' writes them. With --map MAP.yaml the
file says which column holds which field and how values translate to codes:

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
A cell starting with an apostrophe before = + - @ (a neutralised formula, as export
writes it) loses the apostrophe.` + exitStatusHelp,
		Example: `  dossier export | dossier -C ../new-repo import -
  dossier import legacy.csv --map legacy-map.yaml --dry-run
  dossier import legacy.csv --map legacy-map.yaml --commit`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(f, o, args[0]) },
	}
	cmd.Flags().StringVar(&o.format, "format", "", "jsonl or csv (default: from the file's extension, else jsonl)")
	cmd.Flags().StringVar(&o.mapFile, "map", "", "CSV only: the mapping `FILE` (columns, values, defaults)")
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "check every row and say what would be imported; write nothing")
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
		data, err = os.ReadFile(file)
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
	var probs []records.Problem
	if format == "csv" {
		m, err := loadImportMap(o.mapFile)
		if err != nil {
			return err
		}
		cases, lines, probs = parseCSVImport(data, m, store.Profile, records.Act{Actor: f.Actor(), Now: now})
	} else {
		cases, lines, probs = parseJSONLImport(data, store.Profile)
	}
	seen := map[string]int{}
	for i, c := range cases {
		if c == nil || c.ID == "" {
			continue
		}
		if prev, ok := seen[c.ID]; ok {
			probs = append(probs, records.Problem{Line: lines[i], Field: "id", Msg: fmt.Sprintf("%s is also on line %d", c.ID, prev)})
		}
		seen[c.ID] = lines[i]
		if store.Exists(c.ID) {
			probs = append(probs, records.Problem{Line: lines[i], Field: "id", Msg: fmt.Sprintf("case %s exists already (%s): an import never replaces a case", c.ID, records.RecordPath(c.ID))})
		}
	}
	probs = append(probs, legacyProblems(store, cases, lines)...)
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b records.Problem) int { return a.Line - b.Line })
		for _, p := range probs {
			p.File = name
			fmt.Fprintln(f.Err, p.Error())
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
func parseJSONLImport(data []byte, p *records.Profile) (cases []*records.Case, lines []int, probs []records.Problem) {
	rows := bytes.Split(data, []byte("\n"))
	if n := len(rows); n > 0 && len(bytes.TrimSpace(rows[n-1])) == 0 {
		rows = rows[:n-1]
	}
	cases = make([]*records.Case, len(rows))
	lines = make([]int, len(rows))
	for i, line := range rows {
		lines[i] = i + 1
		at := func(field, format string, args ...any) {
			probs = append(probs, records.Problem{Line: i + 1, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var c records.Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			at("", "%s", jsonError(err))
			continue
		}
		if dec.More() {
			at("", "more than one JSON value on the line: one case a line")
			continue
		}
		if !records.ValidID(c.ID) {
			at("id", "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", c.ID)
			continue
		}
		// Through the record codec, so the case is exactly what a record file would hold.
		yml, err := records.Encode(&c)
		if err != nil {
			at("", "%v", err)
			continue
		}
		rec, err := records.Parse(records.RecordPath(c.ID), yml)
		if err != nil {
			at("", "%v", err)
			continue
		}
		bad := false
		for _, pr := range records.Validate(rec, p) {
			if !pr.IsWarning() {
				at(pr.Field, "%s", pr.Msg)
				bad = true
			}
		}
		if !bad {
			cases[i] = &rec.Case
		}
	}
	return cases, lines, probs
}

func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("not valid JSON (column %d): write one JSON object a line", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s: %s is not a %s", te.Field, te.Value, te.Type)
	}
	return "JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}

// importMap is the --map file of a CSV migration.
type importMap struct {
	Columns       map[string]string            `yaml:"columns"`
	Values        map[string]map[string]string `yaml:"values"`
	Defaults      map[string]string            `yaml:"defaults"`
	ListSeparator string                       `yaml:"list_separator"`
}

// importFields are the fields a CSV column may hold.
var importFields = append(append([]string{}, csvColumns...), "referral.to")

func loadImportMap(file string) (*importMap, error) {
	m := &importMap{ListSeparator: listSep}
	if file == "" {
		return m, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--map: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil && !errors.Is(err, io.EOF) {
		return nil, usageErrorf("--map %s: %v (keys: columns, values, defaults, list_separator)", file, err)
	}
	check := func(where, field string) error {
		if !contains(importFields, field) {
			return usageErrorf("--map %s: %s: unknown field %q%s; fields are %s", file, where, field, records.Suggest(field, importFields), strings.Join(importFields, ", "))
		}
		return nil
	}
	for col, field := range m.Columns {
		if err := check("columns."+col, field); err != nil {
			return nil, err
		}
	}
	for field := range m.Values {
		if err := check("values", field); err != nil {
			return nil, err
		}
	}
	for field := range m.Defaults {
		if err := check("defaults", field); err != nil {
			return nil, err
		}
	}
	if m.ListSeparator == "" {
		m.ListSeparator = listSep
	}
	return m, nil
}

// parseCSVImport turns each row into a case built through the workflow verbs. cases[i] is the
// case of the row starting on line lines[i] (nil when the row is bad).
func parseCSVImport(data []byte, m *importMap, p *records.Profile, act records.Act) (cases []*records.Case, lines []int, probs []records.Problem) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	header, err := r.Read()
	if err != nil {
		return nil, nil, []records.Problem{{Line: 1, Field: "header", Msg: err.Error()}}
	}
	fields := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case m.Columns[h] != "":
			fields[i] = m.Columns[h]
		case len(m.Columns) == 0 && contains(importFields, h):
			fields[i] = h
		case len(m.Columns) == 0:
			// The cell is quoted only when it is close to a field name: in a file without a
			// header line it is a value, perhaps someone's name.
			cell := "(not shown)"
			if hint := records.Suggest(h, importFields); hint != "" {
				cell = fmt.Sprintf("%q%s", h, hint)
			}
			probs = append(probs, records.Problem{Line: 1, Field: fmt.Sprintf("column %d %s", i+1, cell), Msg: fmt.Sprintf("not a field; name the fields in the header (%s) or map the columns with --map", strings.Join(importFields, ", "))})
		}
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				probs = append(probs, records.Problem{Line: pe.Line, Msg: pe.Err.Error()})
			} else {
				probs = append(probs, records.Problem{Msg: err.Error()})
			}
			cases, lines = append(cases, nil), append(lines, 0)
			if pe == nil || !errors.Is(pe.Err, csv.ErrFieldCount) {
				break
			}
			continue
		}
		line, _ := r.FieldPos(0)
		vals := map[string]string{}
		for i, v := range rec {
			if fields[i] == "" {
				continue
			}
			v = unneutralize(v)
			if !freeTextColumns[fields[i]] {
				v = strings.TrimSpace(v)
			}
			if code, ok := m.Values[fields[i]][v]; ok {
				v = code
			}
			vals[fields[i]] = v
		}
		for k, v := range m.Defaults {
			if vals[k] == "" {
				vals[k] = v
			}
		}
		c, rowProbs := caseFromRow(vals, m.ListSeparator, p, act)
		for _, pr := range rowProbs {
			pr.Line = line
			probs = append(probs, pr)
		}
		if len(rowProbs) > 0 {
			c = nil
		}
		cases, lines = append(cases, c), append(lines, line)
	}
	return cases, lines, probs
}

// freeTextColumns keep their spaces and tabs as written.
var freeTextColumns = map[string]bool{"summary": true, "disposition.reason": true, "complainant.address": true, "representative.address": true}

// fieldColumn is the column of an import that holds the field an input error names, "" when
// the field has none (the date of a step).
func fieldColumn(field string) string {
	if field == "finding" {
		return "disposition.outcome"
	}
	if contains(importFields, field) {
		return field
	}
	return ""
}

// unneutralize undoes the apostrophe export puts before a formula-like cell.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// caseFromRow builds one case from its fields, replaying its life through the verbs so that the
// history, status and dates are those the workflow would have made.
func caseFromRow(v map[string]string, sep string, p *records.Profile, act records.Act) (*records.Case, []records.Problem) {
	var probs []records.Problem
	bad := func(field, format string, args ...any) {
		probs = append(probs, records.Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	list := func(field string) []string {
		var out []string
		for _, s := range strings.Split(v[field], sep) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	date := func(field string) records.Date {
		if v[field] == "" {
			return records.Date{}
		}
		d, err := records.ParseDate(v[field])
		if err != nil {
			bad(field, "%v", err)
		}
		return d
	}
	received := date("received")
	if v["received"] == "" {
		bad("received", "missing: the date the complaint was received (YYYY-MM-DD)")
	}
	incidentDate, decided, closed := date("incident.date"), date("screening.decided"), date("disposition.closed")
	for _, f := range []string{"review.requested", "review.decided", "review.outcome"} {
		if v[f] != "" {
			bad(f, "reviews are not imported from CSV: import the case from JSON Lines (dossier export) or record the review with 'dossier review'")
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	c := &records.Case{ID: records.NormalizeID(v["id"]), Language: v["language"], Received: received, Channel: v["channel"], Summary: v["summary"]}
	if v["id"] != "" && !records.ValidID(c.ID) {
		bad("id", "%q is not a case id (YYYY-XXXXX or YYYY-NNNN)", v["id"])
	}
	party := func(prefix string) *records.Party {
		pt := &records.Party{Name: v[prefix+".name"], Organization: v[prefix+".organization"], Email: v[prefix+".email"], Phone: v[prefix+".phone"], Address: v[prefix+".address"]}
		if *pt == (records.Party{}) {
			return nil
		}
		return pt
	}
	c.Complainant, c.Representative = party("complainant"), party("representative")
	if v["respondent.service"] != "" || v["respondent.officers"] != "" {
		c.Respondent = &records.Respondent{Service: v["respondent.service"]}
		for _, o := range list("respondent.officers") {
			name, badge, _ := strings.Cut(o, "#")
			c.Respondent.Officers = append(c.Respondent.Officers, records.Officer{Name: strings.TrimSpace(name), Badge: strings.TrimSpace(badge)})
		}
	}
	c.LegacyIDs = list("legacy_ids")
	if !incidentDate.IsZero() || v["incident.location"] != "" || v["incident.area"] != "" {
		c.Incident = &records.Incident{Date: incidentDate, Area: v["incident.area"], Location: v["incident.location"]}
	}
	on := func(d records.Date) records.Act {
		a := act
		a.Date = d
		return a
	}
	// step records the error of one workflow step under the column of the field it names, or
	// under column when the field has no column of its own (the date of a step, a finding).
	step := func(column string, err error) bool {
		if err == nil {
			return true
		}
		var ie *records.InputError
		if !errors.As(err, &ie) {
			bad(column, "%v", err)
			return false
		}
		if col := fieldColumn(ie.Field); col != "" {
			column = col
		}
		bad(column, "%s", ie.Msg)
		return false
	}
	c.Type, c.Categories, c.Flags = v["type"], list("categories"), list("flags")
	ok := step("type", records.Intake(c, p, on(received)))
	stepDate := func(d records.Date, field string) records.Date {
		if d.IsZero() {
			bad(field, "missing: the date of this step")
		}
		return d
	}
	switch dec := v["screening.decision"]; {
	case !ok:
	case dec == "in":
		ok = step("screening.decision", records.ScreenIn(c, p, on(stepDate(decided, "screening.decided"))))
	case dec == "out":
		ok = step("screening.grounds", records.ScreenOut(c, p, on(stepDate(decided, "screening.decided")), list("screening.grounds")))
	case dec != "":
		bad("screening.decision", "%q: write in or out", dec)
		ok = false
	}
	switch r := v["routing"]; {
	case !ok || r == "":
	case r == "retained":
		ok = step("routing", records.Retain(c, p, on(decided)))
	case r == "referred" || r == "other-service":
		to := v["referral.to"]
		if to == "" && r == "referred" {
			to = v["respondent.service"]
		}
		if to == "" {
			bad("referral.to", "missing: the partner the complaint was referred to")
			ok = false
		} else {
			ok = step("routing", records.Refer(c, p, on(decided), to, "", records.Date{}))
		}
	default:
		bad("routing", "unknown routing %q: use one of %s", r, strings.Join(p.Routings.List(), ", "))
		ok = false
	}
	switch out := v["disposition.outcome"]; {
	case !ok || out == "" || out == records.OutcomeScreenedOut:
	case out == records.OutcomeWithdrawn && c.Screening == nil:
		ok = step("disposition.outcome", records.Withdraw(c, p, on(stepDate(closed, "disposition.closed")), v["disposition.reason"]))
	default:
		ok = step("disposition.outcome", records.Close(c, p, on(stepDate(closed, "disposition.closed")), out, v["disposition.reason"]))
	}
	if ok && v["status"] != "" && v["status"] != c.Status {
		bad("status", "says %s but the other columns make the case %s (the status follows from the dates and decisions)", v["status"], c.Status)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	id := c.ID
	if id == "" {
		c.ID = fmt.Sprintf("%04d-0001", received.Year) // a stand-in for validation; the store mints the real one
	}
	for _, pr := range records.Validate(&records.Record{Case: *c}, p) {
		if !pr.IsWarning() {
			bad(pr.Field, "%s", pr.Msg)
		}
	}
	c.ID = id
	return c, probs
}

// legacyProblems refuses a legacy file number that two rows, or a row and a case of the
// repository, claim: a legacy number finds one case.
func legacyProblems(store *records.Store, cases []*records.Case, lines []int) []records.Problem {
	var probs []records.Problem
	var owners map[string][]string
	seen := map[string]int{}
	for i, c := range cases {
		if c == nil {
			continue
		}
		for j, l := range c.LegacyIDs {
			k := strings.ToLower(l)
			if prev, ok := seen[k]; ok && prev != lines[i] {
				probs = append(probs, records.Problem{Line: lines[i], Field: fmt.Sprintf("legacy_ids[%d]", j), Msg: fmt.Sprintf("%q is also on line %d: a legacy file number names one case", l, prev)})
				continue
			}
			seen[k] = lines[i]
			if owners == nil {
				var err error
				if owners, err = store.LegacyOwners(); err != nil {
					return append(probs, records.Problem{Msg: err.Error()})
				}
			}
			if ids := owners[k]; len(ids) > 0 {
				probs = append(probs, records.Problem{Line: lines[i], Field: fmt.Sprintf("legacy_ids[%d]", j), Msg: fmt.Sprintf("%q is the legacy file number of %s already: a legacy file number names one case", l, strings.Join(ids, ", "))})
			}
		}
	}
	return probs
}
