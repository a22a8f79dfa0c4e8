package cli

import "github.com/dossier-dev/dossier/records"

// countable drops the cases whose facts contradict their status (records.Contradictions):
// statistics and reports never count them silently, they skip each with a warning naming it.
func (f *Factory) countable(cases []*records.Case) []*records.Case {
	out := cases[:0:0]
	for _, c := range cases {
		xs := records.Contradictions(c)
		if len(xs) == 0 {
			out = append(out, c)
			continue
		}
		more := ""
		if len(xs) > 1 {
			more = " (and more)"
		}
		f.Warn("%s: not counted: %s: %s [%s]%s; run dossier check", c.ID, xs[0].Field, xs[0].Msg, xs[0].Check, more)
	}
	return out
}
