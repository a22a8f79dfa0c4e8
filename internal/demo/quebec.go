package demo

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// QuebecProfile is the name of the profile QuebecCase makes cases for.
const QuebecProfile = "quebec-alternative-measures"

// The Quebec demo: people referred by a prosecutor to an alternative-measures program, in
// proportions an office of that size might see. Repetition in a list is its weight.
var (
	qcPrograms = []string{
		"pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg", "pmrg",
		"non-judiciarisation", "non-judiciarisation", "non-judiciarisation",
		"paj-sm", "paj-sm", "paj-sm", "pttcq", "pttcq", "pmra",
	}
	// Districts by their weight in the caseload (roughly their population); the others share
	// the rest.
	qcDistricts = []string{
		"montreal", "montreal", "montreal", "montreal", "montreal", "montreal", "montreal", "montreal",
		"quebec", "quebec", "quebec", "longueuil", "longueuil", "laval", "laval", "terrebonne", "terrebonne",
		"gatineau", "gatineau", "joliette", "saint-francois", "beauharnois", "trois-rivieres", "chicoutimi",
		"richelieu", "iberville", "saint-hyacinthe", "drummond", "arthabaska", "beauce", "rimouski", "labelle",
		"abitibi", "roberval", "baie-comeau", "frontenac", "bedford", "kamouraska", "gaspe", "mingan",
		"rouyn-noranda", "alma", "charlevoix", "montmagny", "megantic", "pontiac", "temiscamingue", "bonaventure",
		"saint-maurice",
	}
	// The districts where the program for Indigenous adults runs (to confirm: demo data only).
	qcPMRADistricts = []string{"abitibi", "abitibi", "roberval", "baie-comeau", "mingan", "mingan", "gaspe", "rouyn-noranda", "temiscamingue", "pontiac", "quebec", "labelle"}
	// The court support programs run in the larger courthouses.
	qcCourtDistricts = []string{"montreal", "montreal", "montreal", "quebec", "longueuil", "laval", "terrebonne", "gatineau", "saint-francois", "trois-rivieres", "chicoutimi"}
	qcThemes         = []string{
		"violence-conjugale", "violence-conjugale", "violence-conjugale", "violence-conjugale",
		"violence-sexuelle", "maltraitance-aines", "maltraitance-aines", "maltraitance-enfants",
		"exploitation-sexuelle-internet",
	}
	// The community justice organisation serving each district (to confirm: demo data only);
	// a district not listed is served by the closest of them.
	qcOrganisation = map[string]string{
		"montreal": "equijustice-montreal", "laval": "equijustice-laval", "terrebonne": "mavn", "labelle": "mavn",
		"joliette": "jamed", "longueuil": "equijustice-rive-sud", "richelieu": "equijustice-rive-sud",
		"iberville": "equijustice-rive-sud", "saint-hyacinthe": "equijustice-rive-sud", "beauharnois": "equijustice-rive-sud",
		"bedford": "equijustice-estrie", "quebec": "equijustice-capitale", "charlevoix": "equijustice-capitale",
		"montmagny": "alternative-appalaches", "frontenac": "alternative-appalaches", "beauce": "equijustice-beauce",
		"megantic": "equijustice-estrie", "saint-francois": "equijustice-estrie", "trois-rivieres": "equijustice-trois-rivieres",
		"saint-maurice": "equijustice-trois-rivieres", "drummond": "equijustice-drummond", "arthabaska": "equijustice-drummond",
		"gatineau": "equijustice-outaouais", "pontiac": "equijustice-outaouais", "chicoutimi": "equijustice-saguenay",
		"alma": "equijustice-saguenay", "roberval": "equijustice-saguenay",
	}
	qcCity = map[string]string{
		"montreal": "Montréal", "quebec": "Québec", "longueuil": "Longueuil", "laval": "Laval", "terrebonne": "Saint-Jérôme",
		"gatineau": "Gatineau", "joliette": "Joliette", "saint-francois": "Sherbrooke", "beauharnois": "Salaberry-de-Valleyfield",
		"trois-rivieres": "Trois-Rivières", "chicoutimi": "Saguenay", "richelieu": "Sorel-Tracy", "iberville": "Saint-Jean-sur-Richelieu",
		"saint-hyacinthe": "Saint-Hyacinthe", "drummond": "Drummondville", "arthabaska": "Victoriaville", "beauce": "Saint-Joseph-de-Beauce",
		"rimouski": "Rimouski", "labelle": "Mont-Laurier", "abitibi": "Amos", "roberval": "Roberval", "baie-comeau": "Baie-Comeau",
		"mingan": "Sept-Îles", "gaspe": "Gaspé", "rouyn-noranda": "Rouyn-Noranda", "temiscamingue": "Ville-Marie", "pontiac": "Campbell’s Bay",
	}
	qcStreets  = []string{"rue Principale", "boulevard des Laurentides", "rue Saint-Joseph", "avenue du Parc", "rue Notre-Dame", "chemin du Lac", "rue King Ouest", "boulevard Taschereau"}
	qcOffences = []string{
		"Vol d’une valeur ne dépassant pas 5 000 $", "Vol d’une valeur ne dépassant pas 5 000 $", "Méfait", "Méfait",
		"Voies de fait simples", "Menaces", "Possession de substances désignées", "Fraude de moins de 5 000 $",
		"Défaut de se conformer à une ordonnance", "Troubler la paix",
	}
	qcPenalOffences = []string{"Infraction au Code de la sécurité routière", "Infraction à la Loi sur le cannabis (Québec)", "Infraction à un règlement municipal"}
	qcSummaries     = []string{
		"Renvoi du poursuivant après comparution.", "La personne reconnaît les faits et souhaite réparer.",
		"Renvoi proposé à l’audience sur le consentement de la personne.", "Première infraction, personne victime consultée.",
	}
	qcReasons  = []string{"infraction-exclue", "responsabilite-non-reconnue", "refus-personne", "antecedents", "preuve-insuffisante", "interet-victime", "interet-societe"}
	qcMeasures = []string{"reparation-collectivite", "reparation-collectivite", "reparation-victime", "sensibilisation"}
)

// qcLength is a plausible time a program's measure takes, in days (to confirm: demo data).
var qcLength = map[string]int{"pmrg": 120, "pmra": 120, "paj-sm": 270, "pttcq": 400, "non-judiciarisation": 60}

// QuebecCase builds case number i of the Quebec demo: deterministic for a seed and i. Every
// step goes through records.Do with the profile's declared actions, so that the history, the
// status and the fields are what the commands would have written.
func QuebecCase(p *records.Profile, o Options, i int) (*records.Case, error) {
	r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	received := o.Today.AddDays(-730 + r.IntN(731))
	program := pick(qcPrograms)
	district := pick(qcDistricts)
	switch program {
	case "pmra":
		district = pick(qcPMRADistricts)
	case "paj-sm", "pttcq":
		district = pick(qcCourtDistricts)
	}
	lang, first, last := "fr", firstFR, lastFR
	if r.IntN(100) < 12 {
		lang, first, last = "en", firstEN, lastEN
	}
	indigenous := "non"
	if program == "pmra" || r.IntN(100) < 4 {
		indigenous = "oui"
	}
	var themes string
	if r.IntN(100) < 14 {
		themes = pick(qcThemes)
	}
	// A penal (regulatory) offence goes to the measures alternative to penal prosecution. The
	// case's type stays unset: create cannot set it on this profile (it declares no classify).
	offence := pick(qcOffences)
	if program == "non-judiciarisation" && r.IntN(3) == 0 {
		offence = pick(qcPenalOffences)
	}
	city := qcCity[district]
	if city == "" {
		city = p.Fields.Find("district").Codes.Find(district).Label("fr")
	}
	c := &records.Case{
		Language: lang, Received: received, Channel: pick([]string{"form", "form", "form", "email", "court", "mail"}),
		Summary: pick(qcSummaries),
	}
	set := map[string]string{
		"program": program, "district": district, "indigenous": indigenous, "themes": themes,
		"person":         pick(first) + " " + pick(last),
		"person_address": fmt.Sprintf("%d, %s, %s", 10+r.IntN(9000), pick(qcStreets), city),
		"court_file":     fmt.Sprintf("%03d-01-%06d-%02d%d", courtNumber(district), r.IntN(1000000), received.Year%100, 1+r.IntN(9)),
		"offences":       offence,
		"prosecutor":     "Me " + pick(firstFR) + " " + pick(lastFR),
	}
	for _, name := range []string{"program", "district", "indigenous", "themes", "person", "person_address", "court_file", "offences", "prosecutor"} {
		if set[name] == "" {
			continue
		}
		if err := p.SetField(c, name, set[name]); err != nil {
			return nil, fmt.Errorf("demo case %d: %w", i, err)
		}
	}
	day := received
	act := func(after int) (records.Act, bool) {
		day = day.AddDays(after)
		return records.Act{Actor: o.Actor, Now: day.Time().Add(14 * time.Hour), Date: day}, !day.After(o.Today)
	}
	a, _ := act(0)
	records.NewCase(c, p, a)
	l := &qcLife{c: c, p: p, r: r, act: act, program: program, district: district, themes: themes}
	if err := l.live(); err != nil {
		return nil, fmt.Errorf("demo case %d: %w", i, err)
	}
	return c, nil
}

// courtNumber is a district's number in court file numbers (to confirm: demo data only; the
// larger districts' numbers are the familiar ones).
func courtNumber(district string) int {
	switch district {
	case "montreal":
		return 500
	case "quebec":
		return 200
	case "laval":
		return 540
	case "longueuil":
		return 505
	case "terrebonne":
		return 700
	case "gatineau":
		return 550
	}
	return 100 + len(district)*7
}

// qcLife is the rest of a Quebec demo case's life, while it is lived.
type qcLife struct {
	c                         *records.Case
	p                         *records.Profile
	r                         *rand.Rand
	act                       func(after int) (records.Act, bool)
	program, district, themes string
}

func (l *qcLife) pick(s []string) string { return s[l.r.IntN(len(s))] }

// organisation is who runs the program's measure: the court teams for PAJ-SM and PTTCQ, a
// community justice committee for the Indigenous adults' program, else the district's
// community justice organisation.
func (l *qcLife) organisation() string {
	switch l.program {
	case "paj-sm":
		return "paj-sm-equipe"
	case "pttcq":
		return "pttcq-equipe"
	case "pmra":
		return "comite-justice-autochtone"
	}
	if o, ok := qcOrganisation[l.district]; ok {
		return o
	}
	return "equijustice-capitale"
}

// step runs the declared action on the case, after days, unless that falls after today
// (false: the life ends there).
func (l *qcLife) step(after int, action string, st Step) (bool, error) {
	a, ok := l.act(after)
	if !ok {
		return false, nil
	}
	return true, doAction(l.c, l.p, a, action, st)
}

// live takes the case from the referral received to its end. The random numbers are drawn
// in the same order whatever happens, so that a seed always makes the same cases.
func (l *qcLife) live() error {
	eligibility := 3 + l.r.IntN(25)
	decision := l.r.IntN(100)
	// A theme the general program excludes (conjugal or sexual violence) is most often refused.
	refuseBelow := 16
	if l.themes == "violence-conjugale" || l.themes == "violence-sexuelle" {
		if l.program == "pmrg" {
			refuseBelow = 85
		} else {
			refuseBelow = 35
		}
	}
	reason := l.pick(qcReasons)
	if refuseBelow > 16 && l.r.IntN(3) > 0 {
		reason = "infraction-exclue"
	}
	referAfter := 1 + l.r.IntN(10)
	signAfter := 7 + l.r.IntN(40)
	signed := l.r.IntN(100)
	measure := l.pick(qcMeasures)
	hours := 10 + 5*l.r.IntN(15)
	length := qcLength[l.program]
	doneAfter := length/2 + l.r.IntN(length)
	outcome := l.r.IntN(100)
	failBelow := map[string]int{"pmrg": 14, "pmra": 18, "paj-sm": 30, "pttcq": 38, "non-judiciarisation": 8}[l.program]
	reopen := l.r.IntN(30) == 0

	switch {
	case decision < 3:
		_, err := l.step(eligibility, "withdraw", Step{Reason: "Le poursuivant retire le renvoi."})
		return err
	case decision < 3+refuseBelow:
		_, err := l.step(eligibility, "refuse", Step{Reason: reason})
		return err
	}
	if ok, err := l.step(eligibility, "admit", Step{}); !ok || err != nil {
		return err
	}
	if ok, err := l.step(referAfter, "refer", Step{To: l.organisation()}); !ok || err != nil {
		return err
	}
	switch {
	case signed < 4:
		_, err := l.step(signAfter, "withdraw", Step{Reason: "Le poursuivant retire le renvoi."})
		return err
	case signed < 14:
		ok, err := l.step(signAfter, "fail", Step{Outcome: "returned", Reason: "La personne n’a pas donné suite aux appels de l’organisme."})
		if !ok || err != nil || !reopen {
			return err
		}
		// The person comes forward after all: the file is reopened and sent again.
		if ok, err := l.step(5+l.r.IntN(20), "reopen", Step{Reason: "La personne s’est manifestée."}); !ok || err != nil {
			return err
		}
		if ok, err := l.step(1+l.r.IntN(5), "refer", Step{To: l.organisation()}); !ok || err != nil {
			return err
		}
	}
	if ok, err := l.step(signAfter, "sign", Step{Fields: map[string]string{"measure": measure, "hours": fmt.Sprint(hours)}}); !ok || err != nil {
		return err
	}
	if outcome < failBelow {
		_, err := l.step(doneAfter, "fail", Step{Outcome: "failed", Reason: "La mesure convenue n’a pas été réalisée dans le délai."})
		return err
	}
	_, err := l.step(doneAfter, "complete", Step{Outcome: "completed"})
	return err
}

// Step is what the demo gives a declared action: the partner, the outcome, the reason and the
// declared fields it sets.
type Step struct {
	To, Outcome, Reason string
	Fields              map[string]string
}

// doAction runs the declared action through records.Do, the door of dossier do.
func doAction(c *records.Case, p *records.Profile, a records.Act, action string, st Step) error {
	in := records.DoInput{To: st.To, Outcome: st.Outcome, Reason: st.Reason}
	for _, name := range slices.Sorted(maps.Keys(st.Fields)) {
		in.Fields = append(in.Fields, records.FieldInput{Name: name, Value: st.Fields[name]})
	}
	return records.Do(c, p, a, action, in)
}
