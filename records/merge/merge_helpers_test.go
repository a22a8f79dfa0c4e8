package merge

import (
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

func encodedForTest(t testing.TB, c *records.Case) []byte {
	b, err := codec.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
