package cli

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
	"github.com/spf13/cobra"
)

func newMigrateCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "migrate WHAT",
		Short:   "Bring existing records up to a new field (areas)",
		GroupID: "repo",
		Long: `Explicit, reviewed changes that give existing records a field added to the record
format later. fmt never makes them.` + exitStatusHelp,
		Example: "  dossier migrate areas --map areas.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("migrate: name what to migrate: areas")
		},
	}
	cmd.AddCommand(newMigrateAreasCmd(f))
	return cmd
}

func newMigrateAreasCmd(f *Factory) *cobra.Command {
	var mapFile string
	var write bool
	cmd := &cobra.Command{
		Use:   "areas --map FILE [--write]",
		Short: "Set incident.area from incident.location through a mapping file",
		Long: `Give each case that has an incident location but no area the area its location text
maps to in FILE (YAML, one "location text: area code" a line; texts compare without
regard to case or repeated spaces; codes are those of dossier.yaml codes.areas):

  Toronto: toronto
  Scarborough: toronto
  Orléans: ottawa

Without --write nothing changes: it prints, one a line, each case that would get an area
and the area (ID, tab, code), and says on stderr how many cases have a location the map
does not list. With --write it sets them, adds an edit entry to the history of each case
it changes and prints the same lines. A case that has an area keeps it. An unknown code,
or one text mapped to two codes, refuses the whole file before anything is written.
Locations are never printed (they are confidential).` + exitStatusHelp,
		Example: "  dossier migrate areas --map areas.yaml\n  dossier migrate areas --map areas.yaml --write --commit",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if mapFile == "" {
				return usageErrorf("migrate areas: --map FILE is required (YAML: \"location text: area code\" a line)")
			}
			return runMigrateAreas(f, mapFile, write)
		},
	}
	cmd.Flags().StringVar(&mapFile, "map", "", "the mapping `FILE` from location text to area code (- for stdin)")
	cmd.Flags().BoolVar(&write, "write", false, "set the areas (without it, only say what would change)")
	return cmd
}

func runMigrateAreas(f *Factory, mapFile string, write bool) error {
	store, err := f.Store()
	if err != nil {
		return err
	}
	data, err := f.readInput(mapFile)
	if err != nil {
		return fmt.Errorf("--map: %w", err)
	}
	m, err := records.ParseAreaMap(mapFile, data, store.Profile)
	if err != nil {
		return usageErrorf("--map %v", err)
	}
	a, err := f.act("")
	if err != nil {
		return err
	}
	loaded, _, err := store.LoadAll()
	if err != nil {
		return err
	}
	type change struct{ id, area string }
	var changes []change
	var unmapped []string
	for _, l := range loaded {
		if l.Err != nil {
			return fmt.Errorf("%v (fix it first: dossier check)", l.Err)
		}
		c := &l.Record.Case
		if c.Area() != "" || c.Location() == "" || c.Location() == records.DisposedMarker {
			continue
		}
		if code, ok := m.AreaFor(c); ok {
			// Every case to change must be writable before any is written.
			if records.HasErrors(records.Validate(l.Record, store.Profile)) {
				return fmt.Errorf("%s: the record has problems (dossier check lists them): fix it first; nothing changed", l.Path)
			}
			changes = append(changes, change{c.ID, code})
		} else {
			unmapped = append(unmapped, c.ID)
		}
	}
	if len(unmapped) > 0 {
		shown := unmapped
		if len(shown) > 10 {
			shown = append(shown[:10:10], fmt.Sprintf("and %d more", len(unmapped)-10))
		}
		f.Talk("%s a location %s does not map: %s", plural(len(unmapped), "case has", "cases have"), mapFile, strings.Join(shown, ", "))
	}
	if !write {
		for _, ch := range changes {
			fmt.Fprintf(f.Out, "%s\t%s\n", ch.id, ch.area)
		}
		f.Talk("%s would get an area (dry run: nothing changed; add --write)", plural(len(changes), "case", "cases"))
		return nil
	}
	unlock, err := f.commitLock()
	if err != nil {
		return err
	}
	defer unlock()
	var done []string
	for _, ch := range changes {
		_, err := store.Update(ch.id, func(r *records.Record) error { return records.SetArea(&r.Case, store.Profile, a, ch.area) })
		if err != nil {
			if cerr := f.commitMigration(done); cerr != nil {
				f.Warn("%v", cerr)
			}
			return fmt.Errorf("%s: %w (%d of %d cases changed before it)", ch.id, err, len(done), len(changes))
		}
		done = append(done, ch.id)
		fmt.Fprintf(f.Out, "%s\t%s\n", ch.id, ch.area)
	}
	f.Talk("set the area of %s", plural(len(done), "case", "cases"))
	return f.commitMigration(done)
}

// commitMigration commits the migrated files in one commit when --commit is given or
// git.commit is set.
func (f *Factory) commitMigration(ids []string) error {
	if len(ids) == 0 || !f.CommitWrites() {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "migrate areas: set the area of %s\n\nAction: edit\n", plural(len(ids), "case", "cases"))
	paths := make([]string, len(ids))
	for i, id := range ids {
		fmt.Fprintf(&b, "Case: %s\n", id)
		paths[i] = records.RecordPath(id)
	}
	if err := f.commit(paths, b.String()); err != nil {
		return fmt.Errorf("the areas are set but not committed: %w", err)
	}
	return nil
}

// refuseClaimedLegacy refuses legacy file numbers another case of the repository holds
// already (create, import): one legacy number finds one case.
func refuseClaimedLegacy(store *recstore.Store, legacy []string) error {
	if len(legacy) == 0 {
		return nil
	}
	owners, err := store.LegacyOwners()
	if err != nil {
		return err
	}
	for _, l := range legacy {
		if ids := owners[strings.ToLower(l)]; len(ids) > 0 {
			return usageErrorf("--legacy-id: %s is the legacy file number of %s already: a legacy file number names one case; nothing created", l, strings.Join(ids, ", "))
		}
	}
	return nil
}
