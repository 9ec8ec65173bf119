package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
)

// contactRmOptions is what contact rm runs with.
type contactRmOptions struct {
	f     *Factory
	ref   string
	yes   bool // remove without asking
	force bool // remove history the reports count too
}

func newContactRmCmd(f *Factory) *cobra.Command {
	opts := &contactRmOptions{f: f}
	cmd := &cobra.Command{
		Use:     "rm REF",
		Aliases: []string{"remove"},
		Short:   "Remove a contact and everything that is only theirs",
		Long: `Remove a contact with their follow-ups, notes, introductions and the coffees
no one else attended; coffees shared with others stay, without them. kith
says what goes before it asks (scripts must pass --yes), and says it again
once it is gone.

A contact whose history counts in the reports (an introduction made,
revenue won, their win as a client) is refused without --force: removing
them would change last quarter's numbers and take an introducer's credit.
kith contact archive puts them away instead, keeping that history.`,
		Example: `  kith contact rm "Cy Diaz"
  kith contact rm 12 --yes
  kith contact rm "Dan Wu" --force --yes`,
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
	cmd.Flags().BoolVar(&opts.force, "force", false, "remove them even when the reports count their history")
	return cmd
}

// runContactRm says what goes with the contact, refuses history the
// reports count unless --force, asks unless --yes, and removes.
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
	fp, err := db.ContactFootprint(ctx, c.ID)
	if err != nil {
		return err
	}
	counted := reportedHistory(fp)
	if counted != "" && !opts.force {
		return kith.Errorf(kith.Conflict, "#%d %s carries history the reports count (%s); nothing was removed", c.ID, c.Name, counted).
			WithHint("kith contact archive %d puts them away and keeps it; --force removes it all", c.ID)
	}
	goes := footprintText(fp)
	if !opts.yes {
		var before []string // said before the question, wrapped at words
		if goes != "" {
			before = append(before, fmt.Sprintf("Removing #%d %s also removes %s.", c.ID, render.Cell(c.Name), goes))
		}
		if counted != "" {
			before = append(before, fmt.Sprintf("The reports will no longer count %s.", counted))
		}
		for _, line := range before {
			fmt.Fprintln(f.ErrOut, render.Wrap(line, f.Mode().LineWidth()))
		}
		ok, err := confirm(ctx, f, fmt.Sprintf("Remove #%d %s? [y/N] ", c.ID, render.Cell(c.Name)))
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
		return renderJSON(f, map[string]any{"removed": c.ID, "name": c.Name, "with": fp})
	}
	if goes != "" {
		goes = ", with " + goes
	}
	return say(f, "Removed #%d %s%s", c.ID, c.Name, goes)
}

// reportedHistory says what of a contact's history the reports count:
// "2 introductions made, 18,000 won, a client won on 2026-03-04"; "" for
// none.
func reportedHistory(fp store.Footprint) string {
	var parts []string
	if fp.IntrosMade > 0 {
		parts = append(parts, plural(fp.IntrosMade, "introduction")+" made")
	}
	if fp.Revenue > 0 {
		parts = append(parts, formatMoney(fp.Revenue)+" won")
	}
	if fp.WonOn != nil {
		parts = append(parts, fmt.Sprintf("a client won on %s", fp.WonOn))
	}
	return strings.Join(parts, ", ")
}

// footprintText lists what goes with a contact: "2 coffees only theirs,
// 3 introductions, 4 follow-ups" (and leaving shared coffees); "" for
// nothing.
func footprintText(fp store.Footprint) string {
	var parts []string
	for _, p := range []struct {
		n            int
		one, several string
	}{
		{fp.OwnCoffees, "coffee", "coffees"}, {fp.Introductions, "introduction", "introductions"},
		{fp.Followups, "follow-up", "follow-ups"}, {fp.Notes, "note", "notes"}, {fp.Touches, "touch", "touches"},
	} {
		switch {
		case p.n == 1:
			parts = append(parts, "1 "+p.one)
		case p.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.several))
		}
	}
	if fp.OwnCoffees > 0 {
		parts[0] += " only they attended"
	}
	if fp.SharedCoffees > 0 {
		parts = append(parts, fmt.Sprintf("their place at %s shared with others", plural(fp.SharedCoffees, "coffee")))
	}
	return strings.Join(parts, ", ")
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
