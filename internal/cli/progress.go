package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/internal/iostreams"
)

// progress is the streams' progress bar (drawn only on a terminal and not --quiet).
type progress struct{ bar *iostreams.Progress }

func newProgress(f *Factory, what string) *progress { return &progress{f.Progress(what)} }

func (p *progress) update(done, total int) { p.bar.Update(done, total) }

func (p *progress) done() { p.bar.Done() }

func joinArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \t'\"$") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}
