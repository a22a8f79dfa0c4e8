package config

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
)

// Most repositories' dossier.yaml is, byte for byte, the one `dossier init` wrote (InitFile:
// templates/init/NAME.yaml, or the one made from a profile without such a file), and reading
// it was most of what starting a dossier process cost: parsing 12 KB of YAML, checking it
// against the schema, decoding the profile below it and merging the two (about 4 ms of a
// 16 ms `create`). The layers of each profile's init file are embedded already read, checked
// and merged over the profile and the run defaults (templates/init/NAME.layers, written by
// `go generate ./...`: the merged node tree, where each setting comes from, the settings
// ignored, the profile's problems). A process whose repository file is exactly an init file,
// with no user file, decodes them instead. Any other file, however small the edit, and any
// user file take the full path (readFileLayers): its problems, line numbers and origins are
// found as before. The layers carry the checksum of what they were made from (the init file,
// its profile, the run defaults): stale ones are not used, and TestInitLayersUpToDate fails
// until they are regenerated.

//go:generate go run ./gennodes -init ../../templates/init

// layersMagic starts encoded file layers; the version changes with the format.
const layersMagic = "dossier layers 3\n"

// EncodeInitLayers are the file layers of a repository whose dossier.yaml is data (an init
// file) and that has no user file, in the format decodeInitLayers reads: what `go generate`
// embeds beside each init file. Reading them runs every check a process would, so a file
// that fails them is an error here.
func EncodeInitLayers(data []byte) ([]byte, error) {
	l, err := readFileLayers(settingsFiles{repoPath: FileName, repo: data})
	if err != nil {
		return nil, err
	}
	profile, err := initProfile(data)
	if err != nil {
		return nil, err
	}
	// the profile's problems come from the file layers alone (layers.problems): found here
	s, err := l.settings(nil, nil)
	if err != nil {
		return nil, err
	}
	out := []byte(layersMagic)
	out = binary.BigEndian.AppendUint32(out, initLayersSum(data, profile))
	out = appendString(out, profile)
	if s.Problems == nil {
		out = binary.AppendUvarint(out, 0)
	} else {
		out = binary.AppendUvarint(out, uint64(len(s.Problems))+1)
	}
	for _, p := range s.Problems {
		out = appendString(out, p.File)
		out = binary.AppendUvarint(out, uint64(p.Line))
		out = binary.AppendUvarint(out, uint64(p.Col))
		out = appendString(out, p.Field)
		out = appendString(out, p.Msg)
		out = binary.AppendUvarint(out, uint64(p.Severity))
	}
	out = binary.AppendUvarint(out, uint64(len(l.ignored)))
	for _, ig := range l.ignored {
		out = appendString(out, ig.File)
		out = binary.AppendUvarint(out, uint64(ig.Line))
		out = appendString(out, ig.Key)
	}
	out = binary.AppendUvarint(out, uint64(len(l.m.origins)))
	for _, k := range slices.Sorted(maps.Keys(l.m.origins)) {
		out = appendString(out, k)
		out = appendString(out, string(l.m.origins[k]))
	}
	out = binary.AppendUvarint(out, uint64(len(l.m.files)))
	for _, s := range slices.Sorted(maps.Keys(l.m.files)) {
		out = appendString(out, string(s))
		out = appendString(out, l.m.files[s])
	}
	out = binary.AppendUvarint(out, uint64(countNodes(l.m.doc)))
	return encodeNode(out, FileName, l.m.doc)
}

// initProfile is the embedded profile an init file's layers stand on.
func initProfile(data []byte) (string, error) {
	doc, err := parse(FileName, data)
	if err != nil {
		return "", err
	}
	return profileOf(FileName, doc)
}

// initLayersSum is the checksum of what the layers of an init file are made from.
func initLayersSum(data []byte, profile string) uint32 {
	base, _ := templates.Profile(profile)
	sum := crc32.Update(0, crc32.IEEETable, data)
	sum = crc32.Update(sum, crc32.IEEETable, []byte("\x00"+profile+"\x00"))
	sum = crc32.Update(sum, crc32.IEEETable, base)
	return crc32.Update(sum, crc32.IEEETable, []byte("\x00"+runDefaults))
}

// initLayers are the file layers of sf when they need no reading: a repository file that is
// exactly an embedded init file, no user file, and layers made from what is embedded now.
func initLayers(sf settingsFiles) (*layers, bool) {
	if sf.repoPath == "" || sf.repo == nil || sf.user != nil {
		return nil, false
	}
	for _, name := range templates.ProfileNames() {
		data, ok := initFileIfSo(name, sf.repo)
		if !ok {
			continue
		}
		enc, ok := templates.InitLayers(name)
		if !ok {
			return nil, false
		}
		l, err := decodeInitLayers(enc, data)
		return l, err == nil
	}
	return nil, false
}

// initFileIfSo is the dossier.yaml `dossier init --profile name` writes, when repo is that
// file (false otherwise). A profile without an init file of its own has one made from it
// (InitFile), made only when repo starts as such a file does.
func initFileIfSo(name string, repo []byte) ([]byte, bool) {
	data, ok := templates.InitFile(name)
	if !ok {
		if !bytes.HasPrefix(repo, []byte(generatedInitStart)) {
			return nil, false
		}
		var err error
		if data, err = InitFile(name); err != nil {
			return nil, false
		}
	}
	return data, bytes.Equal(data, repo)
}

// decodeInitLayers are the layers encoded in enc when they were made from the init file
// data and what is embedded now, else an error (a stale or damaged encoding).
func decodeInitLayers(enc, data []byte) (*layers, error) {
	if len(enc) < len(layersMagic)+4 || string(enc[:len(layersMagic)]) != layersMagic {
		return nil, errNodes
	}
	enc = enc[len(layersMagic):]
	sum := binary.BigEndian.Uint32(enc)
	d := nodeDecoder{data: enc[4:], text: string(enc[4:])}
	profile := d.str()
	if d.err != nil || sum != initLayersSum(data, profile) {
		return nil, errors.New("the layers were made from another version of the init file or its profile")
	}
	var probs []records.Problem
	if n := d.count(); n > 0 {
		probs = make([]records.Problem, 0, n-1)
		for n--; n > 0 && d.err == nil; n-- {
			probs = append(probs, records.Problem{File: d.str(), Line: d.uint(), Col: d.uint(), Field: d.str(), Msg: d.str(), Severity: records.Severity(d.uint())})
		}
	}
	var ignored []Ignored
	for n := d.count(); n > 0 && d.err == nil; n-- {
		ignored = append(ignored, Ignored{File: d.str(), Line: d.uint(), Key: d.str()})
	}
	m := &merger{origins: map[string]Source{}, files: map[Source]string{}}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		k := d.str()
		m.origins[k] = Source(d.str())
	}
	for n := d.count(); n > 0 && d.err == nil; n-- {
		s := Source(d.str())
		m.files[s] = d.str()
	}
	d.allocate()
	m.doc = d.node(0)
	if d.err != nil || len(d.data) != d.at || m.doc == nil {
		return nil, fmt.Errorf("damaged layers: %w", errNodes)
	}
	l := newLayers(m, ignored)
	l.once.Do(func() { l.probs = probs })
	return l, nil
}

// count is a number of entries to read, each at least one byte.
func (d *nodeDecoder) count() int {
	n := d.uint()
	if n > len(d.data)-d.at {
		d.err = errNodes
		return 0
	}
	return n
}
