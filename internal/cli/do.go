package cli

import (
	"errors"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// doOptions are the flags of dossier do.
type doOptions struct {
	fields                    []string
	to, outcome, reason, date string
}

// builtinVerbs are the commands that run the built-in actions, which do does not.
var builtinVerbs = map[string]string{
	records.ActCreate: "dossier create", records.ActNote: "dossier note", records.ActEdit: "dossier edit",
	records.ActHold: "dossier hold", records.ActLiftHold: "dossier hold --lift", records.ActDispose: "dossier purge",
}

func newDoCmd(f *Factory) *cobra.Command {
	var o doOptions
	cmd := &cobra.Command{
		Use:     "do ID ACTION [--field NAME=VALUE]... [--to P] [--outcome O] [--reason R]",
		Short:   "Run any action the profile's workflow declares",
		GroupID: "cases",
		Long: verbHelp(`Run the action ACTION of the profile's workflow (workflow.actions in dossier.yaml) on a
case, with the same rules, refusals, locking and history as the named verbs (classify,
screen, refer...), which are the same engine under fixed names. What the action does
follows its role:

  classify       --field type=T, --field categories=C,C, --field flags=F
  screen-out     --reason: its reasons (codes, comma-separated) when it declares them
  refer          --to PARTNER: a referral, due after the clock that starts on the action
  return         the report of the open referral (--to when several are open),
                 --outcome: the finding
  decide         --outcome: the finding
  review-decide  --outcome: the review's outcome
  close          --outcome: an outcome of the action (or of the case's type), --reason
  withdraw, reopen, redirect (--to ORGANISATION)   --reason: why

--field NAME=VALUE sets a declared field the action sets (its sets:), by the field's kind;
an action refuses to run while a field that is required before it is empty. The actions a
case allows now are offered by completion; an unknown ACTION lists them.`),
		Example: "  dossier do 2026-K7M2Q classify --field type=conduct --field categories=deceit\n  dossier do 2026-K7M2Q withdraw --reason 'resolved with the officer directly'",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 { // the ID alone: the refusal lists the actions the case allows now
				return nil
			}
			return exactArgs(2, "ID and ACTION")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			_, action := doCase(f, args)
			return runDo(f, args[0], action, &o)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&o.fields, "field", nil, fieldFlagHelp)
	fl.StringVar(&o.to, "to", "", "the partner a case is referred to (refer), the open referral's partner (return), the organisation (redirect)")
	fl.StringVar(&o.outcome, "outcome", "", "the outcome (close), finding (return, decide) or review outcome (review-decide)")
	fl.StringVar(&o.reason, "reason", "", "why (internal); for an action that declares reasons, its codes (comma-separated)")
	dateFlag(cmd, &o.date)
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return completeIDs(f, toComplete), cobra.ShellCompDirectiveNoFileComp
		case 1:
			return completeDoActions(f, args[0], toComplete), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	complete := func(codes func(p *records.Profile, c *records.Case, action string) records.Codes) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			p, err := f.Profile()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			c, action := doCase(f, args)
			var out []cobra.Completion
			for _, code := range codes(p, c, action) {
				if strings.HasPrefix(code.Code, toComplete) {
					out = append(out, cobra.CompletionWithDesc(code.Code, code.Label("en")))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
	}
	completeFlag(f, cmd, "to", complete(func(p *records.Profile, _ *records.Case, _ string) records.Codes { return p.Partners }))
	completeFlag(f, cmd, "outcome", complete(func(p *records.Profile, c *records.Case, action string) records.Codes {
		return p.ActionOutcomes(c, action)
	}))
	completeFlag(f, cmd, "reason", complete(func(p *records.Profile, _ *records.Case, action string) records.Codes {
		return p.ActionReasons(action)
	}))
	completeFlag(f, cmd, "field", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		p, err := f.Profile()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		_, action := doCase(f, args)
		var out []cobra.Completion
		for _, name := range p.ActionSets(action) {
			if strings.HasPrefix(name, toComplete) {
				label := name
				if fd := p.Fields.Find(name); fd != nil {
					label = fd.Label("en")
				}
				out = append(out, cobra.CompletionWithDesc(name+"=", label))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	return cmd
}

// doCase is the case (empty when it cannot be read) and the action named on a do command line
// being completed.
func doCase(f *Factory, args []string) (*records.Case, string) {
	c := &records.Case{}
	if len(args) > 0 {
		if store, id, err := f.resolve(args[0]); err == nil {
			if rec, err := store.Load(id); err == nil {
				c = &rec.Case
			}
		}
	}
	action := ""
	if len(args) > 1 {
		action = args[1]
	}
	return c, action
}

// completeDoActions offers the actions the case allows from its current status, labelled.
func completeDoActions(f *Factory, arg, toComplete string) []cobra.Completion {
	store, id, err := f.resolve(arg)
	if err != nil {
		return nil
	}
	rec, err := store.Load(id)
	if err != nil {
		return nil
	}
	p := store.Profile
	var out []cobra.Completion
	for _, name := range p.AllowedActions(&rec.Case) {
		if strings.HasPrefix(name, toComplete) {
			d := p.Workflow.Actions.Find(name)
			out = append(out, cobra.CompletionWithDesc(name, records.Code{Code: name, En: d.En, Fr: d.Fr}.Label("en")))
		}
	}
	return out
}

func runDo(f *Factory, arg, action string, o *doOptions) error {
	if verb, ok := builtinVerbs[action]; ok {
		return usageErrorf("%s is a built-in action: run it with %s", action, verb)
	}
	in := records.DoInput{To: o.to, Outcome: o.outcome, Reason: o.reason}
	for _, fl := range o.fields {
		name, value, ok := strings.Cut(fl, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return usageErrorf("--field: write NAME=VALUE, e.g. --field type=VALUE")
		}
		in.Fields = append(in.Fields, records.FieldInput{Name: strings.TrimSpace(name), Value: value})
	}
	_, err := f.runStep(step{arg: arg, date: o.date, action: action, detail: codedDetail,
		apply: func(c *records.Case, p *records.Profile, a records.Act) error {
			return records.Do(c, p, a, action, in)
		}})
	var ie *records.InputError
	if errors.As(err, &ie) {
		if fl, ok := doFieldFlag(ie.Field); ok {
			return usageErrorf("%s: %s", fl, ie.Msg)
		}
	}
	return err
}

// doFieldFlag is the flag of do that gives the field an input error names, where it is not
// the named verbs' flag (fieldFlags).
func doFieldFlag(field string) (string, bool) {
	switch field {
	case "type", "categories", "flags":
		return "--field " + field, true
	case "screening.grounds":
		return "--reason", true
	case "finding", "review.outcome", "disposition.outcome":
		return "--outcome", true
	case "referral.to", "redirect.to":
		return "--to", true
	}
	return "", false
}

// codedDetail is the detail of the step just recorded for the commit subject, when it is coded
// (a type, codes, a partner, an outcome): free text may be personal and stays out of git's log.
func codedDetail(c *records.Case) string {
	d := lastDetail(c)
	if records.IsCodeText(d) {
		return d
	}
	return ""
}
