package cli

import (
	"fmt"
	"sort"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
	recstore "github.com/dossier-dev/dossier/records/store"
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
func compareWith(f *Factory, store *recstore.Store, ref string) (*comparison, error) {
	g := f.Git()
	if !g.VerifyCommit(ref) {
		return nil, usageErrorf("--against %s: no such commit in this repository: fetch it first (e.g. git fetch origin main, then --against origin/main)", ref)
	}
	there, err := g.Tree(ref, "records/")
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
	hashes, err := g.HashFiles(common)
	if err != nil {
		return nil, err
	}
	// The merge base tells an id minted on both branches (absent from the base) from a case
	// changed on both; without it (a shallow clone), the cases' contents have to tell.
	var base map[string]string
	if mb, err := g.MergeBase("HEAD", ref); err == nil {
		if base, err = g.Tree(mb, "records/"); err != nil {
			return nil, err
		}
	}
	var differ, blobs, localHash []string
	for i, h := range hashes {
		if i < len(common) && h != there[common[i]] {
			differ = append(differ, common[i])
			blobs = append(blobs, there[common[i]])
			localHash = append(localHash, h)
		}
	}
	contents, err := g.CatBlobs(blobs)
	if err != nil {
		return nil, err
	}
	for i, p := range differ {
		other, errThere := codec.Parse(p, contents[blobs[i]])
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
			here, errHere := codec.Parse(p, data)
			if errHere != nil || errThere != nil || !merge.DifferentCases(&here.Case, &other.Case) {
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

// checkAgainst reports what merging ref would meet: id collisions (errors) and cases changed
// on both sides (warnings: merge them locally, where the merge driver works). It returns
// the number of errors.
func checkAgainst(f *Factory, store *recstore.Store, ref string, report func(string)) (int, error) {
	cmp, err := compareWith(f, store, ref)
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
	lost, err := againstLostHistory(f, store, ref)
	if err != nil {
		return 0, err
	}
	for _, l := range lost {
		report(l)
	}
	return len(cmp.collisions) + len(lost), nil
}

func createdText(c *records.Case) string { return merge.CreatedBy(c) }
