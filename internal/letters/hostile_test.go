package letters

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-dev/dossier/internal/hostile"
	"github.com/dossier-dev/dossier/records"
)

// TestPDFHostileCorpus renders every template, in both languages, as a PDF for a case whose
// text fields hold the whole printable corpus: no panic, a complete PDF, and every string the
// letter shows (as its text rendering does) is in the PDF's text, characters beyond U+FFFF as
// PDFSubstitute.
func TestPDFHostileCorpus(t *testing.T) {
	t.Parallel()
	p, _, _ := testProfile(t)
	st := stages(t, p)
	s := loadSet(t, nil)
	var keep []string
	for _, h := range hostile.OneLine() {
		if h.Keep {
			keep = append(keep, h.S)
		}
	}
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	shown := 0
	for _, name := range s.Names() {
		stage, ok := st[name]
		if name == "redirected" && redirectPending() {
			continue
		}
		if !ok {
			t.Fatalf("no stage for template %s", name)
		}
		c := *stage.c
		c.Summary = strings.Join(keep, "\n")
		c.Complainant = &records.Party{Name: keep[0], Address: keep[1]}
		c.Incident = &records.Incident{Date: c.Received, Location: keep[3]}
		for _, lang := range []string{"en", "fr"} {
			t.Run(name+"."+lang, func(t *testing.T) {
				d := render(t, s, name, lang, "", &c, stage.today)
				var txt, pdf bytes.Buffer
				if err := d.Write(&txt, "txt"); err != nil {
					t.Fatal(err)
				}
				if err := d.Write(&pdf, "pdf"); err != nil {
					t.Fatal(err)
				}
				if !bytes.HasSuffix(bytes.TrimSpace(pdf.Bytes()), []byte("%%EOF")) {
					t.Fatal("the PDF is not complete (no EOF marker)")
				}
				// Without the page footers, which a page break puts inside the text.
				got := squash(pageFooter.ReplaceAllString(pdfText(t, pdf.Bytes()), ""))
				for _, k := range keep {
					if len([]rune(k)) < 4 || !strings.Contains(txt.String(), k) {
						continue // a short string ("=", "no") may be the letter's own text
					}
					shown++
					if !strings.Contains(got, squash(PDFText(k))) {
						t.Errorf("%q is in the letter but not in the PDF's text:\n%s", k, pdfText(t, pdf.Bytes()))
					}
				}
			})
		}
	}
	if shown == 0 {
		t.Error("no letter shows any string of the corpus: the test proves nothing")
	}
}

var pageFooter = regexp.MustCompile(`(?m)^\S+ · \d+/\d+$`)

func TestPDFText(t *testing.T) {
	if got := PDFText("a😀b𝕳"); got != "a\uFFFDb\uFFFD" {
		t.Errorf("PDFText = %q", got)
	}
	if OutsidePDFFont("Ω≈ç 田中 \u202e") {
		t.Error("BMP text reported outside the font")
	}
}
