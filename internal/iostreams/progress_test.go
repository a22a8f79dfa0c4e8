package iostreams

import (
	"bytes"
	"strings"
	"testing"
)

// The progress bar is drawn on stderr only when stderr is a terminal and not --quiet, and
// ends with a newline so that the next line of talk starts clean.
func TestProgressOnlyOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		terminal, quiet, drawn bool
	}{{true, false, true}, {false, false, false}, {true, true, false}} {
		var errb bytes.Buffer
		s := &IOStreams{Err: &errb, ErrTerminal: tc.terminal}
		s.SetQuiet(tc.quiet)
		p := s.Progress("cases")
		for i := 1; i <= 1000; i++ {
			p.Update(i, 1000)
		}
		p.Done()
		got := errb.String()
		if !tc.drawn {
			if got != "" {
				t.Errorf("terminal %v, quiet %v: wrote %q, want nothing", tc.terminal, tc.quiet, got)
			}
			continue
		}
		if !strings.Contains(got, "\r████████████████████ 100% 1000/1000 cases") || !strings.HasSuffix(got, "\n") {
			t.Errorf("terminal: wrote %q, want a bar reaching 100%% and a final newline", got)
		}
		if n := strings.Count(got, "\r"); n > 100 {
			t.Errorf("redrew the bar %d times for 1000 steps: redraw only when the percentage changes", n)
		}
	}
}
