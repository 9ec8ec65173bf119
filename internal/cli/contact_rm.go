package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/render"
	"github.com/spf13/cobra"
)

// contactRmOptions is what contact rm runs with.
type contactRmOptions struct {
	f   *Factory
	ref string
	yes bool // remove without asking
}

func newContactRmCmd(f *Factory) *cobra.Command {
	opts := &contactRmOptions{f: f}
	cmd := &cobra.Command{
		Use:     "rm REF",
		Aliases: []string{"remove"},
		Short:   "Remove a contact and everything that is only theirs",
		Long: `Remove a contact with their follow-ups, introductions and the coffees no one
else attended. On a terminal kith asks first; scripts must pass --yes.`,
		Example: `  kith contact rm "Ana Lima"
  kith contact rm 12 --yes`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !opts.yes && !f.InTTY {
				return usageErrorf("refusing to remove without confirmation: stdin is not a terminal; pass --yes")
			}
			opts.ref = args[0]
			return runContactRm(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.yes, "yes", "y", false, "remove without asking")
	return cmd
}

// runContactRm removes the contact, asking first unless --yes.
func runContactRm(ctx context.Context, opts *contactRmOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	c, err := db.ResolveContact(ctx, opts.ref)
	if err != nil {
		return err
	}
	if !opts.yes {
		ok, err := confirm(ctx, f, fmt.Sprintf("Remove #%d %s and their follow-ups, introductions and coffees? [y/N] ", c.ID, render.Cell(c.Name)))
		if err != nil || !ok {
			if err == nil {
				fmt.Fprintln(f.ErrOut, "Nothing removed.")
			}
			return err
		}
	}
	if err := db.RemoveContact(ctx, c.ID); err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, map[string]any{"removed": c.ID, "name": c.Name})
	}
	_, err = fmt.Fprintf(f.Out, "Removed #%d %s\n", c.ID, render.Cell(c.Name))
	return err
}

// confirm asks a yes/no question on the terminal; anything but y or yes
// is no.
func confirm(ctx context.Context, f *Factory, question string) (bool, error) {
	answer, err := f.prompt(ctx, question, "confirmation")
	if err != nil {
		return false, err
	}
	answer = strings.ToLower(answer)
	return answer == "y" || answer == "yes", nil
}
