package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
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
included). Without --map the header names the fields (complainant.name, respondent.service,
...). With --map MAP.yaml the file says which column holds which field and how values
translate to codes:

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
	var probs []string
	if format == "csv" {
		m, err := loadImportMap(o.mapFile)
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
func parseJSONLImport(data []byte, p *records.Profile) (cases []*records.Case, lines []int, probs []string) {
	rows := bytes.Split(data, []byte("\n"))
	if n := len(rows); n > 0 && len(bytes.TrimSpace(rows[n-1])) == 0 {
		rows = rows[:n-1]
	}
	cases = make([]*records.Case, len(rows))
	lines = make([]int, len(rows))
	for i, line := range rows {
		lines[i] = i + 1
		where := fmt.Sprintf("%d", i+1)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		c, lineProbs := caseFromJSON(line, p)
		for _, pr := range lineProbs {
			probs = append(probs, where+": "+pr)
		}
		cases[i] = c
	}
	return cases, lines, probs
}

// caseFromJSON reads one case (a JSON Lines line, or a row of dossier's CSV export turned into
// JSON) under the text rules, and checks it as a record file would be.
func caseFromJSON(line []byte, p *records.Profile) (*records.Case, []string) {
	var probs []string
	{
		if _, col, terr := records.CheckUTF8(line); terr != nil {
			return nil, []string{fmt.Sprintf("column %d: %v", col, terr)}
		}
		var c records.Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, []string{jsonError(err)}
		}
		if dec.More() {
			return nil, []string{"more than one JSON value on the line: one case a line"}
		}
		if !records.ValidID(c.ID) {
			return nil, []string{"id: not a case id (YYYY-XXXXX or YYYY-NNNN)"}
		}
		for _, pr := range records.TextProblems(&c) {
			probs = append(probs, fmt.Sprintf("%s: %s", pr.Field, pr.Msg))
		}
		if len(probs) > 0 {
			return nil, probs
		}
		// Through the record codec, so the case is exactly what a record file would hold.
		yml, err := records.Encode(&c)
		if err != nil {
			return nil, []string{err.Error()}
		}
		rec, err := records.Parse(records.RecordPath(c.ID), yml)
		if err != nil {
			return nil, []string{err.Error()}
		}
		for _, pr := range records.Validate(rec, p) {
			if !pr.IsWarning() {
				probs = append(probs, fmt.Sprintf("%s: %s", pr.Field, pr.Msg))
			}
		}
		if len(probs) > 0 {
			return nil, probs
		}
		return &rec.Case, nil
	}
}

// leadingNumber is the line number a problem starts with.
func leadingNumber(s string) int {
	n, _ := strconv.Atoi(s[:strings.IndexFunc(s+":", func(r rune) bool { return r < '0' || r > '9' })])
	return n
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
		if !slices.Contains(importFields, field) {
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
func parseCSVImport(data []byte, m *importMap, p *records.Profile, act records.Act) (cases []*records.Case, lines []int, probs []string) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	header, err := r.Read()
	if err != nil {
		return nil, nil, []string{fmt.Sprintf("1: header: %v", err)}
	}
	seenHeader := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if prev, ok := seenHeader[h]; ok {
			probs = append(probs, fmt.Sprintf("1: columns %d and %d have the same header: name each column once", prev+1, i+1))
		}
		seenHeader[h] = i
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	if _, ok := seenHeader[records.CSVHistoryColumn]; ok {
		return parseCSVExport(r, header, p)
	}
	fields := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case m.Columns[h] != "":
			fields[i] = m.Columns[h]
		case len(m.Columns) == 0 && slices.Contains(importFields, h):
			fields[i] = h
		case len(m.Columns) == 0:
			// The cell is quoted only when it is close to a field name: in a file without a
			// header line it is a value, perhaps someone's name.
			cell := "(not shown)"
			if hint := records.Suggest(h, importFields); hint != "" {
				cell = fmt.Sprintf("%q%s", h, hint)
			}
			probs = append(probs, fmt.Sprintf("1: column %d %s: not a field; name the fields in the header (%s) or map the columns with --map", i+1, cell, strings.Join(importFields, ", ")))
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
				probs = append(probs, fmt.Sprintf("%d: %v", pe.Line, pe.Err))
			} else {
				probs = append(probs, err.Error())
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
			if !keptAsWritten(fields[i]) {
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
		if c != nil {
			c.ImportKey = importKey(header, rec)
		}
		rowProbs = hideValues(rowProbs, rec)
		for _, pr := range rowProbs {
			probs = append(probs, fmt.Sprintf("%d: %s", line, pr))
		}
		if len(rowProbs) > 0 {
			c = nil
		}
		cases, lines = append(cases, c), append(lines, line)
	}
	return cases, lines, probs
}

// keptAsWritten tells the text columns of a spreadsheet, kept byte for byte (the text rules:
// spaces included); codes, dates and lists are trimmed.
func keptAsWritten(field string) bool {
	switch field {
	case "summary", "disposition.reason", "incident.location":
		return true
	}
	return strings.HasPrefix(field, "complainant.") || strings.HasPrefix(field, "representative.")
}

// fieldColumn is the column of an import that holds the field an input error names, "" when
// the field has none (the date of a step).
func fieldColumn(field string) string {
	if field == "finding" {
		return "disposition.outcome"
	}
	if slices.Contains(importFields, field) {
		return field
	}
	return ""
}

// caseFromRow builds one case from its fields, replaying its life through the verbs so that the
// history, status and dates are those the workflow would have made.
func caseFromRow(v map[string]string, sep string, p *records.Profile, act records.Act) (*records.Case, []string) {
	var probs []string
	bad := func(field, format string, args ...any) {
		probs = append(probs, field+": "+fmt.Sprintf(format, args...))
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
		bad("id", "not a case id (YYYY-XXXXX or YYYY-NNNN)")
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
		bad("screening.decision", "write in or out")
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
		bad("routing", "unknown routing: use one of %s", strings.Join(p.Routings.List(), ", "))
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

// parseCSVExport reads a file with dossier's export header (records.CSVColumns): each row is
// unescaped (render.UnescapeCell), turned into the JSON of its case and read as a JSON Lines
// line is, so the round trip is lossless.
func parseCSVExport(r *csv.Reader, header []string, p *records.Profile) (cases []*records.Case, lines []int, probs []string) {
	byName := map[string]records.CSVColumn{}
	for _, c := range records.CSVColumns() {
		byName[c.Name] = c
	}
	cols := make([]records.CSVColumn, len(header))
	for i, h := range header {
		c, ok := byName[h]
		if !ok {
			probs = append(probs, fmt.Sprintf("1: column %d: not a column of dossier's export (the file has a history column): remove it, or export again", i+1))
		}
		cols[i] = c
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
				probs = append(probs, fmt.Sprintf("%d: %v", pe.Line, pe.Err))
			} else {
				probs = append(probs, err.Error())
			}
			cases, lines = append(cases, nil), append(lines, 0)
			if pe == nil || !errors.Is(pe.Err, csv.ErrFieldCount) {
				break
			}
			continue
		}
		line, _ := r.FieldPos(0)
		for i := range rec {
			rec[i] = render.UnescapeCell(rec[i])
		}
		data, rowProbs := records.CSVToJSON(cols, rec)
		var c *records.Case
		if rowProbs == nil {
			c, rowProbs = caseFromJSON(data, p)
		}
		for _, pr := range rowProbs {
			probs = append(probs, fmt.Sprintf("%d: %s", line, pr))
		}
		cases, lines = append(cases, c), append(lines, line)
	}
	return cases, lines, probs
}

// importKey identifies a spreadsheet row by its content: the sha256 of its header and cells,
// so the same row imported again (from the same file or a copy under another name) is found.
func importKey(header, row []string) string {
	h := sha256.New()
	for i, cell := range row {
		name := ""
		if i < len(header) {
			name = strings.TrimSpace(header[i])
		}
		fmt.Fprintf(h, "%d:%s=%d:%s\n", len(name), name, len(cell), cell)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// hideValues takes the row's values out of problem messages: an error about data read from a
// file never quotes it (a name in a code column is personal information).
func hideValues(probs []string, row []string) []string {
	for i, pr := range probs {
		for _, v := range row {
			if v = strings.TrimSpace(v); v != "" {
				pr = strings.ReplaceAll(pr, strconv.Quote(v), "(value not shown)")
				if dateLike.MatchString(v) {
					pr = strings.ReplaceAll(pr, v, "the date")
				}
			}
		}
		probs[i] = pr
	}
	return probs
}

var dateLike = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`)

// importDuplicates refuses spreadsheet rows already imported (a case holds their import key)
// or present twice in the file.
func (f *Factory) importDuplicates(store *records.Store, cases []*records.Case, lines []int) ([]string, error) {
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
func legacyProblems(store *records.Store, cases []*records.Case, lines []int) []string {
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
