package letters

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
)

var pdfShow = regexp.MustCompile(`(?s)\(((?:\\.|[^\\)])*)\)\s*Tj`)

// pdfText extracts the text the PDF shows, one line per text-showing operator, from the page
// streams fpdf writes: Flate-compressed, strings in UTF-16BE (the CIDs of an Identity-H font
// whose CID is the Unicode code point).
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	var lines []string
	for _, m := range pdfStreams(pdf) {
		r, err := zlib.NewReader(bytes.NewReader(m))
		if err != nil {
			continue // a font or an image, not compressed text
		}
		content, err := io.ReadAll(r)
		if err != nil || !bytes.Contains(content, []byte("Tj")) {
			continue
		}
		for _, s := range pdfShow.FindAllSubmatch(content, -1) {
			lines = append(lines, decodeUTF16(unescapePDF(s[1])))
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// pdfStreams are the data of the PDF's streams: what lies between "stream" and its line end
// and the first line that starts with "endstream" (what the expression
// (?s)stream\r?\n(.*?)\r?\nendstream matches, found with bytes.Index: the expression's
// lazy match over the fonts' binary streams was most of the time this took).
func pdfStreams(pdf []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(pdf, []byte("stream"))
		if i < 0 {
			return out
		}
		body := pdf[i+len("stream"):]
		switch {
		case bytes.HasPrefix(body, []byte("\r\n")):
			body = body[2:]
		case bytes.HasPrefix(body, []byte("\n")):
			body = body[1:]
		default:
			pdf = body
			continue
		}
		end := bytes.Index(body, []byte("\nendstream"))
		if end < 0 {
			return out
		}
		next := body[end+len("\nendstream"):]
		if end > 0 && body[end-1] == '\r' {
			end--
		}
		out = append(out, body[:end])
		pdf = next
	}
}

func unescapePDF(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch b[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if b[i] >= '0' && b[i] <= '7' {
				n, j := 0, 0
				for ; j < 3 && i+j < len(b) && b[i+j] >= '0' && b[i+j] <= '7'; j++ {
					n = n*8 + int(b[i+j]-'0')
				}
				out = append(out, byte(n))
				i += j - 1
			} else {
				out = append(out, b[i])
			}
		}
	}
	return out
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}
