package cli

import (
	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/store"
)

func newCoffeeCancelCmd(f *Factory) *cobra.Command {
	cmd := newCoffeeBatchCmd(&coffeeBatchOptions{f: f, verb: "Cancelled", act: (*store.DB).CancelCoffees})
	cmd.Use = "cancel ID..."
	cmd.Short = "Record that a planned coffee will not happen"
	cmd.Long = `Cancel planned coffees that fell through. A cancelled coffee stays in the
contact's history, marked cancelled, and counts nowhere: not as contact,
not toward the objective, not in the scorecard, the napkin or warm paths.
A plan whose day has passed shows as "not logged" until it is held or
cancelled. All or nothing: a missing id, or a coffee that is not a plan,
cancels none.`
	cmd.Example = `  kith coffee cancel 9
  kith coffee cancel 9 10`
	cmd.ValidArgsFunction = completeCoffeeIDs(f, true, true)
	return cmd
}
