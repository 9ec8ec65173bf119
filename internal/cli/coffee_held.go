package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
)

// coffeeHeldOptions is what coffee held runs with.
type coffeeHeldOptions struct {
	f     *Factory
	id    int64
	on    string
	onSet bool
}

func newCoffeeHeldCmd(f *Factory) *cobra.Command {
	opts := &coffeeHeldOptions{f: f}
	cmd := &cobra.Command{
		Use:   "held ID",
		Short: "Record that a planned coffee happened",
		Long: `Turn a planned coffee into a held one, on its planned day or --on the day
it happened: it then counts as contact and toward the coffee objective.
Logging the same people on the planned day does the same (kith coffee log
fulfils the plan instead of adding a twin). A cancelled plan that happened
after all can be marked held too; a coffee already held cannot.`,
		Example: `  kith coffee held 9
  kith coffee held 9 --on yesterday`,
		Args:              exactArgs(1, "one coffee ID"),
		ValidArgsFunction: completeCoffeeIDs(f, false, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseRecordIDs(args, "coffee")
			if err != nil {
				return err
			}
			opts.id, opts.onSet = ids[0], cmd.Flags().Changed("on")
			return runCoffeeHeld(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.on, "on", "", "the day it happened (default: the planned day, or today if that is still to come)")
	return cmd
}

// runCoffeeHeld marks the plan held and shows it.
func runCoffeeHeld(ctx context.Context, opts *coffeeHeldOptions) error {
	f := opts.f
	var on *dates.Date
	if opts.onSet {
		d, err := f.parseDateFlag("on", opts.on, dates.Past)
		if err != nil {
			return err
		}
		on = &d
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	held, err := db.HoldCoffee(ctx, opts.id, on)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, held)
	}
	return say(f, "Logged %s (was planned)", coffeeSentence(held))
}
