package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// measureFields times the warm commands on the -fields copy of repo, against its own read floor.
func measureFields(bin, repo string, n, runs int) {
	repo = ensureFieldsRepo(repo)
	env := []string{"DOSSIER_NOW=" + now, "DOSSIER_DIR=" + repo, "DOSSIER_ACTOR=bench"}
	dossier := func(args ...string) result { return timeIt(runs, repo, env, bin, args...) }
	floor := timeIt(runs, repo, env, "sh", "-c", `find records -name '*.yaml' -print0 | xargs -0 cat > /dev/null`)
	dossier("list", "--status", "open", "-o", "ids") // build the index
	fmt.Printf("## %d cases with declared fields\n\n", n)
	fmt.Printf("| measure | time | ratio | target | peak RSS |\n|---|--:|--:|---|--:|\n")
	fmt.Printf("| read floor: find \\| xargs cat | %s | 1.00 | | |\n", ms(floor.wall))
	for _, r := range []struct {
		name string
		args []string
	}{
		{"list --status open --service toronto-ps", []string{"list", "--status", "open", "--service", "toronto-ps", "-o", "tsv"}},
		{"list --field district=montreal --field themes=child", []string{"list", "--field", "district=montreal", "--field", "themes=child", "-o", "tsv"}},
		{"due --overdue", []string{"due", "--overdue", "-o", "tsv"}},
		{"stats --by service,type", []string{"stats", "--by", "service,type", "-o", "tsv"}},
		{"stats --by district,themes", []string{"stats", "--by", "district,themes", "-o", "tsv"}},
		{"report oversight --period 2026-Q3", []string{"report", "oversight", "--period", "2026-Q3", "-o", "json"}},
	} {
		res := dossier(r.args...)
		fmt.Printf("| %s (warm) | %s | %.2f of floor | ≤ 0.5 of floor | %d MB |\n", r.name, ms(res.wall), ratio(res.wall, floor.wall), res.rss/1024)
	}
	fmt.Println()
}
