package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	filter   caseFilter
	output   string
	audience string
}

func newExportCmd(f *Factory) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:     "export [-o jsonl|csv] [--as AUDIENCE] [filters]",
		Short:   "Export cases as JSON Lines or CSV",
		GroupID: "repo",
		Long: `Write the cases that match the filters (as in list) on stdout, oldest received first.

-o jsonl (the default) is the record format as JSON, one case a line: every field,
lossless, for an analytics engine or another repository ('dossier import' reads it
back: export, import into an empty repository and export again gives the same bytes).
Comments written in record files are not exported.

-o csv is one row per case with the columns 'dossier import --format csv' reads
(lists such as categories joined with ';'); it leaves out the referrals, requests and
history. It follows RFC 4180, and a cell a spreadsheet would run as a formula (starting
with = + - @, a tab or a carriage return) gets a leading apostrophe.

--as AUDIENCE exports only what that audience may see (disclosure: in dossier.yaml):
--as public for open data.` + exitStatusHelp,
		Example: `  dossier export > all.jsonl
  dossier export -o csv --received-from 2025-01-01 > 2025.csv
  dossier export --as public --status closed > open-data.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExport(f, o) },
	}
	addFilterFlags(cmd, &o.filter)
	cmd.Flags().StringVarP(&o.output, "output", "o", "jsonl", "output format: "+strings.Join(exportOutput.Formats, ", "))
	cmd.Flags().StringVar(&o.audience, "as", records.AudienceInternal, "export only what this `AUDIENCE` may see (internal, complainant, respondent, panel, public...)")
	return cmd
}

func runExport(f *Factory, o *exportOptions) error {
	if _, err := exportOutput.Choose(o.output, true, false); err != nil {
		return err
	}
	store, err := f.Store()
	if err != nil {
		return err
	}
	if err := o.filter.complete(store.Profile); err != nil {
		return err
	}
	policy, err := f.disclosure() // checked: a policy that would leak refuses every export
	if err != nil {
		return err
	}
	if !policy.Has(o.audience) {
		_, err := records.Redact(&records.Case{}, policy, o.audience)
		return usageErrorf("--as: %v", err)
	}
	cases, err := f.loadCases(store)
	if err != nil {
		return err
	}
	var out []*records.Case
	for _, c := range cases {
		if !o.filter.match(c) {
			continue
		}
		r, err := records.Redact(c, policy, o.audience)
		if err != nil {
			return err
		}
		out = append(out, r)
	}
	prog := newProgress(f, "cases exported")
	defer prog.done()
	if o.output == render.FormatCSV {
		return writeCSVExport(f.Out, out, prog)
	}
	w := bufio.NewWriter(f.Out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, c := range out {
		if err := enc.Encode(c); err != nil {
			return err
		}
		prog.update(i+1, len(out))
	}
	return w.Flush()
}

// writeCSVExport writes the cases one row at a time, as render.WriteCSV writes a table (RFC
// 4180 with CRLF, formulas neutralised, the header as it is), drawing the progress as it goes.
func writeCSVExport(out io.Writer, cases []*records.Case, prog *progress) error {
	w := bufio.NewWriter(out)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for i, c := range cases {
		row := caseRow(c)
		for j, cell := range row {
			row[j] = render.NeutralizeFormula(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		prog.update(i+1, len(cases))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return w.Flush()
}

// csvColumns are the columns of the CSV export and the default mapping of the CSV import.
var csvColumns = []string{
	"id", "legacy_ids", "type", "status", "language", "received", "channel",
	"complainant.name", "complainant.organization", "complainant.email", "complainant.phone", "complainant.address",
	"representative.name", "representative.organization", "representative.phone", "representative.address",
	"respondent.service", "respondent.officers", "incident.date", "incident.area", "incident.location", "summary",
	"categories", "flags", "screening.decision", "screening.decided", "screening.grounds", "routing",
	"review.requested", "review.decided", "review.outcome",
	"disposition.outcome", "disposition.closed", "disposition.reason",
}

// listSep joins list fields in a CSV cell.
const listSep = ";"

func caseRow(c *records.Case) []string {
	party := func(p *records.Party) records.Party {
		if p == nil {
			return records.Party{}
		}
		return *p
	}
	cp, rp := party(c.Complainant), party(c.Representative)
	var officers []string
	if c.Respondent != nil {
		for _, o := range c.Respondent.Officers {
			s := o.Name
			if o.Badge != "" {
				s += " #" + o.Badge
			}
			officers = append(officers, s)
		}
	}
	var inc records.Incident
	if c.Incident != nil {
		inc = *c.Incident
	}
	var scr records.Screening
	if c.Screening != nil {
		scr = *c.Screening
	}
	var rev records.Review
	if c.Review != nil {
		rev = *c.Review
	}
	var disp records.Disposition
	if c.Disposition != nil {
		disp = *c.Disposition
	}
	return []string{
		c.ID, strings.Join(c.LegacyIDs, listSep), c.Type, c.Status, c.Language, c.Received.String(), c.Channel,
		cp.Name, cp.Organization, cp.Email, cp.Phone, cp.Address,
		rp.Name, rp.Organization, rp.Phone, rp.Address,
		c.Service(), strings.Join(officers, listSep), inc.Date.String(), inc.Area, inc.Location, c.Summary,
		strings.Join(c.Categories, listSep), strings.Join(c.Flags, listSep), scr.Decision, scr.Decided.String(), strings.Join(scr.Grounds, listSep), c.Routing,
		rev.Requested.String(), rev.Decided.String(), rev.Outcome,
		disp.Outcome, disp.Closed.String(), disp.Reason,
	}
}
