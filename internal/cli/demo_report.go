package cli

import (
	"fmt"

	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/records"
)

// demoReportArgs is the command the demo runs to show what dossier does: the oversight
// statistics of the last complete quarter before today, as a Markdown table (for the Quebec
// profile, its quarterly report).
func demoReportArgs(dir string, today records.Date, profile string) []string {
	q := (int(today.Month) - 1) / 3 // the current quarter, 0-based
	year := today.Year
	if q == 0 {
		year, q = year-1, 4
	}
	report := "oversight"
	if profile == demo.QuebecProfile {
		report = "quarterly"
	}
	return []string{"-C", dir, "report", report, "--period", fmt.Sprintf("%d-Q%d", year, q), "-o", "md"}
}
