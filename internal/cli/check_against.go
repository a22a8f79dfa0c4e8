package cli

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// collision is a case id that names a different case on the other branch.
type collision struct {
	path, id string
	there    *records.Case
}

// comparison is what check --against and renumber --against learn about the cases of the
// working tree and those of another commit.
type comparison struct {
	collisions  []collision
	bothChanged []string // paths of cases changed both here and there since the merge base
	refIDs      map[string]bool
}

// compareWith compares the records of the working tree with those of the commit ref: an id
// present on both sides whose files differ is either one case changed on both sides (it was
// there at the merge base) or two cases each branch created under the same id (a collision).
func compareWith(store *records.Store, ref string) (*comparison, error) {
	dir := store.Dir
	if _, err := gitBytes(dir, nil, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, usageErrorf("--against %s: no such commit in this repository: fetch it first (e.g. git fetch origin main, then --against origin/main)", ref)
	}
	there, err := treeRecords(dir, ref)
	if err != nil {
		return nil, err
	}
	cmp := &comparison{refIDs: map[string]bool{}}
	for p := range there {
		if id := records.IDFromPath(p); id != "" {
			cmp.refIDs[id] = true
		}
	}
	local, _, err := store.RecordFiles()
	if err != nil {
		return nil, err
	}
	var common []string
	for _, p := range local {
		if _, ok := there[p]; ok {
			common = append(common, p)
		}
	}
	if len(common) == 0 {
		return cmp, nil
	}
	hashes, err := gitBytes(dir, []byte(strings.Join(common, "\n")+"\n"), "hash-object", "--no-filters", "--stdin-paths")
	if err != nil {
		return nil, err
	}
	// The merge base tells an id minted on both branches (absent from the base) from a case
	// changed on both; without it (a shallow clone), the cases' contents have to tell.
	var base map[string]string
	if mb, err := gitBytes(dir, nil, "merge-base", "HEAD", ref); err == nil {
		if base, err = treeRecords(dir, strings.TrimSpace(string(mb))); err != nil {
			return nil, err
		}
	}
	var differ, blobs, localHash []string
	for i, h := range strings.Fields(string(hashes)) {
		if i < len(common) && h != there[common[i]] {
			differ = append(differ, common[i])
			blobs = append(blobs, there[common[i]])
			localHash = append(localHash, h)
		}
	}
	contents, err := catBlobs(dir, blobs)
	if err != nil {
		return nil, err
	}
	for i, p := range differ {
		other, errThere := records.Parse(p, contents[blobs[i]])
		if base != nil {
			if b, inBase := base[p]; inBase {
				if localHash[i] != b && there[p] != b {
					cmp.bothChanged = append(cmp.bothChanged, p)
				}
				continue
			}
		} else {
			data, err := store.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			here, errHere := records.Parse(p, data)
			if errHere != nil || errThere != nil || !records.DifferentCases(&here.Case, &other.Case) {
				continue // an unreadable record is the plain check's business
			}
		}
		c := collision{path: p, id: records.IDFromPath(p)}
		if errThere == nil {
			c.there = &other.Case
		}
		cmp.collisions = append(cmp.collisions, c)
	}
	return cmp, nil
}

// treeRecords lists the files under records/ in the commit ref: path → blob id.
func treeRecords(dir, ref string) (map[string]string, error) {
	out, err := gitBytes(dir, nil, "ls-tree", "-r", "-z", ref, "--", "records/")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, entry := range strings.Split(string(out), "\x00") {
		meta, p, ok := strings.Cut(entry, "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 && f[1] == "blob" {
			m[p] = f[2]
		}
	}
	return m, nil
}

// catBlobs reads blobs with one git cat-file --batch.
func catBlobs(dir string, ids []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	data, err := gitBytes(dir, []byte(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	for len(data) > 0 {
		header, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			break
		}
		f := strings.Fields(string(header))
		if len(f) != 3 {
			data = rest
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: unexpected output %q", header)
		}
		out[f[0]] = rest[:size]
		data = rest[size+1:]
	}
	return out, nil
}

// checkAgainst reports what merging ref would meet: id collisions (errors) and cases changed
// on both sides (warnings: merge them locally, where the merge driver works). It returns
// the number of errors.
func checkAgainst(f *Factory, store *records.Store, ref string, report func(string)) (int, error) {
	cmp, err := compareWith(store, ref)
	if err != nil {
		return 0, err
	}
	sort.Slice(cmp.collisions, func(i, j int) bool { return cmp.collisions[i].path < cmp.collisions[j].path })
	for _, c := range cmp.collisions {
		about := ""
		if c.there != nil {
			about = fmt.Sprintf(" (received %s, created %s)", c.there.Received, createdText(c.there))
		}
		report(fmt.Sprintf("%s: id: id collision with %s: %s there is a different case%s: give this one a new id with dossier renumber %s --against %s",
			c.path, ref, c.id, about, c.id, ref))
	}
	for _, p := range cmp.bothChanged {
		report(fmt.Sprintf("%s: warning: changed both here and on %s: merge %s locally (git merge %s), where dossier's merge driver combines the changes; a forge's merge button merges lines and ignores it",
			p, ref, ref, ref))
	}
	return len(cmp.collisions), nil
}

func createdText(c *records.Case) string { return records.CreatedBy(c) }
