// Package demo generates a realistic records repository: bilingual complainants, several
// police services, every stage of the lifecycle, two years of dates. Every case goes through
// the real workflow verbs and the real store, so a demo repository is a valid one.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/store"
)

// Options say how many cases to make, up to which day, and the random seed.
type Options struct {
	Cases int
	Today records.Date
	Seed  uint64
	Actor string
	// Progress, when set, is called after each case.
	Progress func(done, total int)
}

var (
	firstEN = []string{"James", "Sarah", "Michael", "Emily", "David", "Jessica", "Daniel", "Ashley", "Ryan", "Priya", "Mohamed", "Grace"}
	firstFR = []string{"Marie", "Jean", "Sophie", "Luc", "Chantal", "Mathieu", "Isabelle", "François", "Nathalie", "Étienne", "Josée", "Amélie"}
	lastEN  = []string{"Smith", "Brown", "Wilson", "MacDonald", "Taylor", "Singh", "Campbell", "Anderson", "Chen", "Okafor", "Martin"}
	lastFR  = []string{"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Pelletier"}
	places  = map[string][]string{
		"toronto-ps": {"Toronto", "Scarborough", "Etobicoke"}, "ottawa-ps": {"Ottawa", "Vanier", "Orléans"},
		"opp": {"Kingston", "Hawkesbury", "Kenora"}, "peel-rps": {"Mississauga", "Brampton"},
		"york-rps": {"Markham", "Vaughan"}, "hamilton-ps": {"Hamilton"}, "sudbury-ps": {"Sudbury"},
		"thunder-bay-ps": {"Thunder Bay"},
	}
	// areaOf is the profile's area of each place (demo draws no extra random number for it, so
	// a seed makes the same cases as before areas existed).
	areaOf = map[string]string{
		"Toronto": "toronto", "Scarborough": "toronto", "Etobicoke": "toronto", "Ottawa": "ottawa", "Vanier": "ottawa",
		"Orléans": "ottawa", "Kingston": "kingston", "Hawkesbury": "prescott-russell", "Kenora": "kenora",
		"Mississauga": "peel", "Brampton": "peel", "Markham": "york", "Vaughan": "york", "Hamilton": "hamilton",
		"Sudbury": "greater-sudbury", "Thunder Bay": "thunder-bay",
	}
	services   = []string{"toronto-ps", "toronto-ps", "ottawa-ps", "ottawa-ps", "opp", "peel-rps", "york-rps", "hamilton-ps", "sudbury-ps", "thunder-bay-ps"}
	summaryEN  = []string{"Officer used abusive language during a traffic stop.", "Complainant says an officer refused to take a report of a break-in.", "Alleges excessive force during an arrest outside a bar.", "Officer disclosed the complainant's information to a neighbour.", "Long delay in responding to a call about a domestic dispute.", "Service policy on street checks is applied unfairly.", "Property seized during a search was returned damaged.", "Officer appeared intoxicated while on duty at an event."}
	summaryFR  = []string{"L'agent a tenu des propos injurieux lors d'un contrôle routier.", "Le plaignant affirme qu'un agent a refusé de prendre sa plainte pour introduction par effraction.", "Allègue un usage excessif de la force lors d'une arrestation devant un bar.", "L'agent a communiqué des renseignements personnels à un voisin.", "Long délai de réponse à un appel pour une dispute familiale.", "La politique du service sur les contrôles de rue est appliquée de façon injuste.", "Des biens saisis lors d'une perquisition ont été rendus endommagés.", "L'agent semblait en état d'ébriété pendant son service."}
	channels   = []string{"email", "email", "web", "web", "mail", "phone", "in-person", "police-forwarded"}
	categories = []string{"discreditable-conduct", "discreditable-conduct", "neglect-of-duty", "neglect-of-duty", "unlawful-exercise-of-authority", "deceit", "breach-of-confidence", "damage-to-equipment", "drugs-or-alcohol", "insubordination", "corrupt-practice", "accessory"}
	grounds    = []string{"frivolous", "vexatious", "bad-faith", "other-law", "no-jurisdiction", "not-public-interest", "over-six-months"}
	flags      = []string{"vulnerable-person", "youth", "indigenous", "litigious", "systemic", "domestic-violence"}
)

// Case builds case number i: it is deterministic for a seed and i.
func Case(p *records.Profile, o Options, i int) (*records.Case, error) {
	r := rand.New(rand.NewPCG(o.Seed, uint64(i)))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	start := o.Today.AddDays(-730)
	received := start.AddDays(r.IntN(731))
	if i%100 == 7 {
		// A review takes a few weeks: left to chance, 500 cases may hold none under review
		// today. One case in a hundred is a decision under review.
		received = o.Today.AddDays(-120 - r.IntN(60))
	}
	fr := r.IntN(10) < 3
	lang, first, last, summaries := "en", firstEN, lastEN, summaryEN
	if fr {
		lang, first, last, summaries = "fr", firstFR, lastFR, summaryFR
	}
	service := pick(services)
	name := pick(first) + " " + pick(last)
	c := &records.Case{
		Language: lang, Received: received, Channel: pick(channels),
		Complainant: &records.Party{Name: name, Email: emailOf(name, i), Phone: fmt.Sprintf("+1 %03d 555 %04d", 416+r.IntN(300), r.IntN(10000))},
		Respondent:  &records.Respondent{Service: service, Officers: []records.Officer{{Name: "Cst. " + pick(lastEN), Badge: fmt.Sprintf("%d", 1000+r.IntN(9000))}}},
		Incident:    &records.Incident{Date: received.AddDays(-1 - r.IntN(60)), Location: pick(places[service])},
		Summary:     pick(summaries),
	}
	if p.Areas.Has(areaOf[c.Incident.Location]) {
		c.Incident.Area = areaOf[c.Incident.Location]
	}
	if r.IntN(20) == 0 {
		c.Incident.Date = received.AddDays(-200 - r.IntN(200))
	}
	day := received
	act := func(after int) (records.Act, bool) {
		day = day.AddDays(after)
		return records.Act{Actor: o.Actor, Now: day.Time().Add(14 * time.Hour), Date: day}, !day.After(o.Today)
	}
	a, _ := act(0)
	records.NewCase(c, p, a)
	if i%100 == 7 {
		if err := underReview(c, p, act, pick(categories)); err != nil {
			return nil, fmt.Errorf("demo case %d: %w", i, err)
		}
		return c, nil
	}
	l := &life{c: c, p: p, r: r, act: act, service: service}
	if err := l.live(); err != nil {
		return nil, fmt.Errorf("demo case %d: %w", i, err)
	}
	return c, nil
}

// life is the rest of a demo case's life after it was received, while it is lived.
type life struct {
	c        *records.Case
	p        *records.Profile
	r        *rand.Rand
	act      func(after int) (records.Act, bool)
	service  string // the respondent's service
	retained bool
	finding  string
	asked    bool // an information request was made
	reviewed bool // a review was requested
}

func (l *life) pick(s []string) string { return s[l.r.IntN(len(s))] }

// lifeStage is one stage of a demo case's life: whether it happens (nil: always; drawn
// before its wait), how many days after the previous stage it falls (drawn), and what is
// done then; done ends the life.
type lifeStage struct {
	when  func(l *life) bool
	after func(l *life) int
	do    func(l *life, a records.Act) (done bool, err error)
}

// lifeStages are the stages in order. The random numbers are drawn in the order the stages
// are listed, so that a seed always makes the same cases; a stage that would fall after
// today ends the life there.
var lifeStages = []lifeStage{
	{ // classification, or a withdrawal before it
		after: func(l *life) int { return 1 + l.r.IntN(5) },
		do: func(l *life, a records.Act) (bool, error) {
			if l.r.IntN(25) == 0 {
				return true, records.Withdraw(l.c, l.p, a, "")
			}
			typ := []string{"conduct", "conduct", "conduct", "service", "service", "policy"}[l.r.IntN(6)]
			var cats, fl []string
			if typ == "conduct" {
				cats = []string{l.pick(categories)}
				if l.r.IntN(3) == 0 {
					cats = append(cats, l.pick(categories))
				}
			}
			if l.r.IntN(6) == 0 {
				fl = []string{l.pick(flags)}
			}
			return false, records.Classify(l.c, l.p, a, typ, cats, fl)
		},
	},
	{ // screening: out (over six months when the incident is that old) ends the life
		after: func(l *life) int { return 3 + l.r.IntN(20) },
		do: func(l *life, a records.Act) (bool, error) {
			if l.r.IntN(100) < 35 {
				g := []string{l.pick(grounds)}
				if l.c.Incident.Date.DaysUntil(l.c.Received) > 183 {
					g = []string{"over-six-months"}
				}
				return true, records.ScreenOut(l.c, l.p, a, g)
			}
			return false, records.ScreenIn(l.c, l.p, a)
		},
	},
	{ // routing: retained, referred to another service, or to the respondent's
		after: func(l *life) int { return 1 + l.r.IntN(5) },
		do: func(l *life, a records.Act) (bool, error) {
			l.retained = l.r.IntN(100) < 15
			switch {
			case l.retained:
				return false, records.Retain(l.c, l.p, a)
			case l.r.IntN(100) < 10:
				return false, records.Refer(l.c, l.p, a, l.pick(services), "investigation", records.Date{})
			}
			return false, records.Refer(l.c, l.p, a, l.service, "investigation", records.Date{})
		},
	},
	{ // an information request to the complainant...
		when:  func(l *life) bool { return l.r.IntN(8) == 0 },
		after: func(l *life) int { return 2 + l.r.IntN(10) },
		do: func(l *life, a records.Act) (bool, error) {
			l.asked = true
			return false, records.RequestItem(l.c, l.p, a, []string{"statement", "photos", "medical-records", "video"}[l.r.IntN(4)], "complainant", records.Date{})
		},
	},
	{ // ... and its answer
		when:  func(l *life) bool { return l.asked },
		after: func(l *life) int { return 5 + l.r.IntN(40) },
		do: func(l *life, a records.Act) (bool, error) {
			return false, records.RequestReceived(l.c, l.p, a, l.c.Requests[0].Item, "")
		},
	},
	{ // an early resolution ends the life
		when:  func(l *life) bool { return l.r.IntN(10) == 0 },
		after: func(l *life) int { return 10 + l.r.IntN(60) },
		do: func(l *life, a records.Act) (bool, error) {
			return true, records.Close(l.c, l.p, a, "early-resolution", "")
		},
	},
	{ // a status update of a referral
		when:  func(l *life) bool { return !l.retained && l.r.IntN(2) == 0 },
		after: func(l *life) int { return 40 + l.r.IntN(10) },
		do: func(l *life, a records.Act) (bool, error) {
			return false, records.ReferralUpdate(l.c, l.p, a, records.ReferralChoice{})
		},
	},
	{ // the finding: decided by the office, or in the referral's report
		after: func(l *life) int { return 30 + l.r.IntN(110) },
		do: func(l *life, a records.Act) (bool, error) {
			l.finding = l.p.OutcomesFor(l.c.Type).List()[l.r.IntN(2)]
			if l.retained {
				return false, records.Decide(l.c, l.p, a, l.finding)
			}
			return false, records.ReferralReturned(l.c, l.p, a, records.ReferralChoice{}, l.finding)
		},
	},
	{ // a review request...
		when:  func(l *life) bool { return l.r.IntN(8) == 0 },
		after: func(l *life) int { return 5 + l.r.IntN(30) },
		do: func(l *life, a records.Act) (bool, error) {
			l.reviewed = true
			_, err := records.ReviewRequest(l.c, l.p, a)
			return false, err
		},
	},
	{ // ... and its decision; a new investigation ends the life
		when:  func(l *life) bool { return l.reviewed },
		after: func(l *life) int { return 10 + l.r.IntN(30) },
		do: func(l *life, a records.Act) (bool, error) {
			outcome := []string{"confirmed", "confirmed", "confirmed", "varied", "new-investigation"}[l.r.IntN(5)]
			return outcome == "new-investigation", records.ReviewDecide(l.c, l.p, a, outcome)
		},
	},
	{ // closing with the finding
		after: func(l *life) int { return 3 + l.r.IntN(15) },
		do: func(l *life, a records.Act) (bool, error) {
			return true, records.Close(l.c, l.p, a, l.finding, "")
		},
	},
}

// live takes the case through its stages until one ends it, fails, or would fall after today.
func (l *life) live() error {
	for _, st := range lifeStages {
		if st.when != nil && !st.when(l) {
			continue
		}
		a, ok := l.act(st.after(l))
		if !ok {
			return nil
		}
		done, err := st.do(l, a)
		if err != nil || done {
			return err
		}
	}
	return nil
}

// underReview takes a conduct complaint through referral and decision to a review request
// made a few days ago.
func underReview(c *records.Case, p *records.Profile, act func(int) (records.Act, bool), category string) error {
	steps := []struct {
		after int
		do    func(a records.Act) error
	}{
		{2, func(a records.Act) error { return records.Classify(c, p, a, "conduct", []string{category}, nil) }},
		{5, func(a records.Act) error { return records.ScreenIn(c, p, a) }},
		{2, func(a records.Act) error {
			return records.Refer(c, p, a, c.Respondent.Service, "investigation", records.Date{})
		}},
		{60, func(a records.Act) error {
			return records.ReferralReturned(c, p, a, records.ReferralChoice{}, "unsubstantiated")
		}},
		{10, func(a records.Act) error { _, err := records.ReviewRequest(c, p, a); return err }},
	}
	for _, st := range steps {
		a, ok := act(st.after)
		if !ok {
			return fmt.Errorf("a review step falls on %s, after today", a.Date)
		}
		if err := st.do(a); err != nil {
			return err
		}
	}
	return nil
}

func emailOf(name string, i int) string {
	b := make([]rune, 0, len(name))
	for _, r := range name {
		switch {
		case r == ' ':
			b = append(b, '.')
		case r >= 'A' && r <= 'Z':
			b = append(b, r+'a'-'A')
		case r >= 'a' && r <= 'z':
			b = append(b, r)
		case r == 'é' || r == 'É' || r == 'è':
			b = append(b, 'e')
		case r == 'ç':
			b = append(b, 'c')
		case r == 'ô':
			b = append(b, 'o')
		}
	}
	return fmt.Sprintf("%s%d@example.org", string(b), i%100)
}

// Profiles are the embedded profiles demo builds a repository for.
func Profiles() []string { return []string{OntarioProfile, QuebecProfile} }

// OntarioProfile is the name of the profile Case makes cases for.
const OntarioProfile = "ontario-oversight"

// generatorFor is the function that makes the cases of a profile's demo.
func generatorFor(profile string) (func(*records.Profile, Options, int) (*records.Case, error), error) {
	switch profile {
	case OntarioProfile, "":
		return Case, nil
	case QuebecProfile:
		return QuebecCase, nil
	}
	return nil, fmt.Errorf("no demo for the profile %q: demo builds %s", profile, strings.Join(Profiles(), ", "))
}

// Build writes o.Cases cases of the store's profile into the store, on all cores.
func Build(s *store.Store, o Options) error {
	gen, err := generatorFor(s.Profile.Name)
	if err != nil {
		return err
	}
	var (
		mu   sync.Mutex
		done int
		errs = make([]error, o.Cases)
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				c, err := gen(s.Profile, o, i)
				if err == nil {
					_, err = s.Create(c)
				}
				if err != nil {
					errs[i] = fmt.Errorf("demo case %d: %w", i, err)
				}
				mu.Lock()
				done++
				if o.Progress != nil {
					o.Progress(done, o.Cases)
				}
				mu.Unlock()
			}
		})
	}
	for i := range o.Cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}
