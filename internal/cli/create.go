package cli

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type createOptions struct {
	from                   string
	received, channel      string
	policeReceived         string
	lang, typ              string
	name, email, phone     string
	repName, repEmail      string
	address, area          string
	repOrg, repPhone       string
	repAddress             string
	legacyIDs              []string
	service                string
	officers               []string
	incidentDate, location string
	summary                string
	categories, flags      []string
	fields                 []string // --field NAME=VALUE
}

func newCreateCmd(f *Factory) *cobra.Command {
	o := &createOptions{}
	cmd := &cobra.Command{
		Use:     "create [flags] | --from FILE|-",
		Short:   "Open a new case",
		GroupID: "cases",
		Long: `Open a new case from flags or from a YAML or JSON document (--from FILE, or - for
stdin) holding the record's fields. A case needs at least its channel and a summary: on
a terminal, create asks for what is missing and shows the record before saving; in a
pipe or a script it never asks and fails with the list of missing fields. The case gets a
new id (YYYY-XXXXX, the year it was received) and a create entry in its history; with
--type it is also classified. The id is printed on stdout; -q prints nothing else.

A complaint received more than six months after the incident is accepted with a
warning (over-six-months is a discretionary screen-out ground).

A complaint a police service received and forwarded (--channel police-forwarded) records
the day the police service received it with --police-received: the service had to forward
it within forward_business_days business days (dossier.yaml clocks, skipping weekends and
the holidays: list), and due and report overdue list a late forwarding.

The fields a profile declares (dossier.yaml fields:) are set with --field NAME=VALUE,
checked by their kind: a code of the field's codes (codes: several, comma-separated or
repeated), a partner, a date (YYYY-MM-DD), a whole number, an amount (1234.50: a point,
at most two decimals, no thousands separators), text, or one item of a list
(--field orders=number=123,date=2026-01-05; repeat for several items). A --from document
holds them under fields:. A field the profile requires at intake must be given.` + exitStatusHelp,
		Example: `  dossier create --channel email --lang fr --complainant-name 'Marie Tremblay' \
      --service ottawa-ps --officer 'Cst. J. Smith #1234' --incident-date 2025-12-20 \
      --area ottawa --location 'rue Rideau' --summary 'Langage grossier lors d’une interpellation'
  dossier create --channel mail --complainant-name 'Ann Lee' --complainant-address '12 King St, Kingston ON' \
      --representative-name 'R. Roy' --representative-organization 'Clinique juridique' \
      --legacy-id E-2024-0001 --summary 'Complaint sent by the clinic'
  id=$(dossier create -q --channel phone --summary 'Call about a search')
  dossier create --from intake.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.from != "" {
				var set []string
				cmd.Flags().Visit(func(fl *pflag.Flag) {
					if fl.Name != "from" && cmd.InheritedFlags().Lookup(fl.Name) == nil {
						set = append(set, "--"+fl.Name)
					}
				})
				if len(set) > 0 {
					return usageErrorf("--from cannot be combined with %s: put those fields in the document", strings.Join(set, ", "))
				}
			}
			return runCreate(f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.from, "from", "", "read the case from a YAML or JSON `FILE` (- for stdin)")
	fl.StringVar(&o.received, "received", "", "the `DATE` the complaint was received (default: today)")
	fl.StringVar(&o.channel, "channel", "", "how it came in: a code of codes.channels (Ontario: mail, email, phone, in-person, web, police-forwarded)")
	fl.StringVar(&o.policeReceived, "police-received", "", "with --channel police-forwarded: the `DATE` the police service received the complaint")
	fl.StringVar(&o.lang, "lang", "", "correspondence language: a code of codes.languages (default: the first one)")
	fl.StringVar(&o.typ, "type", "", "classify at once: a code of codes.types (Ontario: conduct, service or policy)")
	fl.StringSliceVar(&o.categories, "category", nil, "a code of codes.categories, with a --type that has categories (repeat or comma-separate)")
	fl.StringSliceVar(&o.flags, "flag", nil, "case flag, e.g. vulnerable-person (repeat or comma-separate)")
	fl.StringVar(&o.name, "complainant-name", "", "the complainant's name")
	fl.StringVar(&o.email, "complainant-email", "", "the complainant's email address")
	fl.StringVar(&o.phone, "complainant-phone", "", "the complainant's phone number")
	fl.StringVar(&o.repName, "representative-name", "", "the complainant's representative (lawyer, agent)")
	fl.StringVar(&o.repEmail, "representative-email", "", "the representative's email address")
	fl.StringVar(&o.address, "complainant-address", "", "the complainant's postal address (lines separated by newlines)")
	fl.StringVar(&o.repOrg, "representative-organization", "", "the representative's organisation (law firm, legal clinic)")
	fl.StringVar(&o.repPhone, "representative-phone", "", "the representative's phone number")
	fl.StringVar(&o.repAddress, "representative-address", "", "the representative's postal address")
	fl.StringVar(&o.area, "area", "", "the municipality or region of the incident (a code of dossier.yaml codes.areas)")
	fl.StringArrayVar(&o.legacyIDs, "legacy-id", nil, "the file number of the system the complaint came from, e.g. E-2024-0001 (repeat for several)")
	fl.StringVar(&o.service, "service", "", "the police service complained about (a partner code)")
	fl.StringArrayVar(&o.officers, "officer", nil, "an officer complained about, `'NAME #BADGE'` (repeat for several)")
	fl.StringVar(&o.incidentDate, "incident-date", "", "the `DATE` of the incident")
	fl.StringVar(&o.location, "location", "", "where the incident happened")
	fl.StringVar(&o.summary, "summary", "", "what the complaint is about (- reads it from stdin)")
	fl.StringArrayVar(&o.fields, "field", nil, fieldFlagHelp)
	registerFieldCompletion(f, cmd)
	return cmd
}

var badgeSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*\S)\s+#\s*([0-9A-Za-z-]+)$`) })

// parseOfficer splits 'NAME #BADGE'. The name is kept as given (spaces included): the text
// rules keep printable text byte for byte, and an officer with neither name nor badge is
// refused by validation.
func parseOfficer(s string) records.Officer {
	if m := badgeSuffix().FindStringSubmatch(s); m != nil {
		return records.Officer{Name: m[1], Badge: m[2]}
	}
	return records.Officer{Name: s}
}

func runCreate(f *Factory, o *createOptions) error {
	store, err := f.Store()
	if err != nil {
		return err
	}
	p := store.Profile
	a, err := f.act("")
	if err != nil {
		return err
	}
	var c records.Case
	if o.from != "" {
		data, err := f.readInput(o.from)
		if err != nil {
			return fmt.Errorf("--from: %w", err)
		}
		name := o.from
		if name == "-" {
			name = "(stdin)"
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return usageErrorf("%s: empty: give the case's fields (channel, summary, ...) as YAML or JSON; nothing created", name)
		}
		if codec.IsJSONDocument(o.from, data) {
			jc, keys, err := codec.ParseJSON(name, data)
			if err != nil {
				return err
			}
			c = *jc
			for _, field := range []string{"id", "status", "history"} {
				if slices.Contains(keys, field) {
					return usageErrorf("%s: %s is assigned by create: remove it (to bring in existing cases with their ids, use import)", name, field)
				}
			}
		} else {
			rec, err := codec.Parse(name, data)
			if err != nil {
				return err
			}
			c = rec.Case
			for _, field := range []string{"id", "status", "history"} {
				// Refused when present at all, even empty (history: []).
				if line, _ := rec.Pos(field); line > 0 && hasTopField(rec, field) {
					return usageErrorf("%s:%d: %s is assigned by create: remove it (to bring in existing cases with their ids, use import)", name, line, field)
				}
			}
		}
	} else {
		if o.summary == "-" {
			data, err := f.readInput("-")
			if err != nil {
				return err
			}
			o.summary = trimLineEnd(string(data))
		}
		if c, err = caseFromFlags(o); err != nil {
			return err
		}
		if err := setFieldFlags(p, &c, o.fields); err != nil {
			return err
		}
	}
	var prompt *prompter
	if missing := missingRequired(&c); len(missing) > 0 {
		if !f.interactive() {
			return usageErrorf("create needs %s (or --from FILE with those fields); nothing created", strings.Join(missing, " and "))
		}
		prompt = newPrompter(f)
		if err := askRequired(prompt, &c, p); err != nil {
			return err
		}
	}
	if err := records.Intake(&c, p, a); err != nil {
		var ie *records.InputError
		if o.from != "" && errors.As(err, &ie) {
			return &documentError{ie}
		}
		return err
	}
	if prompt != nil {
		preview, err := codec.Encode(&c)
		if err != nil {
			return err
		}
		fmt.Fprintf(f.Err, "\n%s\n", preview)
		if ok, err := prompt.confirm("Save this case?"); err != nil || !ok {
			if err == nil {
				err = fmt.Errorf("not saved: nothing created")
			}
			return err
		}
	}
	if err := refuseClaimedLegacy(store, c.LegacyIDs); err != nil {
		return err
	}
	id, err := store.Create(&c)
	var invalid *records.InvalidError
	if errors.As(err, &invalid) {
		return usageErrorf("%v", err)
	}
	if err != nil {
		return err
	}
	f.warnProblems(id, records.Validate(&records.Record{Path: records.RecordPath(id), Case: c}, p))
	f.Talk("created %s", records.RecordPath(id))
	if err := f.commitCase(id, "create", "create "+id); err != nil {
		return err
	}
	_, err = f.Out.Write([]byte(id + "\n"))
	return err
}

// missingRequired names the flags of the fields a new case needs: how the complaint came in
// and what it is about.
func missingRequired(c *records.Case) []string {
	var missing []string
	if c.Channel == "" {
		missing = append(missing, "--channel")
	}
	if strings.TrimSpace(c.Summary) == "" {
		missing = append(missing, "--summary")
	}
	return missing
}

func askRequired(p *prompter, c *records.Case, prof *records.Profile) error {
	var err error
	if c.Channel == "" {
		if c.Channel, err = p.code("Channel", prof.Channels); err != nil {
			return err
		}
	}
	if strings.TrimSpace(c.Summary) == "" {
		if c.Summary, err = p.text("Summary (what the complaint is about)"); err != nil {
			return err
		}
	}
	return nil
}

func caseFromFlags(o *createOptions) (records.Case, error) {
	c := records.Case{Channel: o.channel, Language: o.lang, Type: o.typ, Summary: o.summary,
		Categories: splitList(o.categories), Flags: splitList(o.flags)}
	if o.received != "" {
		d, err := records.ParseDate(o.received)
		if err != nil {
			return c, usageErrorf("--received: %v", err)
		}
		c.Received = d
	}
	if o.policeReceived != "" {
		d, err := records.ParseDate(o.policeReceived)
		if err != nil {
			return c, usageErrorf("--police-received: %v", err)
		}
		c.PoliceReceived = d
	}
	if o.name != "" || o.email != "" || o.phone != "" || o.address != "" {
		c.Complainant = &records.Party{Name: o.name, Email: o.email, Phone: o.phone, Address: o.address}
	}
	if rep := (records.Party{Name: o.repName, Organization: o.repOrg, Email: o.repEmail, Phone: o.repPhone, Address: o.repAddress}); rep != (records.Party{}) {
		c.Representative = &rep
	}
	c.LegacyIDs = o.legacyIDs
	if o.service != "" || len(o.officers) > 0 {
		c.Respondent = &records.Respondent{Service: o.service}
		for _, s := range o.officers {
			c.Respondent.Officers = append(c.Respondent.Officers, parseOfficer(s))
		}
	}
	if o.incidentDate != "" || o.location != "" || o.area != "" {
		c.Incident = &records.Incident{Location: o.location, Area: o.area}
		if o.incidentDate != "" {
			d, err := records.ParseDate(o.incidentDate)
			if err != nil {
				return c, usageErrorf("--incident-date: %v", err)
			}
			c.Incident.Date = d
		}
	}
	return c, nil
}

// hasTopField reports whether the record document has the top-level field name.
func hasTopField(rec *records.Record, name string) bool {
	if rec.Doc == nil || len(rec.Doc.Content) == 0 {
		return false
	}
	m := rec.Doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return true
		}
	}
	return false
}
