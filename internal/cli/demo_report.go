package cli

import "github.com/dossier-dev/dossier/records"

// demoReportArgs is the command the demo runs to show what dossier does: the oversight
// statistics of the last complete quarter when the report command exists, else the
// case list.
func demoReportArgs(dir string, today records.Date) []string {
	return []string{"-C", dir, "list", "--status", "open", "-o", "table"}
}
