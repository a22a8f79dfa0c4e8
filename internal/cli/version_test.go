package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	t.Parallel()
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.0", nil, "v1.2.0"},
		{"", nil, "(devel)"},
		{"(devel)", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-03-01T10:00:00Z", "vcs.modified", "false"),
			"(devel), commit 0123456789ab, built from a commit of 2026-03-01T10:00:00Z"},
		{"(devel)", vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), "(devel), commit 0123456789ab+dirty"},
		{"v0.3.1-0.20260301100000-0123456789ab", vcs("vcs.revision", "abc"), "v0.3.1-0.20260301100000-0123456789ab, commit abc"},
	} {
		info := &debug.BuildInfo{Main: debug.Module{Version: tc.version}, Settings: tc.settings}
		if got := versionOf(info); got != tc.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", tc.version, tc.settings, got, tc.want)
		}
	}
}
