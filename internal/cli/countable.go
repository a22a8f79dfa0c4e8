package cli

import (
	"fmt"

	"github.com/dossier-dev/dossier/records"
)

// countable drops the cases whose facts contradict their status (records.Contradictions):
// statistics and reports never count them silently, they skip each with a warning naming it.
func (f *Factory) countable(cases []*records.Case) []*records.Case {
	out := cases[:0:0]
	for _, c := range cases {
		if w := uncountable(c); w != "" {
			f.Warn("%s", w)
			continue
		}
		out = append(out, c)
	}
	return out
}

// uncountable is the warning that skips c (countable), "" when c is counted.
func uncountable(c *records.Case) string {
	xs := records.Contradictions(c)
	if len(xs) == 0 {
		return ""
	}
	more := ""
	if len(xs) > 1 {
		more = " (and more)"
	}
	return fmt.Sprintf("%s: not counted: %s: %s [%s]%s; run dossier check", c.ID, xs[0].Field, xs[0].Msg, xs[0].Check, more)
}
