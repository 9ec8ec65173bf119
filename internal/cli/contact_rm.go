package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/render"
	"github.com/spf13/cobra"
)

func newContactRmCmd(f *Factory) *cobra.Command {
	var yes bool
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
			if !yes && !f.InTTY {
				return usageErrorf("refusing to remove without confirmation: stdin is not a terminal; pass --yes")
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			c, err := db.ResolveContact(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if !yes {
				ok, err := confirm(f, fmt.Sprintf("Remove #%d %s and their follow-ups, introductions and coffees? [y/N] ", c.ID, render.Cell(c.Name)))
				if err != nil || !ok {
					if err == nil {
						fmt.Fprintln(f.ErrOut, "Nothing removed.")
					}
					return err
				}
			}
			if err := db.RemoveContact(cmd.Context(), c.ID); err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, map[string]any{"removed": c.ID, "name": c.Name})
			}
			_, err = fmt.Fprintf(f.Out, "Removed #%d %s\n", c.ID, render.Cell(c.Name))
			return err
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "remove without asking")
	return cmd
}

// confirm asks a yes/no question on the terminal; anything but y or yes is no.
func confirm(f *Factory, question string) (bool, error) {
	fmt.Fprint(f.ErrOut, question)
	line, err := bufio.NewReader(f.In).ReadString('\n')
	if err != nil && line == "" {
		return false, nil
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
}
