// Package iostreams owns the process's streams: which of them is a terminal, the verbosity of
// talk on stderr, and the progress bar. Commands ask it; none checks a terminal itself.
// Verbosity has two levels for stderr: talk (progress, "created ...", summaries) is silenced
// by --quiet; warnings and errors never are, and results on stdout never are.
package iostreams

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dossier-dev/dossier/internal/termtext"
	"golang.org/x/term"
)

// IOStreams are the streams of one run and what is known about them.
type IOStreams struct {
	In       io.Reader
	Out, Err io.Writer
	// InTerminal, OutTerminal and ErrTerminal say which streams are terminals (System
	// detects them; tests set them to drive prompts and layouts with plain buffers).
	InTerminal, OutTerminal, ErrTerminal bool

	quiet bool
}

// System is the streams given, with terminal detection.
func System(in io.Reader, out, err io.Writer) *IOStreams {
	return &IOStreams{In: in, Out: out, Err: err, InTerminal: isTerminal(in), OutTerminal: isTerminal(out), ErrTerminal: isTerminal(err)}
}

func isTerminal(s any) bool {
	f, ok := s.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// SetQuiet silences talk and the progress bar (--quiet, DOSSIER_QUIET).
func (s *IOStreams) SetQuiet(q bool) { s.quiet = q }

// IsQuiet reports whether talk is silenced.
func (s *IOStreams) IsQuiet() bool { return s.quiet }

// CanPrompt reports whether dossier may ask questions: stdin and stderr are terminals.
func (s *IOStreams) CanPrompt() bool { return s.InTerminal && s.ErrTerminal }

// Talk writes a message for people on stderr unless quiet.
func (s *IOStreams) Talk(format string, args ...any) {
	if !s.quiet {
		fmt.Fprintln(s.Err, termtext.Printable(fmt.Sprintf(format, args...)))
	}
}

// Warn writes a warning on stderr; quiet does not silence warnings.
func (s *IOStreams) Warn(format string, args ...any) {
	fmt.Fprintln(s.Err, "warning: "+termtext.Printable(fmt.Sprintf(format, args...))) // file names and values escaped
}

// Progress is a one-line progress bar on stderr, drawn only when stderr is a terminal and
// talk is not silenced.
type Progress struct {
	s     *IOStreams
	what  string
	shown int
}

// Progress starts a bar counting what ("cases read").
func (s *IOStreams) Progress(what string) *Progress { return &Progress{s: s, what: what} }

func (p *Progress) drawn() bool { return p.s.ErrTerminal && !p.s.quiet }

// Update shows done of total, redrawing only when the percentage changes.
func (p *Progress) Update(done, total int) {
	if !p.drawn() || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.shown && done != total {
		return
	}
	p.shown = pct
	bar := strings.Repeat("█", pct/5) + strings.Repeat("░", 20-pct/5)
	fmt.Fprintf(p.s.Err, "\r%s %3d%% %d/%d %s", bar, pct, done, total, p.what)
}

// Done ends the bar's line so that the next line of talk starts clean.
func (p *Progress) Done() {
	if p.drawn() && p.shown > 0 {
		fmt.Fprintln(p.s.Err)
	}
}
