package codec

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// seedRecords are the files under testdata/golden, added to every fuzz
// corpus so the targets start from real records.
func seedRecords(f *testing.F) {
	for _, dir := range []string{"testdata/golden", "testdata/golden/input"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzParseEncode: whatever parses encodes to a file that parses back to the same case, and
// encoding is a fixed point (fmt is idempotent), comments included.
func FuzzParseEncode(f *testing.F) {
	seedRecords(f)
	f.Add([]byte("id: 2026-K7M2Q\nstatus: received\nlanguage: en\nreceived: 2026-01-15\nsummary: \"a\\tb\\n\"\n"))
	f.Add([]byte("# head\nid: 2026-K7M2Q # line\nflags: [\"no\", \"1e3\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		enc1, err := EncodeRecord(rec)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		rec2, err := Parse("f.yaml", enc1)
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n--- input\n%s\n--- encoded\n%s", err, data, enc1)
		}
		if !reflect.DeepEqual(normalized(rec.Case), normalized(rec2.Case)) {
			t.Fatalf("parse→encode→parse changed the case:\nbefore %#v\nafter  %#v\n--- encoded\n%s", rec.Case, rec2.Case, enc1)
		}
		enc2, err := EncodeRecord(rec2)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("encode is not a fixed point:\n--- input\n%q\n--- first\n%s\n--- second\n%s", data, enc1, enc2)
		}
		plain, err := Encode(&rec.Case)
		if err != nil {
			t.Fatalf("encode without comments: %v", err)
		}
		rec3, err := Parse("f.yaml", plain)
		if err != nil || !reflect.DeepEqual(normalized(rec.Case), normalized(rec3.Case)) {
			t.Fatalf("comment-free encoding does not round-trip (%v):\n%s", err, plain)
		}
	})
}

// normalized makes the representations that mean the same thing equal: an empty list and no
// list, an empty mapping and no mapping (the canonical form leaves both out).
func normalized(c records.Case) records.Case {
	v := reflect.ValueOf(&c).Elem()
	emptiesToZero(v)
	return c
}

func emptiesToZero(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		emptiesToZero(v.Elem())
		if v.Elem().IsZero() {
			v.SetZero()
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			emptiesToZero(v.Index(i))
		}
		if v.Len() == 0 {
			v.SetZero()
		}
	case reflect.Struct:
		if _, ok := v.Addr().Interface().(interface{ MarshalText() ([]byte, error) }); ok {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			emptiesToZero(v.Field(i))
		}
	}
}
