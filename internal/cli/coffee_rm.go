package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/store"
)

// coffeeBatchOptions is what coffee rm and cancel run with: several ids,
// one all-or-nothing store call, and the verb that reports each coffee.
type coffeeBatchOptions struct {
	f    *Factory
	ids  []int64
	verb string
	act  func(db *store.DB, ctx context.Context, ids []int64) ([]store.ChangedCoffee, error) // a DB method
}

// newCoffeeBatchCmd is the shape rm and cancel share: several ids, all or
// none changed, a line (or JSON object) per coffee.
func newCoffeeBatchCmd(opts *coffeeBatchOptions) *cobra.Command {
	return &cobra.Command{
		Args: minArgs(1, "one or more coffee IDs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.ids, err = parseRecordIDs(args, "coffee"); err != nil {
				return err
			}
			return runCoffeeBatch(cmd.Context(), opts)
		},
	}
}

func newCoffeeRmCmd(f *Factory) *cobra.Command {
	cmd := newCoffeeBatchCmd(&coffeeBatchOptions{f: f, verb: "Removed", act: (*store.DB).RemoveCoffees})
	cmd.Use = "rm ID..."
	cmd.Aliases = []string{"remove"}
	cmd.Short = "Remove coffees logged by mistake"
	cmd.Long = `Remove coffees that did not happen as logged: a twin, a call logged with
the wrong person (or use coffee edit --rm and --add). The people at them
stop counting as met on those days, and the open follow-ups the coffees'
next steps made go too; introductions made at them stay. A plan that fell
through is better cancelled (kith coffee cancel): it stays in the history.
All or nothing: a missing id removes none. kith undo brings them back.`
	cmd.Example = `  kith coffee rm 7
  kith coffee rm 7 8`
	cmd.ValidArgsFunction = completeCoffeeIDs(f, true, false)
	return cmd
}

// runCoffeeBatch changes the coffees, all or none, and lists them.
func runCoffeeBatch(ctx context.Context, opts *coffeeBatchOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	changed, err := opts.act(db, ctx, opts.ids)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, changed)
	}
	for _, c := range changed {
		if err := printChangedCoffee(f, opts.verb, c); err != nil {
			return err
		}
	}
	return nil
}
