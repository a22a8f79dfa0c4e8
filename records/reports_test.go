package records

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// reportProfile is the default profile with the fields and reports of doc (YAML with fields:
// and reports: keys), decoded the way dossier.yaml is, line numbers included.
func reportProfile(t *testing.T, doc string) *Profile {
	t.Helper()
	var raw struct {
		Fields   FieldDefs  `yaml:"fields"`
		Reports  ReportDefs `yaml:"reports"`
		Workflow Workflow   `yaml:"workflow"`
	}
	if err := yaml.Unmarshal([]byte(doc), &raw); err != nil {
		t.Fatal(err)
	}
	p := testProfile(t)
	p.Fields, p.Reports, p.Workflow = raw.Fields, raw.Reports, raw.Workflow
	return p
}

const reportFields = `fields:
  program: {kind: code, class: public, group: true, en: Program, fr: Programme, codes: [{code: pmrg}, {code: paj}]}
  theme:   {kind: codes, class: internal, group: true, codes: [{code: violence}]}
  notes:   {kind: text, class: internal}
  accused: {kind: code, class: personal, group: true, codes: [{code: x}]}
  secret:  {kind: integer, class: confidential}
  value:   {kind: money, class: internal}
  people:  {kind: integer, class: public}
  opened:  {kind: date, class: public, group: true}
  orders:  {kind: list, class: internal, group: true, fields: {number: {kind: text, class: internal}}}
`

func TestCheckReportsAcceptsAGoodReport(t *testing.T) {
	t.Parallel()
	p := reportProfile(t, reportFields+`reports:
  quarterly:
    en: Quarterly report
    fr: Rapport trimestriel
    rows: [program, theme, type, outcome, partner]
    columns: status
    filter: {type: [conduct], program: [pmrg]}
    measures: [count, sum:value, sum:people, rate:close/refer, median:received..close, median:refer..close]
    period: screen-in
`)
	if probs := p.CheckReports(); len(probs) > 0 {
		t.Errorf("problems: %v", Joined(probs))
	}
	if probs := reportProfile(t, reportFields+"reports:\n  simple: {en: Simple, fr: Simple, rows: program}\n").CheckReports(); len(probs) > 0 {
		t.Errorf("rows as one dimension, count by default: %v", Joined(probs))
	}
}

func TestCheckReportsProblems(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, report, field, msg string
	}{
		{"unknown row", "{en: A, fr: A, rows: progam}", "reports.r.rows", `unknown field "progam" (did you mean program?): group by status, type, outcome, partner, program, theme`},
		{"text row", "{en: A, fr: A, rows: notes}", "reports.r.rows", "notes cannot be grouped by (a text field may hold anything a person typed): a report groups by a code, codes or partner field declared group: true"},
		{"personal row", "{en: A, fr: A, rows: accused}", "reports.r.rows", "accused is personal: a report shows only public or internal fields (purge removes personal ones)"},
		{"list row", "{en: A, fr: A, rows: orders}", "reports.r.rows", "orders cannot be grouped by (a list field may hold anything a person typed): a report groups by a code, codes or partner field declared group: true"},
		{"date row", "{en: A, fr: A, rows: opened}", "reports.r.rows", "opened cannot be grouped by (a date field: only code, codes and partner fields are grouped): a report groups by a code, codes or partner field declared group: true"},
		{"no rows", "{en: A, fr: A}", "reports.r.rows", "no rows: name what the report counts by (status, type, outcome, partner, program, theme)"},
		{"unknown column", "{en: A, fr: A, rows: program, columns: nope}", "reports.r.columns", `unknown field "nope" (did you mean type?): group by status, type, outcome, partner, program, theme`},
		{"column is a row", "{en: A, fr: A, rows: program, columns: program}", "reports.r.columns", "program is also a row: choose another dimension for the columns, or none"},
		{"sum of text", "{en: A, fr: A, rows: program, measures: [sum:notes]}", "reports.r.measures", "sum:notes: notes is a text field: sum a money or integer field"},
		{"sum of a code", "{en: A, fr: A, rows: program, measures: [sum:program]}", "reports.r.measures", "sum:program: program is a code field: sum a money or integer field"},
		{"sum of unknown", "{en: A, fr: A, rows: program, measures: [sum:valeu]}", "reports.r.measures", `sum:valeu: unknown field "valeu" (did you mean value?): sum a money or integer field (secret, value, people)`},
		{"sum of confidential", "{en: A, fr: A, rows: program, measures: [sum:secret]}", "reports.r.measures", "sum:secret: secret is confidential: a report shows only public or internal fields (purge removes confidential ones)"},
		{"rate of unknown action", "{en: A, fr: A, rows: program, measures: [rate:complete/refer]}", "reports.r.measures", `unknown action "complete": use received or one of ` + strings.Join(DetailActions(), ", ")},
		{"median of unknown action", "{en: A, fr: A, rows: program, measures: [median:refer..finish]}", "reports.r.measures", `unknown action "finish": use received or one of ` + strings.Join(DetailActions(), ", ")},
		{"bad rate", "{en: A, fr: A, rows: program, measures: [rate:close]}", "reports.r.measures", `measure "rate:close": write rate:A/B (cases that took action A over cases that took action B)`},
		{"bad median", "{en: A, fr: A, rows: program, measures: [median:a-b]}", "reports.r.measures", `measure "median:a-b": write median:A..B (days from the first action A to the first action B after it)`},
		{"unknown measure", "{en: A, fr: A, rows: program, measures: [cont]}", "reports.r.measures", `unknown measure "cont" (did you mean count?): use count, sum:FIELD, rate:A/B or median:A..B`},
		{"twice", "{en: A, fr: A, rows: program, measures: [count, count]}", "reports.r.measures", "count is listed twice"},
		{"unknown period", "{en: A, fr: A, rows: program, period: recieved}", "reports.r.period", `unknown action "recieved" (did you mean received?): use received or one of ` + strings.Join(DetailActions(), ", ")},
		{"no English title", "{fr: A, rows: program}", "reports.r.en", "no English title: write en: TITLE"},
		{"no French title", "{en: A, rows: program}", "reports.r.fr", "no French title: write fr: TITRE"},
		{"filter code", "{en: A, fr: A, rows: program, filter: {program: [pmrx]}}", "reports.r.filter.program", `unknown program "pmrx" (did you mean pmrg?): use one of pmrg, paj`},
		{"filter field", "{en: A, fr: A, rows: program, filter: {accused: [x]}}", "reports.r.filter", "accused is personal: a report shows only public or internal fields (purge removes personal ones)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := reportProfile(t, reportFields+"reports:\n  r: "+tt.report+"\n")
			probs := p.CheckReports()
			if len(probs) != 1 {
				t.Fatalf("want one problem, got %d: %v", len(probs), Joined(probs))
			}
			pr := probs[0]
			if pr.File != "dossier.yaml" || pr.Line != 12 || pr.Field != tt.field || pr.Msg != tt.msg {
				t.Errorf("got  %s:%d: %s: %s\nwant dossier.yaml:12: %s: %s", pr.File, pr.Line, pr.Field, pr.Msg, tt.field, tt.msg)
			}
		})
	}
}

func TestCheckReportsRefusesABuiltInName(t *testing.T) {
	t.Parallel()
	probs := reportProfile(t, "reports:\n  oversight: {en: A, fr: A, rows: status}\n").CheckReports()
	if len(probs) != 1 || probs[0].Field != "reports.oversight" || !strings.Contains(probs[0].Msg, "give the declared report another name") {
		t.Errorf("problems: %v", Joined(probs))
	}
}

func TestCheckReportsReadsTheDeclaredWorkflow(t *testing.T) {
	t.Parallel()
	p := reportProfile(t, `workflow:
  actions:
    refer: {role: refer}
    complete: {role: close}
reports:
  r: {en: A, fr: A, rows: status, measures: ["rate:complete/refer", "median:create..close"]}
`)
	probs := p.CheckReports()
	if len(probs) != 1 || !strings.HasPrefix(probs[0].Msg, `unknown action "close": use received or one of refer, complete, create, note, edit, hold, lift-hold, dispose`) {
		t.Errorf("problems: %v", Joined(probs))
	}
	if got := p.MissingRoles(RoleRefer, RoleScreenIn, RoleClose); strings.Join(got, ",") != RoleScreenIn {
		t.Errorf("missing roles = %v, want screen-in", got)
	}
	if got := testProfile(t).MissingRoles(RoleScreenIn); got != nil {
		t.Errorf("a profile without declared actions is Ontario's: missing %v", got)
	}
}

func TestDimsReadsOneOrAList(t *testing.T) {
	t.Parallel()
	var r struct{ A, B, C Dims }
	if err := yaml.Unmarshal([]byte("a: program\nb: [program, theme]\nc:\n"), &r); err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.A, ",") != "program" || strings.Join(r.B, ",") != "program,theme" || r.C != nil {
		t.Errorf("got %q %q %q", r.A, r.B, r.C)
	}
	if err := yaml.Unmarshal([]byte("a: {x: 1}\n"), &r); err == nil {
		t.Error("a mapping: want an error")
	}
}
