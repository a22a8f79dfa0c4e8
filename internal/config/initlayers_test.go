package config

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// Each init file's layers (templates/init/NAME.layers) are what reading the file gives:
// regenerated when the file, its profile or the merging change, and decoded to the very
// merged tree, origins and ignored settings the full path gives (comments aside, which
// nothing reads). Stale or damaged layers are not used.
func TestInitLayersUpToDate(t *testing.T) {
	for _, name := range templates.ProfileNames() {
		data, err := InitFile(name)
		if err != nil {
			t.Fatal(err)
		}
		enc, ok := templates.InitLayers(name)
		want, err := EncodeInitLayers(data)
		if err != nil {
			t.Fatalf("the init file of %s: %v", name, err)
		}
		if !ok || string(enc) != string(want) {
			t.Errorf("templates/init/%s.layers is missing or out of date: run `go generate ./...` and commit it", name)
			continue
		}
		got, err := decodeInitLayers(enc, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		full, err := readFileLayers(settingsFiles{repoPath: "/repo/" + FileName, repo: data})
		if err != nil {
			t.Fatal(err)
		}
		stripComments(full.m.doc)
		if !reflect.DeepEqual(got.m.doc, full.m.doc) {
			t.Errorf("%s: the decoded merged tree differs from the one read", name)
		}
		if !reflect.DeepEqual(got.m.origins, full.m.origins) || !reflect.DeepEqual(got.m.files, full.m.files) {
			t.Errorf("%s: origins %v, files %v; read: %v, %v", name, got.m.origins, got.m.files, full.m.origins, full.m.files)
		}
		if !reflect.DeepEqual(got.ignored, full.ignored) {
			t.Errorf("%s: ignored %v; read: %v", name, got.ignored, full.ignored)
		}

		// the layers are used for that file only, with no user file
		sf := settingsFiles{repoPath: "/repo/" + FileName, repo: data}
		if _, ok := initLayers(sf); !ok {
			t.Errorf("%s: the init file's layers are not used", name)
		}
		edited := append([]byte("# edited\n"), data...)
		for _, other := range []settingsFiles{
			{repoPath: sf.repoPath, repo: edited},
			{repoPath: sf.repoPath, repo: data[:len(data)-1]},
			{repoPath: sf.repoPath, repo: data, userPath: "/home/u/config.yaml", user: []byte("actor: u\n")},
			{repoPath: sf.repoPath, repo: data, userPath: "/home/u/config.yaml", user: []byte{}},
			{repoPath: sf.repoPath},
		} {
			if _, ok := initLayers(other); ok {
				t.Errorf("%s: the init file's layers are used for another file (%q, user %q)", name, other.repo[:min(20, len(other.repo))], other.user)
			}
		}
		// made from another version of the file, or damaged: not used
		if _, err := decodeInitLayers(enc, edited); err == nil {
			t.Errorf("%s: layers were accepted for a file they were not made from", name)
		}
		for _, cut := range []int{0, 10, len(enc) / 3, len(enc) / 2, len(enc) - 1} {
			if _, err := decodeInitLayers(enc[:cut], data); err == nil {
				t.Errorf("%s: layers cut at %d bytes were accepted", name, cut)
			}
		}
	}
}

// A Load of a repository whose dossier.yaml is the init file gives the settings, sources and
// problems of the full path.
func TestInitLayersLoadWhatReadingDoes(t *testing.T) {
	for _, name := range templates.ProfileNames() {
		t.Run(name, func(t *testing.T) { loadsWhatReadingDoes(t, name) })
	}
}

func loadsWhatReadingDoes(t *testing.T, name string) {
	data, err := InitFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sf := settingsFiles{repoPath: "/repo/" + FileName, repo: data}
	fast, ok := initLayers(sf)
	if !ok {
		t.Fatal("the init file's layers are not used")
	}
	sameAsReading(t, name, fast, sf)
}

// sameAsReading fails t when layers give other settings (or entries) than reading the files
// sf by the full path, and returns the settings layers give.
func sameAsReading(t *testing.T, what string, layers *layers, sf settingsFiles) *Settings {
	t.Helper()
	full, err := readFileLayers(sf)
	if err != nil {
		t.Fatal(err)
	}
	a, err := layers.settings(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := full.settings(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Entries(), b.Entries()) {
		t.Errorf("%s: other entries than reading it", what)
	}
	entries := a.entries
	a.entries, b.entries = nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%s: other settings than reading it:\n%+v\n%+v", what, a, b)
	}
	a.entries = entries
	return a
}

func stripComments(n *yaml.Node) {
	if n == nil {
		return
	}
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		stripComments(c)
	}
}

// FuzzDecodeInitLayers: decoding damaged layers never panics.
func FuzzDecodeInitLayers(f *testing.F) {
	data, _ := templates.InitFile(templates.DefaultProfileName)
	enc, _ := templates.InitLayers(templates.DefaultProfileName)
	f.Add(enc)
	f.Add(enc[:len(enc)/2])
	f.Add([]byte(layersMagic + "\x00\x00\x00\x00\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, enc []byte) {
		_, _ = decodeInitLayers(enc, data)
	})
}

// The encoding keeps what a file's layers hold besides the tree: the profile's problems (none
// in an init file), the settings ignored, the origins; for any file EncodeInitLayers is
// given, its decoding loads what reading the file does.
func TestInitLayersRoundTrip(t *testing.T) {
	problems, ignored := 0, 0
	for _, data := range []string{
		"codes:\n  category_types: [nope]\n",
		"actor: someone\nids: sequential\n",
		"profile: quebec-alternative-measures\n",
	} {
		enc, err := EncodeInitLayers([]byte(data))
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		got, err := decodeInitLayers(enc, []byte(data))
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		a := sameAsReading(t, fmt.Sprintf("%q", data), got, settingsFiles{repoPath: FileName, repo: []byte(data)})
		problems += len(a.Problems)
		ignored += len(a.Ignored)
	}
	if problems == 0 || ignored == 0 {
		t.Errorf("%d problems, %d ignored settings: the cases no longer test their encoding", problems, ignored)
	}
}
