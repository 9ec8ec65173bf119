package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/render"
)

// touchOptions is what touch runs with.
type touchOptions struct {
	f        *Factory
	ref      string
	note, on string
}

func newTouchCmd(f *Factory) *cobra.Command {
	opts := &touchOptions{f: f}
	cmd := &cobra.Command{
		Use:   "touch REF",
		Short: "Record a message sent, which restarts a stay-in-touch cadence",
		Long: `Record that you were in touch with someone without meeting them: an email,
a message, a card. It restarts their stay-in-touch cadence (the "stay in
touch" item of 'kith followup due' falls due a cadence after it, and a
snooze of it ends) but it is not a coffee: it counts toward no objective,
and the last contact shown everywhere stays the last meeting.

'kith followup done c12' does the same for the item c12 of the due list.`,
		Example: `  kith touch ana --note "sent the seminar invite"
  kith touch ana@lima.law --on yesterday`,
		Args:              exactArgs(1, "one contact REF"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = args[0]
			return runTouch(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.note, "note", "", "what you sent or said")
	cmd.Flags().StringVar(&opts.on, "on", "today", "the day it happened: YYYY-MM-DD, yesterday, a weekday")
	return cmd
}

// runTouch records the touch and says when staying in touch is next due.
func runTouch(ctx context.Context, opts *touchOptions) error {
	f := opts.f
	on, err := f.parseDateFlag("on", opts.on, dates.Past)
	if err != nil {
		return err
	}
	db, policy, err := f.storeWithCadences(ctx)
	if err != nil {
		return err
	}
	res, err := db.Touch(ctx, opts.ref, on, opts.note, policy)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, res)
	}
	line := fmt.Sprintf("Touched #%d %s on %s", res.ContactID, render.Cell(res.Contact), res.On)
	if res.Next != nil {
		line += "; stay in touch next due " + describeDue(res.Next.Due, f.Today())
	}
	_, err = fmt.Fprintln(f.Out, line)
	return err
}
