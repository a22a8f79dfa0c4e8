package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/internal/letters"
	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// Terminal tables and texts speak the reader's language: codes become the profile's labels
// (--lang, else the user's locale, else the office's first language). tsv, csv, json and yaml
// keep the codes whatever the locale, so that scripts and cron read the same bytes everywhere.

const langFlagHelp = "language of the labels in terminal output: en or fr (default: LC_ALL, LC_MESSAGES or LANG, else the office's first language; tsv, csv, json and yaml keep codes)"

func addLangFlag(cmd *cobra.Command, lang *string) {
	cmd.Flags().StringVar(lang, "lang", "", langFlagHelp)
}

// labeler turns codes into labels in one language; a nil labeler keeps the codes.
type labeler struct {
	p    *records.Profile
	lang string
}

// of is the label of code in the taxonomy kind, or code when the profile does not list it.
func (l *labeler) of(kind, code string) string {
	if l == nil || code == "" {
		return code
	}
	cs, _ := l.p.Taxonomy(kind)
	if c := cs.Find(code); c != nil {
		return c.Label(l.lang)
	}
	return code
}

// list labels each code of a list.
func (l *labeler) list(kind string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = l.of(kind, c)
	}
	return out
}

// displayLang is the language labels are printed in: flag (a language of the profile, else a
// usage error), else the first of LC_ALL, LC_MESSAGES and LANG that is set, when the office
// has its language (fr_CA.UTF-8 → fr), else the office's first language.
func (f *Factory) displayLang(flag string, p *records.Profile) (string, error) {
	if flag != "" {
		if err := p.Languages.Check("language", flag); err != nil {
			return "", usageErrorf("--lang: %v", err)
		}
		return flag, nil
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := f.Getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(strings.ToLower(v), "_")
		lang, _, _ = strings.Cut(lang, ".")
		if p.Languages.Has(lang) {
			return lang, nil
		}
		break // the locale that is set decides; one the office lacks means its first language
	}
	if len(p.Languages) > 0 {
		return p.Languages[0].Code, nil
	}
	return "en", nil
}

// tableLabels is the labeler of a command whose labels only its table shows (nil for any
// other format); --lang is checked whatever the format, so that a language the office does
// not have is refused in a pipe as on a terminal.
func (f *Factory) tableLabels(flag string, p *records.Profile, format string) (*labeler, error) {
	lb, err := f.labels(flag, p, true)
	if err != nil || format != render.FormatTable {
		return nil, err
	}
	return lb, nil
}

// labels is the labeler of a command's terminal output. always is true for output that is
// only ever read by people (a table); otherwise (show's text, history) labels are used on a
// terminal or when --lang is given, and codes when the output goes to a pipe or a file.
func (f *Factory) labels(flag string, p *records.Profile, always bool) (*labeler, error) {
	lang, err := f.displayLang(flag, p)
	if err != nil {
		return nil, err
	}
	if !always && flag == "" && !f.OutTerminal {
		return nil, nil
	}
	return &labeler{p: p, lang: lang}, nil
}

// action is the label of a history action (as letters print it), or the action itself.
func (l *labeler) action(do string) string {
	if l == nil {
		return do
	}
	return letters.ProfileActionLabel(l.p, do, l.lang)
}

// detail is a history entry's detail with its codes as labels and its words in the labeler's
// language, where it is what dossier writes for the action (records.DetailParts); anything
// else (a note, a hand edit) as written. A nil labeler prints it as stored.
func (l *labeler) detail(do, detail string) string {
	if l == nil {
		return detail
	}
	var b strings.Builder
	for _, part := range records.DetailParts(l.p, do, detail) {
		switch part.Kind {
		case records.PartText:
			b.WriteString(part.Value)
		case records.PartWord:
			b.WriteString(l.word(part.Value))
		default:
			b.WriteString(l.of(part.Kind, part.Value))
		}
	}
	return b.String()
}

// frWords are the words of show's text in French (English is the text as written).
var frWords = map[string]string{
	"Legacy ids": "Anciens numéros", "Received": "Réception", "Complainant": "Plaignant·e",
	"Representative": "Représentant·e", "Respondent": "Service visé", "Incident": "Incident",
	"Categories": "Catégories", "Flags": "Indicateurs", "Screening": "Examen préliminaire",
	"Routing": "Orientation", "Referral": "Renvoi", "Request": "Demande", "Review": "Révision",
	"Closed": "Fermée", "Summary": "Résumé", "History": "Historique",
	"in": "retenue", "out": "écartée", "on": "le", "sent": "envoyé le", "due": "échéance",
	"returned": "rendu le", "from": "à", "received": "reçu le", "requested": "demandée le",
	"decided": "tranchée le", ":": locale.NBSP + ":",
}

// frHeaders are the headers of the terminal tables of list, due and stats in French (tsv, csv and
// json keep the English ones: scripts read them).
var frHeaders = map[string]string{
	"ID": "DOSSIER", "RECEIVED": "REÇU", "STATUS": "STATUT", "TYPE": "TYPE", "SERVICE": "SERVICE",
	"LOCATION": "LIEU", "AREA": "RÉGION", "CHANNEL": "CANAL", "LANGUAGE": "LANGUE",
	"PARTNER": "PARTENAIRE", "OUTCOME": "ISSUE", "ROUTING": "ORIENTATION", "DUE": "ÉCHÉANCE",
	"DAYS": "JOURS", "KIND": "NATURE", "WHAT": "OBJET",
	// stats: its dimensions and measures
	"CATEGORY": "CATÉGORIE", "FLAG": "INDICATEUR", "GROUND": "MOTIF", "YEAR": "ANNÉE",
	"QUARTER": "TRIMESTRE", "MONTH": "MOIS", "SCREENED_IN": "RETENUES", "SCREENED_OUT": "ÉCARTÉES",
	"CLOSED": "FERMÉES", "OPEN_AT_END": "OUVERTES_FIN", "MEDIAN_DAYS": "MÉDIANE_JOURS",
	"P90_DAYS": "P90_JOURS",
	// profiles
	"NAME": "NOM", "TITLE": "TITRE", "LANGUAGES": "LANGUES",
}

// headers are a table's headers in the labeler's language (nil: as given).
func (l *labeler) headers(en []string) []string {
	if l == nil || l.lang != "fr" {
		return en
	}
	out := make([]string, len(en))
	for i, h := range en {
		out[i] = h
		if fr, ok := frHeaders[h]; ok {
			out[i] = fr
		}
	}
	return out
}

// word is one of show's words in the labeler's language.
func (l *labeler) word(en string) string {
	if l != nil && l.lang == "fr" {
		if fr, ok := frWords[en]; ok {
			return fr
		}
	}
	return en
}
