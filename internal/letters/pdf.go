package letters

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-pdf/fpdf"
)

// PDF layout, in millimetres and points.
const (
	pdfFont       = "DejaVu"
	pdfSize       = 10.5 // body text, pt
	pdfLine       = 5.2  // body line height, mm
	pdfMargin     = 25.0
	pdfTop        = 22.0
	pdfListIndent = 6.0
)

// PDF writes the letter as a PDF (US Letter) in DejaVu Sans, embedded and subset, so that every
// accent prints. The document's dates are the letter's date, so the same letter gives the same
// bytes.
func (d *Doc) PDF(w io.Writer) error {
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.AddUTF8FontFromBytes(pdfFont, "", dejavusans.TTF)
	pdf.AddUTF8FontFromBytes(pdfFont, "B", dejavusansbold.TTF)
	when := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	if !d.Date.IsZero() {
		when = d.Date.Time().Add(12 * time.Hour)
	}
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(PDFText(d.Title), true)
	pdf.SetCreator("dossier", true)
	pdf.SetLang(d.Lang)
	pdf.SetMargins(pdfMargin, pdfTop, pdfMargin)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont(pdfFont, "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s · %d/{nb}", d.CaseID, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	left, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	for i, b := range d.Blocks {
		if i > 0 {
			pdf.Ln(pdfLine * 0.7)
		}
		switch b.Kind {
		case BlockHeading:
			size := map[int]float64{1: 14, 2: 12, 3: 11}[b.Level]
			pdf.Ln(pdfLine * 0.3)
			writeSpans(pdf, b.Spans, size, pdfLine*size/pdfSize, true)
		case BlockParagraph:
			writeSpans(pdf, b.Spans, pdfSize, pdfLine, false)
		case BlockList:
			for j, it := range b.Items {
				if j > 0 {
					pdf.Ln(pdfLine * 0.2)
				}
				pdf.SetFont(pdfFont, "", pdfSize)
				pdf.SetX(left)
				pdf.Write(pdfLine, "•")
				pdf.SetLeftMargin(left + pdfListIndent)
				pdf.SetX(left + pdfListIndent)
				writeSpans(pdf, it, pdfSize, pdfLine, false)
				pdf.SetLeftMargin(left)
			}
		case BlockRule:
			y := pdf.GetY() + pdfLine/2
			pdf.SetLineWidth(0.2)
			pdf.Line(left, y, pageW-right, y)
			pdf.SetY(y)
			pdf.Ln(pdfLine / 2)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return pdf.Output(w)
}

// writeSpans flows the spans from the cursor, wrapping at the margins, and ends the line.
func writeSpans(pdf *fpdf.Fpdf, spans []Span, size, line float64, bold bool) {
	for _, s := range spans {
		if s.Break {
			pdf.Ln(line)
			continue
		}
		style := ""
		if bold || s.Bold {
			style = "B"
		}
		pdf.SetFont(pdfFont, style, size)
		pdf.Write(line, PDFText(s.Text))
	}
	pdf.Ln(line)
}

// PDFSubstitute is the glyph a PDF letter prints for a character outside the Basic
// Multilingual Plane (emoji, mathematical letters, rare CJK ideographs): the PDF library's
// Unicode fonts address BMP glyphs only, and DejaVu Sans covers none beyond it. The record
// keeps the character; 'letter --format pdf' warns naming the field (see OutsidePDFFont).
const PDFSubstitute = '\uFFFD'

// PDFText is s as a PDF letter prints it: every character outside the BMP replaced by
// PDFSubstitute.
func PDFText(s string) string {
	if !OutsidePDFFont(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xFFFF {
			r = PDFSubstitute
		}
		b.WriteRune(r)
	}
	return b.String()
}

// OutsidePDFFont reports whether s holds a character PDFText replaces.
func OutsidePDFFont(s string) bool {
	for _, r := range s {
		if r > 0xFFFF {
			return true
		}
	}
	return false
}
