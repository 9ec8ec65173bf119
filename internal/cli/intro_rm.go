package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// introRmOptions is what intro rm runs with.
type introRmOptions struct {
	f   *Factory
	ids []int64
}

func newIntroRmCmd(f *Factory) *cobra.Command {
	opts := &introRmOptions{f: f}
	return &cobra.Command{
		Use:     "rm ID...",
		Aliases: []string{"remove"},
		Short:   "Remove introductions recorded by mistake",
		Long: `Remove introductions that never happened as recorded: a twin, one typed
with the wrong people (or correct it with kith intro edit). The people
stay, and a client stays a client; an introducer's advocacy drops at once
when its evidence goes, and the removal says so. A promise that came to
nothing is better closed as lost (kith intro update ID --status lost):
it stays in the history. All or nothing: a missing id removes none.`,
		Example: `  kith intro rm 3
  kith intro rm 2 3`,
		Args:              minArgs(1, "one or more introduction IDs"),
		ValidArgsFunction: completeIntroIDs(f, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.ids, err = parseRecordIDs(args, "introduction"); err != nil {
				return err
			}
			return runIntroRm(cmd.Context(), opts)
		},
	}
}

// runIntroRm removes the introductions, all or none, and lists them.
func runIntroRm(ctx context.Context, opts *introRmOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	removed, err := db.RemoveIntroductions(ctx, opts.ids)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, removed)
	}
	for _, in := range removed {
		if err := printIntroCorrection(f, "Removed", in); err != nil {
			return err
		}
	}
	return nil
}
