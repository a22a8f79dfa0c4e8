package config

// LoadRun reads the settings of a run alone — actor, editor, dir, clock, quiet, debug,
// no-cache — from the run defaults, the user's file, the environment and the flags, without a
// repository or a profile: what every command needs before it knows where the repository is,
// without merging, decoding and validating a whole profile for it (Load does that once the
// repository is found). The returned Settings hold those fields only; its Profile is nil. A
// bad value of one of them, a user file that does not parse or holds an unknown key, and an id
// scheme the environment names wrongly fail here, as they would in Load.
func LoadRun(in Input) (*Settings, error) {
	p := UserFile(in.Getenv)
	data, err := readOptional(p)
	if err != nil {
		return nil, err
	}
	l, err := in.Cache.runLayers(p, data)
	if err != nil {
		return nil, err
	}
	env, err := envLayer(in.Getenv)
	if err != nil {
		return nil, err
	}
	flags := flagLayer(in.Flags)
	m := l.m.cloneUnder(env, flags)
	f, err := l.decodeOver(m, env, flags)
	if err != nil {
		return nil, err
	}
	if f.IDs != "" { // the profile gives the default
		if err := checkIDs(f.IDs, m); err != nil {
			return nil, err
		}
	}
	s := &Settings{}
	if err := s.setRun(f); err != nil {
		return nil, err
	}
	return s, nil
}

// readRunLayers parses, checks and merges the layers of the run settings below the
// environment: the run defaults and the user's file (path p, content data; nil: none).
func readRunLayers(p string, data []byte) (*layers, error) {
	m := &merger{origins: map[string]Source{}, files: map[Source]string{}}
	defaults, err := parse("(run defaults)", []byte(runDefaults))
	if err != nil {
		return nil, err
	}
	m.add(defaults, FromDefault)
	m.files[FromDefault] = "(defaults)"
	if err := m.addUserFile(p, data, false); err != nil { // its clocks are checked by Load, against the profile
		return nil, err
	}
	return newLayers(m, nil), nil
}

// runLayers are readRunLayers(p, data), from the cache when it has them (see fileLayers).
func (c *Cache) runLayers(p string, data []byte) (*layers, error) {
	if c == nil {
		return readRunLayers(p, data)
	}
	key := "run settings\x00no user file"
	if data != nil {
		key = "run settings\x00user file\x00" + p + "\x00" + string(data)
	}
	return c.get(key, func() (*layers, error) { return readRunLayers(p, data) })
}
