package codec

import (
	"errors"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

const validRecord = `id: 2026-K7M2Q
status: received
language: en
received: 2026-01-15
channel: email
history:
  - at: 2026-01-15T14:02:11Z
    by: jdoe
    do: create
`

// TestParseRefusals: every way a file can be malformed is refused with file:line:col: field.
func TestParseRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"unknown field", strings.Replace(validRecord, "channel: email", "chanel: email", 1),
			`f.yaml:5:1: chanel: unknown field: did you mean "channel"?`},
		{"unknown nested field", validRecord + "complainant:\n  nmae: x\n",
			`f.yaml:11:3: complainant.nmae: unknown field: did you mean "name"?`},
		{"unknown field, nothing close", validRecord + "zzzzzzzz: 1\n",
			"f.yaml:10:1: zzzzzzzz: unknown field: allowed fields are "},
		{"duplicate key", validRecord + "channel: mail\n",
			"f.yaml:10:1: channel: duplicate field (first at line 5): keep one"},
		{"second document", validRecord + "---\nid: 2026-K7M2R\n",
			"f.yaml:10: a second YAML document (---): a record file holds exactly one case"},
		{"anchor", strings.Replace(validRecord, "channel: email", "channel: &c email", 1),
			"f.yaml:5:10: channel: anchors (&c) are not allowed in a record: remove the anchor"},
		{"alias", strings.Replace(validRecord, "channel: email", "complainant: &p {name: x}\nrepresentative: *p", 1),
			"f.yaml:5:14: complainant: anchors (&p) are not allowed"},
		{"merge key", validRecord + "complainant:\n  <<: {name: x}\n",
			"f.yaml:11:3: complainant.<<: merge keys (<<) are not allowed in a record: write the fields out"},
		{"explicit tag", strings.Replace(validRecord, "channel: email", "channel: !!str email", 1),
			"f.yaml:5:10: channel: explicit YAML tags (!!str) are not allowed in a record: remove the tag"},
		{"conflict markers", strings.Replace(validRecord, "channel: email\n", "<<<<<<< HEAD\nchannel: email\n=======\nchannel: mail\n>>>>>>> theirs\n", 1),
			"f.yaml:5:1: git conflict marker: resolve the merge conflict"},
		{"conflict marker in the middle", validRecord + "=======\n",
			"f.yaml:10:1: git conflict marker"},
		{"over 1 MiB", validRecord + "# " + strings.Repeat("x", records.MaxRecordSize) + "\n",
			"f.yaml: file is over the 1048576-byte (1 MiB) limit for a record"},
		{"wrong type: list for text", strings.Replace(validRecord, "channel: email", "channel: [email]", 1),
			"f.yaml:5:10: channel: expected text, found a list"},
		{"wrong type: text for a list", validRecord + "flags: youth\n",
			`f.yaml:10:8: flags: expected a list, found the value "youth"`},
		{"wrong type: text for a mapping", validRecord + "complainant: Marie\n",
			`f.yaml:10:14: complainant: expected a mapping of fields, found a value (not shown: personal field)`},
		{"wrong type: mapping for a date", strings.Replace(validRecord, "received: 2026-01-15", "received: {y: 2026}", 1),
			"f.yaml:4:11: received: expected a single value, found a mapping"},
		{"impossible date", strings.Replace(validRecord, "received: 2026-01-15", "received: 2026-13-45", 1),
			`f.yaml:4:11: received: "2026-13-45" is not a real date (YYYY-MM-DD with a valid month and day)`},
		{"date in the wrong form", strings.Replace(validRecord, "received: 2026-01-15", "received: 15/01/2026", 1),
			`f.yaml:4:11: received: "15/01/2026" is not a date: write YYYY-MM-DD`},
		{"bad timestamp", strings.Replace(validRecord, "at: 2026-01-15T14:02:11Z", "at: yesterday", 1),
			`f.yaml:7:9: history[0].at: "yesterday" is not a time: write RFC 3339`},
		{"NUL byte", validRecord + "summary: a\x00b\n",
			"f.yaml:10: NUL byte in the file: a record is UTF-8 text"},
		{"empty file", "", "f.yaml: empty file"},
		{"only a comment", "# nothing\n", "f.yaml: empty file"},
		{"a list, not a mapping", "- id: 2026-K7M2Q\n", "f.yaml:1:1: a record is a mapping of fields"},
		{"a scalar", "hello\n", "f.yaml:1:1: a record is a mapping of fields"},
		{"YAML syntax", "id: [2026\n", "f.yaml:1: YAML syntax: "},
		{"tab indentation", "complainant:\n\tname: x\n", "f.yaml:2: YAML syntax: found character that cannot start any token"},
	} {
		_, err := Parse("f.yaml", []byte(tc.data))
		var e *records.Problem
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want a located *Problem", tc.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, err, tc.want)
		}
		if e.File != "f.yaml" {
			t.Errorf("%s: error names file %q", tc.name, e.File)
		}
	}
}

func TestParseAcceptsJSON(t *testing.T) {
	rec, err := Parse("in.json", []byte(`{"channel": "phone", "received": "2026-02-03", "complainant": {"name": "X", "phone": "0412345678"}, "flags": ["youth"]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := rec.Case
	if c.Channel != "phone" || c.Received != (records.Date{Year: 2026, Month: 2, Day: 3}) || c.Complainant.Phone != "0412345678" || c.Flags[0] != "youth" {
		t.Errorf("parsed %+v", c)
	}
}

// TestParseKeepsTextAsWritten: a plain scalar that YAML would read as a number or a boolean is
// taken as the text the person wrote.
func TestParseKeepsTextAsWritten(t *testing.T) {
	rec, err := Parse("f.yaml", []byte("complainant: {name: no, phone: 0412345678, email: 1e3, address: ~}\nsummary: null\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := rec.Case.Complainant
	if p.Name != "no" || p.Phone != "0412345678" || p.Email != "1e3" || p.Address != "" || rec.Case.Summary != "" {
		t.Errorf("parsed %+v, summary %q", p, rec.Case.Summary)
	}
}

// TestValidateReports: codes the profile does not know, ids that do not match the file name.
func TestValidateReports(t *testing.T) {
	p := rectest.Profile(t)
	rec, err := Parse("records/2026/2026-K7M2R.yaml", []byte(strings.NewReplacer(
		"channel: email", "channel: fax\ntype: complaint\nrespondent: {service: otawa-ps}",
		"language: en", "language: de").Replace(validRecord)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range records.Located(rec, records.Validate(rec, p)) {
		got = append(got, e.Error())
	}
	want := []string{
		"records/2026/2026-K7M2R.yaml:1:1: id: 2026-K7M2Q does not match the file name: the file of 2026-K7M2Q is records/2026/2026-K7M2Q.yaml",
		`records/2026/2026-K7M2R.yaml:3:1: language: unknown language "de": use one of en, fr`,
		`records/2026/2026-K7M2R.yaml:6:1: type: unknown type "complaint": use one of conduct, service, policy`,
		`records/2026/2026-K7M2R.yaml:5:1: channel: unknown channel "fax": use one of mail, email, phone, in-person, web, police-forwarded`,
		`records/2026/2026-K7M2R.yaml:7:14: respondent.service: unknown service "otawa-ps" (did you mean ottawa-ps?): use one of toronto-ps, ottawa-ps, opp, peel-rps, york-rps, hamilton-ps, sudbury-ps, thunder-bay-ps, siu, ohrc, victim-services`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
