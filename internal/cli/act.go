package cli

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
)

// act is who does a step, now, on the effective date given with --date (default today).
func (f *Factory) act(date string) (records.Act, error) {
	now, err := f.Now()
	if err != nil {
		return records.Act{}, err
	}
	a := records.Act{Actor: f.Actor(), Now: now, Date: records.DateOf(now)}
	if date != "" {
		d, err := records.ParseDate(date)
		if err != nil {
			return a, usageErrorf("--date: %v", err)
		}
		if d.After(a.Date) {
			return a, usageErrorf("--date: %s is in the future (today is %s)", d, a.Date)
		}
		a.Date = d
	}
	return a, nil
}

var durationArg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)([dwm])$`) })

// parseDue reads --due as a date (YYYY-MM-DD) or a duration from base (30d, 6w, 4m).
func parseDue(flag, s string, base records.Date) (records.Date, error) {
	if s == "" {
		return records.Date{}, nil
	}
	if m := durationArg().FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "d":
			return base.AddDays(n), nil
		case "w":
			return base.AddDays(7 * n), nil
		default:
			return records.DateOf(base.Time().AddDate(0, n, 0)), nil
		}
	}
	d, err := records.ParseDate(s)
	if err != nil {
		return d, usageErrorf("%s: %q is neither a date (YYYY-MM-DD) nor a duration (30d, 6w, 4m)", flag, s)
	}
	return d, nil
}

// readInput reads a file argument, or stdin for "-".
func (f *Factory) readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(f.In, records.MaxRecordSize+1))
	}
	return f.readFile(name)
}

// resolve opens the store and turns an id argument into the one case it names.
func (f *Factory) resolve(arg string) (*recstore.Store, string, error) {
	store, err := f.Store()
	if err != nil {
		return nil, "", err
	}
	id, err := store.Resolve(arg)
	if err != nil {
		return nil, "", err
	}
	return store, id, nil
}

// splitList accepts repeated flags and comma-separated values alike.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// warnProblems prints the warnings among ps (e.g. the six-month limit) on stderr.
func (f *Factory) warnProblems(id string, ps []records.Problem) {
	for _, p := range ps {
		if p.IsWarning() {
			f.Warn("%s: %s: %s", id, p.Field, p.Msg)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
