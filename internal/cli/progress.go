package cli

import (
	"fmt"
	"strings"
)

// progress draws a one-line progress bar on stderr, only when stderr is a terminal and not
// --quiet.
type progress struct {
	f     *Factory
	what  string
	shown int
}

func newProgress(f *Factory, what string) *progress { return &progress{f: f, what: what} }

func (p *progress) update(done, total int) {
	if !p.f.ErrTerminal || p.f.Quiet() || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.shown && done != total {
		return
	}
	p.shown = pct
	bar := strings.Repeat("█", pct/5) + strings.Repeat("░", 20-pct/5)
	fmt.Fprintf(p.f.Err, "\r%s %3d%% %d/%d %s", bar, pct, done, total, p.what)
}

func (p *progress) done() {
	if p.f.ErrTerminal && !p.f.Quiet() && p.shown > 0 {
		fmt.Fprintln(p.f.Err)
	}
}

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
