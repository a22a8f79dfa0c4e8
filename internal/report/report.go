// Package report renders the named reports (oversight, workload, overdue, trends) from their
// templates: the embedded defaults under templates/reports, overridden by the office's own
// files of the same name in its records repository, with the words of each language in a
// catalog (messages.LANG.yaml). It owns the template functions, the code labels, the charts
// and the one-number-a-line tables the reports' CSV form is made of; the CLI chooses the
// period and the cases and writes the result.
package report

import (
	htmltemplate "html/template"

	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
)

// Files reads an office's own files from its records repository (paths relative to the
// repository's root); a missing file is an error that is fs.ErrNotExist.
type Files interface {
	ReadFile(name string) ([]byte, error)
}

// Data is what the report templates see.
type Data struct {
	Lang       string
	Office     string
	Period     stats.Period
	PeriodName string
	Service    string
	AsOf       records.Date
	Oversight  *stats.Oversight
	Workload   *stats.Workload
	Overdue    []DueRow
	Trends     *stats.TrendReport
	Declared   *DeclaredView
	Charts     []Chart
}

// Chart is one chart of an HTML report: a title and an inline SVG.
type Chart struct {
	Title string
	SVG   htmltemplate.HTML
}

// DueRow is one item owed (a line of `due`, an item of the overdue report), in its JSON form.
type DueRow struct {
	records.DueItem
	Status  string `json:"status"`
	Service string `json:"service,omitempty"`
	Days    int    `json:"days"` // days until due; negative when overdue
	Overdue bool   `json:"overdue"`
}

// Engine renders the reports of one repository in one language.
type Engine struct {
	files   Files
	profile *records.Profile
	lang    string
	today   records.Date
	texts   *texts
	// ActionLabel labels the actions a declared report names that the workflow does not
	// declare (a profile without workflow actions: Ontario's, as the letters' chronology
	// names them); nil: the action's name.
	ActionLabel func(action, lang string) string
}

// New is the engine for the repository's files and profile, in lang (en or fr), on today.
func New(files Files, profile *records.Profile, lang string, today records.Date) (*Engine, error) {
	t, err := loadTexts(files, lang)
	if err != nil {
		return nil, err
	}
	return &Engine{files: files, profile: profile, lang: lang, today: today, texts: t}, nil
}

// Lang is the engine's language.
func (e *Engine) Lang() string { return e.lang }

// NewData is the data every report starts from: the office, the period (zero for a report of
// today) and the service filter.
func (e *Engine) NewData(office string, period stats.Period, service string) *Data {
	d := &Data{Lang: e.lang, Office: office, Period: period, Service: service, AsOf: e.today}
	if !period.From.IsZero() {
		d.PeriodName = stats.PeriodName(e.lang, period)
	}
	return d
}
