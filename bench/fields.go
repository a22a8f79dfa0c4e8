package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The -fields repositories: a copy of each demo repository whose dossier.yaml declares fields
// (a public code field and an internal codes field that statistics group by, an internal
// amount, and a personal text field the index must not carry) and whose every case holds a
// value for each, so that the warm targets are measured with declared fields in use.

const declaredFields = `
fields:
  district:
    kind: code
    class: public
    group: true
    en: Judicial district
    fr: District judiciaire
    codes:
      - {code: montreal, en: Montreal, fr: Montréal}
      - {code: quebec, en: Quebec City, fr: Québec}
      - {code: gaspe, en: Gaspé, fr: Gaspé}
      - {code: abitibi, en: Abitibi, fr: Abitibi}
  themes:
    kind: codes
    class: internal
    group: true
    en: Themes
    fr: Thèmes
    codes:
      - {code: conjugal, en: Intimate partner violence, fr: Violence conjugale}
      - {code: sexual, en: Sexual violence, fr: Violence sexuelle}
      - {code: elder, en: Elder abuse, fr: Maltraitance envers les personnes aînées}
      - {code: child, en: Child abuse, fr: Maltraitance envers les enfants}
  amount:
    kind: money
    class: internal
    en: Amount
    fr: Montant
  contact:
    kind: text
    class: personal
    en: Contact person
    fr: Personne-ressource
`

// ensureFieldsRepo copies the demo repository repo to repo-fields (once) with the declared
// fields above and a value of each in every case, and returns its path.
func ensureFieldsRepo(repo string) string {
	dst := repo + "-fields"
	if _, err := os.Stat(filepath.Join(dst, "dossier.yaml")); err == nil {
		return dst
	}
	os.RemoveAll(dst)
	run("", nil, "cp", "-a", repo, dst)
	os.RemoveAll(filepath.Join(dst, ".dossier"))
	f, err := os.OpenFile(filepath.Join(dst, "dossier.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		fail(err)
	}
	if _, err := f.WriteString(declaredFields); err != nil {
		fail(err)
	}
	f.Close()
	districts := []string{"montreal", "quebec", "gaspe", "abitibi"}
	themes := []string{"[conjugal]", "[sexual, elder]", "[child]", "[]", "[conjugal, child]"}
	i := 0
	err = filepath.WalkDir(filepath.Join(dst, "records"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// A top-level key after the history; files stay valid (check does not impose key order).
		data = fmt.Appendf(data, "fields:\n  amount: '%d.%02d'\n  contact: Person %d\n  district: %s\n  themes: %s\n",
			1000+i*37%9000, i%100, i, districts[i%len(districts)], themes[i%len(themes)])
		i++
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		fail(err)
	}
	return dst
}

// measureFields times the warm commands on repo and on its -fields copy, interleaved, and
// prints both against their own read floors, with the CPU time (user + system) of each: on
// a busy machine the CPU time says what declared fields cost better than the wall time.
func measureFields(bin, repo string, n, runs int) {
	fieldsRepo := ensureFieldsRepo(repo)
	envOf := func(dir string) []string {
		return []string{"DOSSIER_NOW=" + now, "DOSSIER_DIR=" + dir, "DOSSIER_ACTOR=bench"}
	}
	floorCmd := `find records -name '*.yaml' -print0 | xargs -0 cat > /dev/null`
	var plainFloor, fieldsFloor result
	for _, dir := range []string{repo, fieldsRepo} {
		timeIt(1, dir, envOf(dir), bin, "list", "--status", "open", "-o", "ids") // build the index
	}
	fmt.Printf("## %d cases, without and with declared fields\n\n", n)
	fmt.Printf("| measure | plain: time, CPU, of floor | declared fields: time, CPU, of floor | CPU with fields / without | peak RSS |\n|---|--:|--:|--:|--:|\n")
	for _, r := range []struct {
		name       string
		args       []string // nil: the read floor
		fieldsOnly bool     // the plain repository has no such field
	}{
		{"read floor: find \\| xargs cat", nil, false},
		{"list --status open --service toronto-ps", []string{"list", "--status", "open", "--service", "toronto-ps", "-o", "tsv"}, false},
		{"due --overdue", []string{"due", "--overdue", "-o", "tsv"}, false},
		{"stats --by service,type", []string{"stats", "--by", "service,type", "-o", "tsv"}, false},
		{"report oversight --period 2026-Q3", []string{"report", "oversight", "--period", "2026-Q3", "-o", "json"}, false},
		{"list --field district=montreal --field themes=child", []string{"list", "--field", "district=montreal", "--field", "themes=child", "-o", "tsv"}, true},
		{"stats --by district,themes", []string{"stats", "--by", "district,themes", "-o", "tsv"}, true},
	} {
		one := func(dir string) result {
			if r.args == nil {
				return timeIt(1, dir, envOf(dir), "sh", "-c", floorCmd)
			}
			return timeIt(1, dir, envOf(dir), bin, r.args...)
		}
		// Interleaved, one run of each at a time, so that both see the same load.
		var ps, fs []result
		for range runs {
			if !r.fieldsOnly {
				ps = append(ps, one(repo))
			}
			fs = append(fs, one(fieldsRepo))
		}
		fields := median(fs)
		if r.args == nil {
			plainFloor, fieldsFloor = median(ps), fields
			fmt.Printf("| %s | %s, %s CPU | %s, %s CPU | %.2f | |\n", r.name, ms(plainFloor.wall), ms(plainFloor.cpu), ms(fields.wall), ms(fields.cpu), ratio(fields.cpu, plainFloor.cpu))
			continue
		}
		plainCell, cpuRatio, rss := "(declared fields only)", "", fields.rss
		if !r.fieldsOnly {
			plain := median(ps)
			plainCell = fmt.Sprintf("%s, %s CPU, %.2f", ms(plain.wall), ms(plain.cpu), ratio(plain.wall, plainFloor.wall))
			cpuRatio = fmt.Sprintf("%.2f", ratio(fields.cpu, plain.cpu))
			rss = max(rss, plain.rss)
		}
		fmt.Printf("| %s (warm) | %s | %s, %s CPU, %.2f | %s | %d MB |\n", r.name, plainCell, ms(fields.wall), ms(fields.cpu), ratio(fields.wall, fieldsFloor.wall), cpuRatio, rss/1024)
	}
	fmt.Println()
}

// median is the run of median wall time and the median CPU time of rs.
func median(rs []result) result {
	walls := make([]time.Duration, len(rs))
	cpus := make([]time.Duration, len(rs))
	var rss int64
	for i, r := range rs {
		walls[i], cpus[i], rss = r.wall, r.cpu, max(rss, r.rss)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	return result{wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2], rss: rss}
}
