package codec

import (
	"math/rand/v2"
	"testing"
)

// FuzzCanonicalReader: on any file, the canonical reader agrees with the strict one (the same
// case, or it declines) and ParseReadOnly with Parse. The corpus in
// testdata/fuzz/FuzzCanonicalReader holds canonical files and the variants of them a person
// or a tool makes (comments, CRLF, tabs, quoting, order, duplicates, unknown fields...).
func FuzzCanonicalReader(f *testing.F) {
	seedRecords(f)
	f.Add(readFile(f, "testdata/bench/typical.yaml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		CheckCanonicalAgrees(t, "f.yaml", data)
	})
}

// FuzzCanonicalCase: the canonical file of a random case (every field of the model, declared
// fields, strings from the hostile corpus and YAML's traps, and the fuzzed text in the summary,
// a category, a declared field's name and value and a history entry), and one variant of it,
// read the same through both readers.
func FuzzCanonicalCase(f *testing.F) {
	for i := range uint64(variants) {
		f.Add(i, uint8(i), "")
	}
	f.Add(uint64(7), uint8(0), "a: b # c")
	f.Add(uint64(8), uint8(9), "line\n  indented\n")
	f.Add(uint64(9), uint8(11), "'\"\\x")
	f.Fuzz(func(t *testing.T, seed uint64, which uint8, text string) {
		g := newCaseGen(seed)
		c := g.newCase()
		c.Summary = text
		c.Categories = append(c.Categories, text)
		if c.Fields != nil {
			c.Fields[text] = c.Fields[text]
			c.Fields["text"] = c.Fields["text"]
			for name, v := range c.Fields {
				if v.IsZero() {
					v.Scalar = text
					c.Fields[name] = v
				}
			}
		}
		if len(c.History) > 0 {
			c.History[0].Detail = text
		}
		data, err := Encode(&c)
		if err != nil {
			return // invalid UTF-8: the encoder refuses it
		}
		CheckCanonicalAgrees(t, "case.yaml", data)
		CheckCanonicalAgrees(t, "variant.yaml", variant(data, int(which), rand.New(rand.NewPCG(seed, uint64(which)))))
	})
}
