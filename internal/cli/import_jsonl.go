package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

func parseJSONLImport(data []byte, p *records.Profile) (cases []*records.Case, lines []int, probs []string) {
	rows := bytes.Split(data, []byte("\n"))
	if n := len(rows); n > 0 && len(bytes.TrimSpace(rows[n-1])) == 0 {
		rows = rows[:n-1]
	}
	cases = make([]*records.Case, len(rows))
	lines = make([]int, len(rows))
	for i, line := range rows {
		lines[i] = i + 1
		where := fmt.Sprintf("%d", i+1)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		c, lineProbs := caseFromJSON(line, p)
		for _, pr := range lineProbs {
			probs = append(probs, where+": "+pr)
		}
		cases[i] = c
	}
	return cases, lines, probs
}

// caseFromJSON reads one case (a JSON Lines line, or a row of dossier's CSV export turned into
// JSON) under the text rules, and checks it as a record file would be.

func caseFromJSON(line []byte, p *records.Profile) (*records.Case, []string) {
	var probs []string
	{
		if _, col, terr := records.CheckUTF8(line); terr != nil {
			return nil, []string{fmt.Sprintf("column %d: %v", col, terr)}
		}
		var c records.Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, []string{jsonError(err)}
		}
		if dec.More() {
			return nil, []string{"more than one JSON value on the line: one case a line"}
		}
		if !records.ValidID(c.ID) {
			return nil, []string{"id: not a case id (YYYY-XXXXX or YYYY-NNNN)"}
		}
		for _, pr := range records.TextProblems(&c) {
			probs = append(probs, fmt.Sprintf("%s: %s", pr.Field, pr.Msg))
		}
		if len(probs) > 0 {
			return nil, probs
		}
		// Through the record codec, so the case is exactly what a record file would hold (read
		// back as the scans read, the problems below need no line numbers).
		yml, err := codec.Encode(&c)
		if err != nil {
			return nil, []string{err.Error()}
		}
		rec, err := codec.ParseReadOnly(records.RecordPath(c.ID), yml)
		if err != nil {
			return nil, []string{err.Error()}
		}
		for _, pr := range records.Validate(rec, p) {
			if !pr.IsWarning() {
				probs = append(probs, fmt.Sprintf("%s: %s", pr.Field, pr.Msg))
			}
		}
		if len(probs) > 0 {
			return nil, probs
		}
		return &rec.Case, nil
	}
}

// leadingNumber is the line number a problem starts with.

func leadingNumber(s string) int {
	n, _ := strconv.Atoi(s[:strings.IndexFunc(s+":", func(r rune) bool { return r < '0' || r > '9' })])
	return n
}

func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("not valid JSON (column %d): write one JSON object a line", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s: %s is not a %s", te.Field, te.Value, te.Type)
	}
	return "JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}

// importMap is the --map file of a CSV migration.
