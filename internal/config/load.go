package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/dossier-dev/dossier/templates"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// Input is what Load reads besides the files.
type Input struct {
	Getenv func(string) string // the environment (never os.Getenv directly)
	Flags  *pflag.FlagSet      // the global flags after parsing (nil: none given)
	Root   string              // the records repository ("" : none yet)
	Cache  *Cache              // the file layers already read in this process (nil: none)
}

// repoKeys are the settings a repository's dossier.yaml may hold.
func repoKeys() []string {
	return []string{"profile", "title", "office", "ids", "git", "clocks", "holidays", "codes", "partners", "disclosure", "retention", "templates",
		"workflow", "fields", "reports", "audiences", "letters", "list"}
}

// userOnlyKeys name a command or an identity: the user's file, the environment and flags only.
func userOnlyKeys() []string { return []string{"actor", "editor"} }

// setting is one setting the environment or a flag may set.
type setting struct {
	key, flag string
	bool      bool
}

func runSettings() []setting {
	return []setting{
		{key: "dir", flag: "dir"},
		{key: "actor", flag: "actor"},
		{key: "now"},
		{key: "ids"},
		{key: "git.commit", flag: "commit", bool: true},
		{key: "editor"},
		{key: "quiet", flag: "quiet", bool: true},
		{key: "debug", flag: "debug", bool: true},
		{key: "no-cache", flag: "no-cache", bool: true},
	}
}

// envName is the environment variable of a key: DOSSIER_ and upper snake case.
func envName(key string) string {
	return "DOSSIER_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// runDefaults are the defaults of the settings the profile does not hold.
const runDefaults = "actor: ''\neditor: ''\ndir: ''\nnow: ''\nquiet: false\ndebug: false\nno-cache: false\n"

// Load reads and checks every layer, merges them and decodes the result. The repository's
// dossier.yaml names the embedded profile that is the lowest layer (profile:, default
// ontario-oversight).
func Load(in Input) (*Settings, error) {
	files, err := readFiles(in)
	if err != nil {
		return nil, err
	}
	l, err := in.Cache.fileLayers(files)
	if err != nil {
		return nil, err
	}
	env, err := envLayer(in.Getenv)
	if err != nil {
		return nil, err
	}
	s, err := l.settings(env, flagLayer(in.Flags))
	if err != nil {
		return nil, err
	}
	s.Root = in.Root
	return s, nil
}

// Embedded are the settings of the embedded profile name alone, as a repository whose
// dossier.yaml says only `profile: NAME` has them, with no user file, environment or flag.
func Embedded(name string) (*Settings, error) {
	if err := CheckProfileName(name); err != nil {
		return nil, err
	}
	l, err := readLayers(settingsFiles{repoPath: FileName, repo: []byte("profile: " + name + "\n")})
	if err != nil {
		return nil, err
	}
	return l.settings(nil, nil)
}

// settings merges the environment's and the flags' layers over l (l unchanged) and decodes
// and checks the settings.
func (l *layers) settings(env, flags *yaml.Node) (*Settings, error) {
	m := l.m.cloneUnder(env, flags)
	f, err := l.decodeOver(m, env, flags)
	if err != nil {
		return nil, err
	}
	s, err := settingsOf(f, m, l.problems)
	if err != nil {
		return nil, err
	}
	s.Ignored = slices.Clone(l.ignored)
	return s, nil
}

// settingsFiles are the files a Load reads: the repository's dossier.yaml and the user's
// config.yaml, each with its path ("" : none) and content (nil: no such file).
type settingsFiles struct {
	repoPath, userPath string
	repo, user         []byte
}

func readFiles(in Input) (settingsFiles, error) {
	var sf settingsFiles
	var err error
	if in.Root != "" {
		sf.repoPath = filepath.Join(in.Root, FileName)
		if sf.repo, err = readOptional(sf.repoPath); err != nil {
			return sf, err
		}
	}
	sf.userPath = UserFile(in.Getenv)
	sf.user, err = readOptional(sf.userPath)
	return sf, err
}

// layers are the file layers merged (the embedded profile, the run defaults, the user's
// file, the repository's), checked, and the keys the repository may not set that it did.
type layers struct {
	m       *merger
	ignored []Ignored
	decoded func() (*file, error) // m decoded, once: what every Load starts from
	once    sync.Once
	probs   []records.Problem // the profile's problems, found by the first Load (problems)
}

// newLayers are the layers of m, whose merged settings are decoded when first asked for.
func newLayers(m *merger, ignored []Ignored) *layers {
	l := &layers{m: m, ignored: ignored}
	l.decoded = sync.OnceValues(func() (*file, error) {
		var f file
		if err := l.m.doc.Decode(&f); err != nil {
			return nil, fmt.Errorf("settings: %v", err) // checked layer by layer: cannot happen
		}
		return &f, nil
	})
	return l
}

// problems are the profile's problems, found by find the first time: they come from the file
// layers alone (the environment and the flags set run settings only, which no check of the
// profile reads). Each Load has its own copy.
func (l *layers) problems(find func() []records.Problem) []records.Problem {
	l.once.Do(func() { l.probs = find() })
	return slices.Clone(l.probs)
}

// decodeOver adds the environment's and the flags' layers to m (l.m's cloneUnder them) and
// decodes the merged settings: the file layers' decoding is done once (decoded), and only
// the top-level keys the environment and the flags set are decoded again, from m, over a
// copy of it (decoding the whole profile was most of what a Load cost a process that runs
// many commands). The keys they may set (runSettings) hold scalars only, so the copy shares
// nothing the decoding changes.
func (l *layers) decodeOver(m *merger, env, flags *yaml.Node) (*file, error) {
	base, err := l.decoded()
	if err != nil {
		return nil, err
	}
	m.add(env, FromEnv)
	m.add(flags, FromFlag)
	f := *base
	top := &yaml.Node{Kind: yaml.MappingNode}
	for _, layer := range []*yaml.Node{env, flags} {
		if layer == nil {
			continue
		}
		for i := 0; i+1 < len(layer.Content); i += 2 {
			key := layer.Content[i].Value
			if mapIndex(top, key) >= 0 {
				continue
			}
			if j := mapIndex(m.doc, key); j >= 0 {
				top.Content = append(top.Content, m.doc.Content[j], m.doc.Content[j+1])
			}
		}
	}
	if err := top.Decode(&f); err != nil {
		return nil, fmt.Errorf("settings: %v", err) // checked layer by layer: cannot happen
	}
	return &f, nil
}

// readLayers parses, checks and merges the file layers; those of an untouched init file,
// with no user file, come already read (initlayers.go).
func readLayers(sf settingsFiles) (*layers, error) {
	if l, ok := initLayers(sf); ok {
		return l, nil
	}
	return readFileLayers(sf)
}

// readFileLayers parses, checks and merges the file layers.
func readFileLayers(sf settingsFiles) (*layers, error) {
	var repo *yaml.Node
	var ignored []Ignored
	if sf.repoPath != "" {
		var err error
		if repo, err = parse(sf.repoPath, sf.repo); err != nil {
			return nil, err
		}
		if repo != nil && repo.Kind == yaml.MappingNode {
			ignored = dropUserOnly(FileName, repo)
		}
		if err := checkLayer(sf.repoPath, repo, repoKeys()); err != nil {
			return nil, err
		}
	}
	name, err := profileOf(sf.repoPath, repo)
	if err != nil {
		return nil, err
	}
	embedded := slices.Contains(templates.ProfileNames(), name)
	m, err := baseLayers(name, embedded)
	if err != nil {
		return nil, err
	}

	if err := m.addUserFile(sf.userPath, sf.user, true); err != nil {
		return nil, err
	}

	if err := checkClockShorthand(sf.repoPath, repo, m.doc); err != nil {
		return nil, err
	}
	m.add(repo, FromRepo)
	m.files[FromRepo] = FileName
	return newLayers(m, ignored), nil
}

// cloneUnder is a copy of m that adding the layers tops over does not change, without
// copying the whole tree: the list of the top-level keys is copied, and the value of each
// key a top sets (merging a layer changes only what it sets); the other values are m's,
// which nothing changes (decoding only reads them).
func (m *merger) cloneUnder(tops ...*yaml.Node) *merger {
	if m.doc == nil {
		return m.clone()
	}
	root := *m.doc
	root.Content = slices.Clone(m.doc.Content)
	for _, top := range tops {
		if top == nil {
			continue
		}
		for i := 0; i+1 < len(top.Content); i += 2 {
			if j := mapIndex(&root, top.Content[i].Value); j >= 0 {
				root.Content[j+1] = copyNode(root.Content[j+1])
			}
		}
	}
	return &merger{doc: &root, origins: maps.Clone(m.origins), files: maps.Clone(m.files)}
}

// clone is a copy of m that merging more layers over does not change m.
func (m *merger) clone() *merger {
	return &merger{doc: copyNode(m.doc), origins: maps.Clone(m.origins), files: maps.Clone(m.files)}
}

// Cache keeps the file layers of the settings between the Loads of one process that runs
// many commands (tests, a program embedding the CLI), keyed by the files' paths and contents:
// a repository's dossier.yaml is parsed, checked and merged over its profile once, and each
// Load decodes its own copy with its own environment and flags. A command-line process runs
// one command and has none (a nil *Cache reads every layer). Safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	layers map[string]*layers
}

// NewCache is an empty Cache.
func NewCache() *Cache { return &Cache{layers: map[string]*layers{}} }

// fileLayers are the file layers of sf, from the cache when it has them. Layers that fail
// are not kept: the error is found again each time, naming its file.
func (c *Cache) fileLayers(sf settingsFiles) (*layers, error) {
	if c == nil {
		return readLayers(sf)
	}
	// What a success depends on: the contents, and the user file's path when there is one
	// (where its settings come from). The repository's path is only in errors, which are
	// not kept, so that the repositories of many tests with the same dossier.yaml share one.
	var key strings.Builder
	switch {
	case sf.repoPath == "":
		key.WriteString("no repository")
	case sf.repo == nil:
		key.WriteString("no repository file")
	default:
		key.WriteString("repository file\x00")
		key.Write(sf.repo)
	}
	if sf.user != nil {
		key.WriteString("\x00user file\x00" + sf.userPath + "\x00")
		key.Write(sf.user)
	}
	return c.get(key.String(), func() (*layers, error) { return readLayers(sf) })
}

// get is the layers cached under key, read and kept when the cache has none. Layers that
// fail are not kept: the error is found again each time, naming its file.
func (c *Cache) get(key string, read func() (*layers, error)) (*layers, error) {
	c.mu.Lock()
	l, ok := c.layers[key]
	c.mu.Unlock()
	if ok {
		return l, nil
	}
	l, err := read()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.layers[key] = l
	c.mu.Unlock()
	return l, nil
}

// checkIDs refuses an id scheme other than random and sequential, naming where it was set.
func checkIDs(ids string, m *merger) error {
	if ids == records.IDsRandom || ids == records.IDsSequential {
		return nil
	}
	where := FileName + ": ids"
	if m.source("ids") == FromEnv {
		where = envName("ids")
	}
	return fmt.Errorf("%s: %q is not an id scheme: use random or sequential", where, ids)
}

// addUserFile adds the user's config.yaml (path p, content data; nil: there is none),
// checked against the schema; with clocks, its clock shorthands are checked against the
// profile below it.
func (m *merger) addUserFile(p string, data []byte, clocks bool) error {
	if p == "" {
		return nil
	}
	doc, err := parse(p, data)
	if err != nil {
		return err
	}
	if err := checkLayer(p, doc, append(repoKeys(), userOnlyKeys()...)); err != nil {
		return err
	}
	if clocks {
		if err := checkClockShorthand(p, doc, m.doc); err != nil {
			return err
		}
	}
	if doc != nil {
		if i := mapIndex(doc, "profile"); i >= 0 {
			return fmt.Errorf("%s:%d: profile: only a repository's %s names its profile: remove it from your own file", p, doc.Content[i].Line, FileName)
		}
	}
	if doc != nil { // with no file, no setting comes from it
		m.add(doc, FromUser)
		m.files[FromUser] = p
	}
	return nil
}

// baseLayers is a merger holding the lowest layers, the embedded profile name (a profile of
// the repository's own when not embedded: ownProfileBase) and the run defaults, parsed,
// checked and merged. They are the same in every run, so each is read once per process and
// every Load merges over its own copy.
func baseLayers(name string, embedded bool) (*merger, error) {
	key := ""
	if embedded {
		key = name
	}
	load, ok := bases()[key]
	if !ok {
		return nil, fmt.Errorf("%s: no such embedded profile", name) // CheckProfileName said it was: cannot happen
	}
	b, err := load()
	if err != nil {
		return nil, err
	}
	m := b.clone()
	return m, nil
}

// bases reads each base once, when first asked for (a constant of the binary, never changed
// after: nothing here is state of a run).
var bases = sync.OnceValue(func() map[string]func() (*merger, error) {
	loads := map[string]func() (*merger, error){}
	for _, name := range append(templates.ProfileNames(), "") {
		loads[name] = sync.OnceValues(func() (*merger, error) { return readBase(name) })
	}
	return loads
})

// readBase parses and merges the base layers of the embedded profile name ("" : of a
// profile of the repository's own).
func readBase(name string) (*merger, error) {
	base, from := []byte(ownProfileBase()), "(defaults)"
	if name != "" {
		base, _ = templates.Profile(name)
		from = embeddedName(name)
	} else {
		name = "(own profile)"
	}
	m := &merger{origins: map[string]Source{}, files: map[Source]string{}}
	var nodes []byte // the embedded profile's parsed tree (nodes.go)
	if name != "(own profile)" {
		nodes, _ = templates.ProfileNodes(name)
	}
	for i, d := range []struct {
		name string
		data []byte
	}{{embeddedName(name), base}, {"(run defaults)", []byte(runDefaults)}} {
		var doc *yaml.Node
		if i == 0 && nodes != nil {
			doc, _ = decodeNodes(nodes, d.data) // nil when stale: the YAML is parsed
		}
		if doc == nil {
			var err error
			if doc, err = parse(d.name, d.data); err != nil {
				return nil, err
			}
		}
		// These layers are built into dossier: TestBaseLayersPassTheirChecks checks them as a
		// file is checked (checkLayer, checkClockShorthand), once, instead of every process
		// at start (a third of reading them).
		m.add(doc, FromDefault)
	}
	m.files[FromDefault] = from
	return m, nil
}

// copyNode is a deep copy of a node tree, its nodes allocated in one block (an alias gets a
// copy of what it points to: decoding follows it the same way).
func copyNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	block := make([]yaml.Node, 0, countNodes(n))
	var cp func(n *yaml.Node) *yaml.Node
	cp = func(n *yaml.Node) *yaml.Node {
		if n == nil {
			return nil
		}
		block = append(block, *n)
		c := &block[len(block)-1]
		if n.Content != nil {
			c.Content = make([]*yaml.Node, len(n.Content))
			for i, k := range n.Content {
				c.Content[i] = cp(k)
			}
		}
		c.Alias = cp(n.Alias)
		return c
	}
	return cp(n)
}

func countNodes(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	count := 1 + countNodes(n.Alias)
	for _, k := range n.Content {
		count += countNodes(k)
	}
	return count
}

// profileOf is the profile a repository's file names (profile:), by default
// ontario-oversight. A name dossier does not embed is a profile of the file's own, which
// must then declare its workflow's statuses; otherwise the name is an error naming the
// embedded ones (a misspelt name would silently drop the whole profile).
func profileOf(path string, repo *yaml.Node) (string, error) {
	if repo == nil {
		return templates.DefaultProfileName, nil
	}
	i := mapIndex(repo, "profile")
	if i < 0 || repo.Content[i+1].Tag == "!!null" {
		return templates.DefaultProfileName, nil
	}
	name := repo.Content[i+1].Value
	if err := CheckProfileName(name); err != nil && !declaresStatuses(repo) {
		return "", fmt.Errorf("%s:%d: profile: %v; or make dossier.yaml a profile of its own: declare its workflow (workflow.statuses, docs/profiles.md)", path, repo.Content[i].Line, err)
	}
	return name, nil
}

// declaresStatuses reports whether a settings file declares workflow.statuses.
func declaresStatuses(doc *yaml.Node) bool {
	i := mapIndex(doc, "workflow")
	if i < 0 || doc.Content[i+1].Kind != yaml.MappingNode {
		return false
	}
	w := doc.Content[i+1]
	j := mapIndex(w, "statuses")
	return j >= 0 && w.Content[j+1].Kind == yaml.MappingNode && len(w.Content[j+1].Content) > 0
}

// ownProfileBase is the layer below a dossier.yaml that is a profile of its own: the settings
// every repository has, and nothing of any office.
func ownProfileBase() string {
	return fmt.Sprintf("ids: random\ngit:\n  commit: false\nretention:\n  default: %d\n", privacy.DefaultRetentionYears)
}

// CheckProfileName is nil when name is an embedded profile, else an error naming them.
func CheckProfileName(name string) error {
	names := templates.ProfileNames()
	if slices.Contains(names, name) {
		return nil
	}
	return fmt.Errorf("unknown profile %q%s; the embedded profiles are %s (dossier profiles lists them)", records.Printable(name), records.Suggest(name, names), strings.Join(names, ", "))
}

// embeddedName is how messages name an embedded profile's file.
func embeddedName(profile string) string { return "(embedded profile " + profile + ")" }

// parse reads one YAML document (nil when the file is empty or missing).
func parse(name string, data []byte) (*yaml.Node, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: a second document (---): keep every setting in one", name)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	n := doc.Content[0]
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if err := checkDuplicates(name, n, ""); err != nil {
		return nil, err
	}
	return n, nil
}

// checkDuplicates refuses a key set twice in one mapping: YAML forbids it, and merging would
// keep one of the two values without a word.
func checkDuplicates(name string, n *yaml.Node, path string) error {
	switch n.Kind {
	case yaml.MappingNode:
		first := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if line, ok := first[k.Value]; ok {
				return fmt.Errorf("%s:%d: %s: set twice (first at line %d): keep one", name, k.Line, p, line)
			}
			first[k.Value] = k.Line
			if err := checkDuplicates(name, n.Content[i+1], p); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if err := checkDuplicates(name, c, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropUserOnly removes from a repository's file the settings only the user may set.
func dropUserOnly(name string, doc *yaml.Node) []Ignored {
	var ignored []Ignored
	var kept []*yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		if slices.Contains(userOnlyKeys(), k.Value) {
			ignored = append(ignored, Ignored{File: name, Line: k.Line, Key: k.Value})
			continue
		}
		kept = append(kept, k, doc.Content[i+1])
	}
	doc.Content = kept
	return ignored
}

func envLayer(getenv func(string) string) (*yaml.Node, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, s := range runSettings() {
		name := envName(s.key)
		v := getenv(name)
		if v == "" {
			continue
		}
		if s.bool {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return nil, fmt.Errorf("%s=%q: write true or false (or 1 or 0)", name, v)
			}
			v = strconv.FormatBool(b)
		}
		setPath(doc, s.key, v, s.bool)
	}
	return doc, nil
}

func flagLayer(fs *pflag.FlagSet) *yaml.Node {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	if fs == nil {
		return doc
	}
	for _, s := range runSettings() {
		if s.flag == "" {
			continue
		}
		if fl := fs.Lookup(s.flag); fl != nil && fl.Changed {
			setPath(doc, s.key, fl.Value.String(), s.bool)
		}
	}
	return doc
}

// setPath sets a dotted key in a mapping node to a scalar.
func setPath(doc *yaml.Node, key, value string, isBool bool) {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		child := &yaml.Node{Kind: yaml.MappingNode}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p}, child)
		doc = child
	}
	tag := "!!str"
	if isBool {
		tag = "!!bool"
	}
	doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: parts[len(parts)-1]}, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value})
}

// merger lays the layers over one another, key by key, remembering where each value came from.
type merger struct {
	doc     *yaml.Node
	origins map[string]Source // dotted key of a replaced value -> its layer
	files   map[Source]string // the file of a layer, for messages
}

func (m *merger) add(doc *yaml.Node, src Source) {
	if doc == nil {
		return
	}
	if m.doc == nil {
		m.doc = &yaml.Node{Kind: yaml.MappingNode}
	}
	m.overlay(m.doc, doc, reflect.TypeFor[file](), "", src)
}

// overlay merges src into dst: mappings of settings key by key, anything else (a list, a
// scalar, text by language) replaces the value below it.
func (m *merger) overlay(dst, src *yaml.Node, t reflect.Type, path string, from Source) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		key, et := child(path, k.Value, t)
		j := mapIndex(dst, k.Value)
		if v.Kind == yaml.MappingNode && isDeclarations(et) {
			if j < 0 || dst.Content[j+1].Kind != yaml.MappingNode {
				nv := &yaml.Node{Kind: yaml.MappingNode, Line: v.Line, Column: v.Column}
				if j >= 0 {
					dst.Content[j+1] = nv
				} else {
					dst.Content = append(dst.Content, k, nv)
					j = len(dst.Content) - 2
				}
			}
			m.declare(dst.Content[j+1], v, key, from)
			continue
		}
		mergeable := v.Kind == yaml.MappingNode && et != nil && (et.Kind() == reflect.Struct || et.Kind() == reflect.Map) && et != reflect.TypeFor[Text]()
		if j >= 0 && mergeable && dst.Content[j+1].Kind == yaml.MappingNode {
			m.overlay(dst.Content[j+1], v, et, key, from)
			continue
		}
		m.setOrigin(key, from)
		if mergeable {
			// a mapping where there was none: merge it into an empty one so that its keys
			// are tracked one by one
			nv := &yaml.Node{Kind: yaml.MappingNode}
			m.overlay(nv, v, et, key, from)
			v = nv
		}
		if j >= 0 {
			dst.Content[j+1] = v
		} else {
			dst.Content = append(dst.Content, k, v)
		}
	}
}

// declare merges declarations (fields, statuses, actions, clocks, reports, audiences,
// letters: a mapping keyed by name) name by name: a new name is added after the others, a
// name declared again replaces the declaration below it whole (its place is kept), a name
// without a value adds an empty declaration only when it is new.
func (m *merger) declare(dst, src *yaml.Node, path string, from Source) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		key := path + "." + k.Value
		j := mapIndex(dst, k.Value)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && j >= 0 {
			continue
		}
		if path == "clocks" && v.Kind == yaml.ScalarNode && j >= 0 && dst.Content[j+1].Kind == yaml.MappingNode {
			// a whole number is the length of the clock below, whose labels and rules stay
			setKey(dst.Content[j+1], "days", v)
			m.setOrigin(key+".days", from)
			continue
		}
		m.setOrigin(key, from)
		if j >= 0 {
			dst.Content[j], dst.Content[j+1] = k, v
		} else {
			dst.Content = append(dst.Content, k, v)
		}
	}
}

// setOrigin records that key's value comes from the layer from, and so every key below it.
func (m *merger) setOrigin(key string, from Source) {
	for o := range m.origins {
		if strings.HasPrefix(o, key+".") {
			delete(m.origins, o)
		}
	}
	m.origins[key] = from
}

// isDeclarations tells whether t is a list of declarations written as a mapping keyed by name.
func isDeclarations(t reflect.Type) bool {
	switch t {
	case reflect.TypeFor[records.FieldDefs](), reflect.TypeFor[records.StatusDefs](), reflect.TypeFor[records.ActionDefs](),
		reflect.TypeFor[records.ClockDefs](), reflect.TypeFor[records.ReportDefs](), reflect.TypeFor[records.AudienceDefs](),
		reflect.TypeFor[records.LetterDefs]():
		return true
	}
	return false
}

func mapIndex(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func (m *merger) source(key string) Source {
	for k := key; ; {
		if s, ok := m.origins[k]; ok {
			return s
		}
		i := strings.LastIndex(k, ".")
		if i < 0 {
			return FromDefault
		}
		k = k[:i]
	}
}

// entries lists the leaves of the merged settings: a scalar, a list or a text by language.
func (m *merger) entries() []Entry {
	var out []Entry
	var walk func(n *yaml.Node, t reflect.Type, path string)
	walk = func(n *yaml.Node, t reflect.Type, path string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key, et := child(path, k.Value, t)
			if v.Kind == yaml.MappingNode && et != nil && et != reflect.TypeFor[Text]() && (et.Kind() == reflect.Struct || et.Kind() == reflect.Map || isDeclarations(et)) {
				walk(v, et, key)
				continue
			}
			var val any
			_ = v.Decode(&val)
			if txt, ok := val.(string); ok && et == reflect.TypeFor[Text]() {
				val = strings.TrimRight(txt, "\n")
			}
			shown := key
			if t == clockDefType && k.Value == "days" {
				shown = path // a clock's length is listed as the clock, the way it is written alone
			}
			out = append(out, Entry{Key: shown, Value: val, Source: m.source(key)})
		}
	}
	walk(m.doc, reflect.TypeFor[file](), "")
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func codesOf(cs []codeFile) records.Codes {
	if cs == nil {
		return nil
	}
	out := make(records.Codes, len(cs))
	for i, c := range cs {
		out[i] = records.Code{Code: c.Code, En: c.En, Fr: c.Fr, Kind: c.Kind, Audience: c.Audience}
	}
	return out
}

func settingsOf(f *file, m *merger, problems func(find func() []records.Problem) []records.Problem) (*Settings, error) {
	clocks := records.ClocksOf(f.Clocks)
	c := f.Codes
	p := &records.Profile{
		Types: codesOf(c.Types), Channels: codesOf(c.Channels), Languages: codesOf(c.Languages),
		Categories: codesOf(c.Categories), CategoryTypes: c.CategoryTypes, Grounds: codesOf(c.Grounds), Routings: codesOf(c.Routings),
		ReviewOutcomes: codesOf(c.ReviewOutcomes), Flags: codesOf(c.Flags), Purposes: codesOf(c.Purposes), Items: codesOf(c.Items),
		Partners: codesOf(f.Partners), Statuses: f.Workflow.StatusCodesLabelled(codesOf(c.Statuses)), Areas: codesOf(c.Areas), Clocks: clocks,
		Outcomes: map[string]records.Codes{},
		Name:     f.Profile, Title: records.Code{Code: f.Profile, En: f.Title.In("en"), Fr: f.Title.In("fr")},
		Workflow: f.Workflow, Fields: f.Fields, Reports: f.Reports, Audiences: f.Audiences, Letters: f.Letters,
		Deadlines: f.Clocks, List: f.List,
	}
	for t, cs := range c.Outcomes {
		p.Outcomes[t] = codesOf(cs)
	}
	for i, h := range f.Holidays {
		d, err := records.ParseDate(h)
		if err != nil {
			return nil, fmt.Errorf("%s: holidays[%d]: not a date: write YYYY-MM-DD", FileName, i)
		}
		p.Holidays = append(p.Holidays, d)
	}
	if err := checkIDs(f.IDs, m); err != nil {
		return nil, err
	}
	ret := privacy.DefaultRetention()
	ret.Default = f.Retention.Default
	for o, y := range f.Retention.ByOutcome {
		ret.ByOutcome[o] = y
	}
	if err := ret.Check(p); err != nil {
		return nil, fmt.Errorf("%s: %v", FileName, err)
	}
	s := &Settings{
		Office: Office{Name: f.Office.Name, Address: f.Office.Address, Phone: f.Office.Phone,
			Email: f.Office.Email, Signature: f.Office.Signature},
		IDs: f.IDs, Git: Git{Commit: f.Git.Commit}, Clocks: clocks, Partners: p.Partners,
		Disclosure: privacy.Policy(f.Disclosure), Retention: ret, Profile: p,
		Templates: Templates{AllowWider: f.Templates.AllowWider},
		entries:   m.entries,
	}
	s.Problems = problems(func() []records.Problem {
		return m.located(append(p.Validate(), checkDisclosureFields(s.Disclosure, p)...))
	})
	if s.Disclosure == nil {
		s.Disclosure = privacy.Policy{}
	}
	if err := s.setRun(f); err != nil {
		return nil, err
	}
	return s, nil
}

// setRun sets the settings of the run itself (LoadRun reads only these): who acts, the
// editor, the directory, the clock and the switches.
func (s *Settings) setRun(f *file) error {
	s.Actor, s.Editor, s.Dir = strings.TrimSpace(f.Actor), f.Editor, f.Dir
	s.Quiet, s.Debug, s.NoCache = f.Quiet, f.Debug, f.NoCache
	if f.Now != "" {
		now, err := ParseNow(f.Now)
		if err != nil {
			return err
		}
		s.Now = now
	}
	return nil
}

// child is the dotted key of name under path, and the Go type its value decodes into in t (a
// settings struct or map), nil for a key t does not have.
func child(path, name string, t reflect.Type) (string, reflect.Type) {
	key := name
	if path != "" {
		key = path + "." + name
	}
	if t == clockDefsType {
		return key, clockDefType
	}
	switch t.Kind() {
	case reflect.Struct:
		f, _ := fieldByTag(t, name)
		return key, f.Type
	case reflect.Map:
		return key, t.Elem()
	}
	if isDeclarations(t) {
		return key, t.Elem() // one declaration, a struct
	}
	return key, nil
}
