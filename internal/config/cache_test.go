package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// A Load through a Cache is the Load without one: the same settings, sources, warnings and
// errors, whatever the files became in between; and what one Load does with its settings
// does not reach the next.
func TestCacheLoadsWhatLoadDoes(t *testing.T) {
	root, home := t.TempDir(), t.TempDir()
	getenv := func(k string) string {
		switch k {
		case "HOME":
			return home
		case "DOSSIER_ACTOR":
			return "env-actor"
		}
		return ""
	}
	userDir := filepath.Join(home, ".config", "dossier")
	if err := os.MkdirAll(userDir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := NewCache()
	same := func(step string) {
		t.Helper()
		want, wantErr := Load(Input{Getenv: getenv, Root: root})
		for range 2 { // the first fills the cache, the second reads it
			got, err := Load(Input{Getenv: getenv, Root: root, Cache: cache})
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("%s: error %v through the cache, %v without", step, err, wantErr)
			}
			if err != nil {
				continue
			}
			if !reflect.DeepEqual(got.Entries(), want.Entries()) || !reflect.DeepEqual(got.Profile, want.Profile) ||
				!reflect.DeepEqual(got.Ignored, want.Ignored) || !reflect.DeepEqual(got.Problems, want.Problems) || !reflect.DeepEqual(got.Office, want.Office) || got.Actor != want.Actor || got.Editor != want.Editor {
				t.Fatalf("%s: the settings through the cache differ from a Load without one", step)
			}
			// a command that changes its settings changes its own copy only
			got.Profile.Statuses = nil
			got.Office.Name = nil
			got.Ignored = append(got.Ignored, Ignored{Key: "x"})
		}
		// the run's own settings (LoadRun) too
		wantRun, wantRunErr := LoadRun(Input{Getenv: getenv})
		for range 2 {
			got, err := LoadRun(Input{Getenv: getenv, Cache: cache})
			if (err == nil) != (wantRunErr == nil) || (err != nil && err.Error() != wantRunErr.Error()) {
				t.Fatalf("%s: LoadRun's error %v through the cache, %v without", step, err, wantRunErr)
			}
			if !reflect.DeepEqual(got, wantRun) {
				t.Fatalf("%s: LoadRun through the cache gives %+v, without %+v", step, got, wantRun)
			}
		}
	}
	init, err := InitFile("ontario-oversight")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(root, FileName)
	write(cfg, string(init))
	same("the file init writes")
	write(cfg, strings.Replace(string(init), "ids: random", "ids: sequential\nactor: someone", 1))
	same("a changed dossier.yaml, naming an actor (ignored, with a warning)")
	write(filepath.Join(userDir, "config.yaml"), "editor: nano\nclocks:\n  status_update: 10\n")
	same("a user file")
	write(filepath.Join(userDir, "config.yaml"), "editor: vi\nquiet: maybe\n")
	same("a user file with a bad value (an error each time)")
	write(filepath.Join(userDir, "config.yaml"), "editor: nano\nclocks:\n  status_update: 10\n")
	write(cfg, string(init)+"\nunknown_key: 1\n")
	same("a dossier.yaml with an unknown key (an error each time)")
	write(cfg, "profile: quebec-alternative-measures\n")
	same("another profile")
	write(cfg, "codes:\n  category_types: [nope]\n")
	same("a profile with a problem")
	if s, err := Load(Input{Getenv: getenv, Root: root, Cache: cache}); err != nil || len(s.Problems) != 1 {
		t.Fatalf("a profile with a problem: %v, %v: want one problem", s.Problems, err)
	}
	if err := os.Remove(filepath.Join(userDir, "config.yaml")); err != nil {
		t.Fatal(err)
	}
	same("the user file removed")

	// The environment and the flags of one Load (ids, git.commit: a key of a mapping the
	// layers below set too) do not reach the next one's through the shared layers.
	write(cfg, string(init))
	withEnv := func(k string) string {
		if k == "DOSSIER_IDS" {
			return "sequential"
		}
		return getenv(k)
	}
	fs := pflag.NewFlagSet("dossier", pflag.ContinueOnError)
	fs.Bool("commit", false, "")
	if err := fs.Parse([]string{"--commit"}); err != nil {
		t.Fatal(err)
	}
	s, err := Load(Input{Getenv: withEnv, Flags: fs, Root: root, Cache: cache})
	if err != nil || s.IDs != "sequential" || !s.Git.Commit {
		t.Fatalf("ids %q, commit %v, %v: want sequential and true", s.IDs, s.Git.Commit, err)
	}
	same("after a Load with its own environment and flags")

	// Two repositories with the same dossier.yaml share the layers; an error names each one's file.
	bad := string(init) + "\nunknown_key: 1\n"
	for _, dir := range []string{root, t.TempDir()} {
		write(filepath.Join(dir, FileName), bad)
		_, err := Load(Input{Getenv: getenv, Root: dir, Cache: cache})
		if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, FileName)+":") {
			t.Errorf("a bad dossier.yaml in %s: %v, want an error naming its file", dir, err)
		}
	}
}

// Embedded is what Load gives a repository whose dossier.yaml names the profile and nothing
// else; a name dossier does not embed is an error.
func TestEmbeddedIsARepositoryOnTheProfile(t *testing.T) {
	for _, name := range []string{"ontario-oversight", "quebec-alternative-measures"} {
		got, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := load(t, "profile: "+name+"\n", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Profile, want.Profile) || !reflect.DeepEqual(got.Entries(), want.Entries()) {
			t.Errorf("%s: Embedded differs from a repository naming the profile", name)
		}
	}
	if _, err := Embedded("no-such-profile"); err == nil {
		t.Error("Embedded(no-such-profile): no error")
	}
}

// Loads through one Cache run at once (the tests' parallel scripts): each decodes its own
// copy of what it changes and only reads the shared layers (go test -race checks it).
func TestCacheConcurrentLoads(t *testing.T) {
	root := t.TempDir()
	data, err := InitFile("ontario-oversight")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			env := func(k string) string {
				if k == "DOSSIER_ACTOR" {
					return fmt.Sprintf("actor%d", i)
				}
				return ""
			}
			s, err := Load(Input{Getenv: env, Root: root, Cache: cache})
			if err != nil || s.Actor != fmt.Sprintf("actor%d", i) {
				t.Errorf("load %d: actor %q, %v", i, s.Actor, err)
			}
		})
	}
	wg.Wait()
}

// The layers built into dossier (each embedded profile, the base of a profile of one's own,
// the run defaults) pass the checks every file passes, which readBase leaves to this test.
func TestBaseLayersPassTheirChecks(t *testing.T) {
	bases := map[string][]byte{"(own profile)": []byte(ownProfileBase())}
	for _, name := range templates.ProfileNames() {
		data, ok := templates.Profile(name)
		if !ok {
			t.Fatalf("%s: no embedded profile", name)
		}
		bases[name] = data
	}
	for name, data := range bases {
		var below *yaml.Node
		for _, layer := range []struct {
			name string
			data []byte
		}{{embeddedName(name), data}, {"(run defaults)", []byte(runDefaults)}} {
			doc, err := parse(layer.name, layer.data)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkLayer(layer.name, doc, tags(reflect.TypeFor[file]())); err != nil {
				t.Error(err)
			}
			if err := checkClockShorthand(layer.name, doc, below); err != nil {
				t.Error(err)
			}
			below = doc
		}
	}
}

// layers.decodeOver decodes again only the top-level keys the environment and the flags set,
// over a shallow copy of the file layers' decoding: it is right only while each of those keys
// holds a value that decoding replaces whole (no map, slice or pointer the copies would
// share).
func TestRunSettingsHoldScalarsOnly(t *testing.T) {
	ft := reflect.TypeFor[file]()
	for _, s := range runSettings() {
		top, _, _ := strings.Cut(s.key, ".")
		var field reflect.StructField
		found := false
		for i := range ft.NumField() {
			if name, _, _ := strings.Cut(ft.Field(i).Tag.Get("yaml"), ","); name == top {
				field, found = ft.Field(i), true
			}
		}
		if !found {
			t.Errorf("run setting %s: no field of file has the yaml key %q", s.key, top)
			continue
		}
		var scalarOnly func(reflect.Type) bool
		scalarOnly = func(t reflect.Type) bool {
			switch t.Kind() {
			case reflect.Struct:
				for i := range t.NumField() {
					if !scalarOnly(t.Field(i).Type) {
						return false
					}
				}
				return true
			case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface, reflect.Array, reflect.Chan, reflect.Func:
				return false
			}
			return true
		}
		if !scalarOnly(field.Type) {
			t.Errorf("run setting %s: field %s (%s) holds a map, slice or pointer: layers.decodeOver would share it between Loads", s.key, field.Name, field.Type)
		}
	}
}

// Each embedded profile's node tree (templates/profiles/NAME.nodes) is its YAML's, parsed:
// regenerated when the YAML changes, and decoded to the very nodes parse gives (comments
// aside, which nothing reads).
func TestEmbeddedNodesUpToDate(t *testing.T) {
	for _, name := range templates.ProfileNames() {
		data, _ := templates.Profile(name)
		nodes, ok := templates.ProfileNodes(name)
		want, err := EncodeNodes(name+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		if !ok || string(nodes) != string(want) {
			t.Errorf("templates/profiles/%s.nodes is missing or out of date: run `go generate ./...` and commit it", name)
			continue
		}
		got, err := decodeNodes(nodes, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		parsed, err := parse(name+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		var strip func(n *yaml.Node)
		strip = func(n *yaml.Node) {
			n.HeadComment, n.LineComment, n.FootComment = "", "", ""
			for _, c := range n.Content {
				strip(c)
			}
		}
		strip(parsed)
		if !reflect.DeepEqual(got, parsed) {
			t.Errorf("%s: the decoded node tree differs from the parsed YAML", name)
		}
		// a tree made from another version of the YAML, or damaged, is not used
		if _, err := decodeNodes(nodes, append([]byte("# edited\n"), data...)); err == nil {
			t.Errorf("%s: a tree was accepted for YAML it was not made from", name)
		}
		for _, cut := range []int{0, 10, len(nodes) / 2, len(nodes) - 1} {
			if _, err := decodeNodes(nodes[:cut], data); err == nil {
				t.Errorf("%s: a tree cut at %d bytes was accepted", name, cut)
			}
		}
	}
}
