package config

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// LoadRun reads the settings of a run alone — actor, editor, dir, clock, quiet, debug,
// no-cache — from the run defaults, the user's file, the environment and the flags, without a
// repository or a profile: what every command needs before it knows where the repository is,
// without merging, decoding and validating a whole profile for it (Load does that once the
// repository is found). The returned Settings hold those fields only; its Profile is nil. A
// bad value of one of them, a user file that does not parse or holds an unknown key, and an id
// scheme the environment names wrongly fail here, as they would in Load.
func LoadRun(in Input) (*Settings, error) {
	m := &merger{origins: map[string]Source{}, files: map[Source]string{}}
	defaults, err := parse("(run defaults)", []byte(runDefaults))
	if err != nil {
		return nil, err
	}
	m.add(defaults, FromDefault)
	m.files[FromDefault] = "(defaults)"
	if err := m.addUserFile(in.Getenv, false); err != nil { // its clocks are checked by Load, against the profile
		return nil, err
	}
	env, err := envLayer(in.Getenv)
	if err != nil {
		return nil, err
	}
	m.add(env, FromEnv)
	m.add(flagLayer(in.Flags), FromFlag)
	var f file
	if err := m.doc.Decode(&f); err != nil {
		return nil, fmt.Errorf("settings: %v", err) // checked layer by layer: cannot happen
	}
	if f.IDs != "" && f.IDs != records.IDsRandom && f.IDs != records.IDsSequential {
		where := FileName + ": ids"
		if m.source("ids") == FromEnv {
			where = envName("ids")
		}
		return nil, fmt.Errorf("%s: %q is not an id scheme: use random or sequential", where, f.IDs)
	}
	s := &Settings{Actor: strings.TrimSpace(f.Actor), Editor: f.Editor, Dir: f.Dir,
		Quiet: f.Quiet, Debug: f.Debug, NoCache: f.NoCache}
	if f.Now != "" {
		now, err := ParseNow(f.Now)
		if err != nil {
			return nil, err
		}
		s.Now = now
	}
	return s, nil
}
