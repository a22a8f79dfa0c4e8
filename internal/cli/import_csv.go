package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// parseCSVImport turns each row into a case built through the workflow verbs. cases[i] is the
// case of the row starting on line lines[i] (nil when the row is bad).
func parseCSVImport(data []byte, m *importMap, p *records.Profile, act records.Act) (cases []*records.Case, lines []int, probs []string) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	header, err := r.Read()
	if err != nil {
		return nil, nil, []string{fmt.Sprintf("1: header: %v", err)}
	}
	seenHeader := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if prev, ok := seenHeader[h]; ok {
			probs = append(probs, fmt.Sprintf("1: columns %d and %d have the same header: name each column once", prev+1, i+1))
		}
		seenHeader[h] = i
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	if _, ok := seenHeader[codec.CSVHistoryColumn]; ok {
		return parseCSVExport(r, header, p)
	}
	fields := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case m.Columns[h] != "" && strings.HasPrefix(m.Columns[h], "fields.") && !isDeclaredColumn(p, m.Columns[h]):
			probs = append(probs, fmt.Sprintf("1: column %d: --map names %s, which the profile does not declare (declared: %s)", i+1, m.Columns[h], strings.Join(declaredColumnNames(p), ", ")))
		case m.Columns[h] != "":
			fields[i] = m.Columns[h]
		case len(m.Columns) == 0 && (slices.Contains(importFields, h) || isDeclaredColumn(p, h)):
			fields[i] = h
		case len(m.Columns) == 0:
			// The cell is quoted only when it is close to a field name: in a file without a
			// header line it is a value, perhaps someone's name.
			cell := "(not shown)"
			if hint := records.Suggest(h, importFields); hint != "" {
				cell = fmt.Sprintf("%q%s", h, hint)
			}
			probs = append(probs, fmt.Sprintf("1: column %d %s: not a field; name the fields in the header (%s) or map the columns with --map", i+1, cell, strings.Join(importFields, ", ")))
		}
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	return readCSVRows(r, probs, func(rec []string, line int) (*records.Case, []string) {
		vals := map[string]string{}
		for i, v := range rec {
			if fields[i] == "" {
				continue
			}
			if !keptAsWritten(fields[i]) {
				v = strings.TrimSpace(v)
			}
			if code, ok := m.Values[fields[i]][v]; ok {
				v = code
			}
			vals[fields[i]] = v
		}
		for k, v := range m.Defaults {
			if vals[k] == "" {
				vals[k] = v
			}
		}
		c, rowProbs := caseFromRow(vals, m.ListSeparator, p, act)
		if c != nil {
			c.ImportKey = importKey(header, rec)
		}
		rowProbs = hideValues(rowProbs, rec)
		if len(rowProbs) > 0 {
			c = nil
		}
		return c, rowProbs
	})
}

// parseCSVExport reads a CSV that dossier's export wrote (it has a history column): each cell
// unescaped, each row read exactly like a JSON Lines line.
func parseCSVExport(r *csv.Reader, header []string, p *records.Profile) (cases []*records.Case, lines []int, probs []string) {
	byName := map[string]codec.CSVColumn{}
	for _, c := range codec.CSVColumnsFor(p) {
		byName[c.Name] = c
	}
	cols := make([]codec.CSVColumn, len(header))
	for i, h := range header {
		c, ok := byName[h]
		if !ok {
			probs = append(probs, fmt.Sprintf("1: column %d: not a column of dossier's export (the file has a history column): remove it, or export again", i+1))
		}
		cols[i] = c
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	return readCSVRows(r, probs, func(rec []string, line int) (*records.Case, []string) {
		for i := range rec {
			rec[i] = render.UnescapeCell(rec[i])
		}
		data, rowProbs := codec.CSVToJSON(cols, rec)
		var c *records.Case
		if rowProbs == nil {
			c, rowProbs = caseFromJSON(data, p)
		}
		return c, rowProbs
	})
}

// importKey identifies a spreadsheet row by its content: the sha256 of its header and cells,
// so the same row imported again (from the same file or a copy under another name) is found.
func importKey(header, row []string) string {
	h := sha256.New()
	for i, cell := range row {
		name := ""
		if i < len(header) {
			name = strings.TrimSpace(header[i])
		}
		fmt.Fprintf(h, "%d:%s=%d:%s\n", len(name), name, len(cell), cell)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// hideValues takes the row's values out of problem messages: an error about data read from a
// file never quotes it (a name in a code column is personal information).

func hideValues(probs []string, row []string) []string {
	for i, pr := range probs {
		for _, v := range row {
			if v = strings.TrimSpace(v); v != "" {
				pr = strings.ReplaceAll(pr, strconv.Quote(v), "(value not shown)")
				if dateLike().MatchString(v) {
					pr = strings.ReplaceAll(pr, v, "the date")
				}
			}
		}
		probs[i] = pr
	}
	return probs
}

var dateLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`) })

// importDuplicates refuses spreadsheet rows already imported (a case holds their import key)
// or present twice in the file.

// readCSVRows reads every row after the header and turns each into a case with row; a row
// that does not parse, or whose problems row reports, counts as a nil case at its line.
func readCSVRows(r *csv.Reader, probs []string, row func(rec []string, line int) (*records.Case, []string)) (cases []*records.Case, lines []int, _ []string) {
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				probs = append(probs, fmt.Sprintf("%d: %v", pe.Line, pe.Err))
			} else {
				probs = append(probs, err.Error())
			}
			cases, lines = append(cases, nil), append(lines, 0)
			if pe == nil || !errors.Is(pe.Err, csv.ErrFieldCount) {
				break
			}
			continue
		}
		line, _ := r.FieldPos(0)
		c, rowProbs := row(rec, line)
		for _, pr := range rowProbs {
			probs = append(probs, fmt.Sprintf("%d: %s", line, pr))
		}
		cases, lines = append(cases, c), append(lines, line)
	}
	return cases, lines, probs
}
