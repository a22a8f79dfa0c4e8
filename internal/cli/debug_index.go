package cli

import (
	"fmt"

	recstore "github.com/dossier-dev/dossier/records/store"
)

// debugIndex tells, with --debug, how a read command got its summaries: from the index
// unchanged, from the index by content (blob id: a fresh clone with .dossier/ restored), or by
// parsing. It is how a CI job checks that its restored cache is used.
func debugIndex(f *Factory, st recstore.ReadStats) {
	fmt.Fprintf(f.Err, "debug: index: %d entries read; %d record files: %d unchanged, %d same content, %d parsed; blob ids: %d from git, %d hashed\n",
		st.Indexed, st.Files, st.Unchanged, st.SameBlob, st.Parsed, st.FromGit, st.Hashed)
}
