package cli

import (
	"errors"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// fieldFlags is the one table from the fields the domain's input errors name to the flags a
// user types: records speaks in fields, the command line in flags. A field missing here is
// shown as it is (e.g. "note").
var fieldFlags = map[string]string{
	"date":                "--date",
	"received":            "--received",
	"channel":             "--channel",
	"language":            "--lang",
	"summary":             "--summary",
	"respondent.service":  "--service",
	"incident.date":       "--incident-date",
	"incident.area":       "--area",
	"type":                "--type",
	"categories":          "--category",
	"flags":               "--flag",
	"screening.grounds":   "--ground",
	"referral.to":         "--to",
	"referral.purpose":    "--purpose",
	"referral.due":        "--due",
	"finding":             "--finding",
	"request.item":        "--item",
	"request.from":        "--from",
	"request.due":         "--due",
	"request.received":    "--received",
	"request.cancel":      "--cancel",
	"request.reason":      "--reason",
	"referral.reason":     "--reason",
	"redirect.to":         "--to",
	"redirect.reason":     "--reason",
	"police_received":     "--police-received",
	"disposition.outcome": "--outcome",
	"review.outcome":      "--outcome",
	"reopen.reason":       "--reason",
	"hold.reason":         "--reason",
	"authorized_by":       "--authorized-by",
}

// flagMessage is an input error as the command line says it: the flag instead of the field.
func flagMessage(e *records.InputError) string {
	if fl, ok := fieldFlags[e.Field]; ok {
		return fl + ": " + e.Msg
	}
	if fl, ok := fieldFlag(e.Field); ok {
		return fl + ": " + e.Msg
	}
	return e.Error()
}

// documentError marks an input error about a field of a document (create --from): it is
// shown with the field's name, as the document spells it, not a flag.
type documentError struct{ err *records.InputError }

func (e *documentError) Error() string { return e.err.Error() }
func (e *documentError) Unwrap() error { return e.err }

// inputMessage rewrites the input error inside err, if any, to name its flag.
func inputMessage(err error) string {
	msg := err.Error()
	var doc *documentError
	if errors.As(err, &doc) {
		return msg
	}
	var ie *records.InputError
	if errors.As(err, &ie) && ie.Field != "" {
		return strings.Replace(msg, ie.Error(), flagMessage(ie), 1)
	}
	return msg
}
