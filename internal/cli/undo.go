package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// undoOptions is what undo runs with: the entry (0: the latest) and
// whether only to say what it would do.
type undoOptions struct {
	f      *Factory
	id     int64
	dryRun bool
}

func newUndoCmd(f *Factory) *cobra.Command {
	opts := &undoOptions{f: f}
	cmd := &cobra.Command{
		Use:   "undo [ID]",
		Short: "Reverse the last change, or any entry of kith history",
		Long: `Reverse the most recent command that changed the database, or the journal
entry ID that 'kith history' lists. Every record the command added goes,
and every record it changed or removed comes back as it was, with its id.
A whole 'contact import' is one entry, undone in one command.

The undo is itself an entry of the journal: run 'kith undo' again right
after it to redo what it undid.

An older entry is undone only when no later entry touched the same records
(or refers to one it added); otherwise kith names the later entry to undo
first, and changes nothing. --dry-run says what the undo would change, and
changes nothing.`,
		Example: `  kith undo
  kith undo --dry-run
  kith undo 12`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("%s takes at most one entry ID, got %d; run '%s --help' for usage", cmd.CommandPath(), len(args), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(args[0]), "#"), 10, 64)
				if err != nil || id <= 0 {
					return usageErrorf("%q is not a journal entry id; ids are the numbers 'kith history' prints first", clip.String(args[0]))
				}
				opts.id = id
			}
			return runUndo(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "say what the undo would change, and change nothing")
	return cmd
}

// runUndo reverses the entry and says what changed.
func runUndo(ctx context.Context, opts *undoOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	res, err := db.Undo(ctx, opts.id, opts.dryRun)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, res)
	}
	_, err = fmt.Fprintln(f.Out, render.Cell(undoLine(res)))
	return err
}

// undoLine says what an undo did: "Undid #12 (added contact #3 Ana Lima):
// removed 1 contact, 1 email; run kith undo again to redo it".
func undoLine(res store.UndoResult) string {
	done, plain, again := "Undid", "undo", "redo"
	if res.Redo {
		done, plain, again = "Redid", "redo", "undo"
	}
	what := fmt.Sprintf("#%d (%s)", res.Original.ID, res.Original.Summary)
	if res.DryRun {
		return fmt.Sprintf("Would %s %s: %s; nothing was changed", plain, what, countsText(res.Counts, true))
	}
	return fmt.Sprintf("%s %s: %s; run kith undo again to %s it", done, what, countsText(res.Counts, false), again)
}

// countsText words an undo's counts: "removed 1 contact and 2 emails,
// changed back 1 follow-up".
func countsText(counts map[string]store.TableCounts, future bool) string {
	tables := make([]string, 0, len(counts))
	for t := range counts {
		tables = append(tables, t)
	}
	store.SortTables(tables)
	var parts []string
	for _, v := range []struct {
		past, future string
		n            func(store.TableCounts) int
	}{
		{"removed", "remove", func(c store.TableCounts) int { return c.Removed }},
		{"put back", "put back", func(c store.TableCounts) int { return c.Added }},
		{"changed back", "change back", func(c store.TableCounts) int { return c.Changed }},
	} {
		var things []string
		for _, t := range tables {
			if n := v.n(counts[t]); n > 0 {
				things = append(things, fmt.Sprintf("%d %s", n, store.Noun(t, n)))
			}
		}
		if len(things) == 0 {
			continue
		}
		verb := v.past
		if future {
			verb = v.future
		}
		parts = append(parts, verb+" "+strings.Join(things, ", "))
	}
	if len(parts) == 0 {
		return "no records"
	}
	return strings.Join(parts, "; ")
}
