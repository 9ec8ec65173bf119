package cli

import (
	"fmt"

	"github.com/kith-crm/kith/internal/draft"
	"github.com/kith-crm/kith/internal/render"
	"github.com/spf13/cobra"
)

func newFollowupDraftCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "draft ID|REF",
		Short: "Draft a follow-up message to paste into an email",
		Long: `Write a short follow-up message from what kith knows: where you met, the
topic you talked about, what you promised and your last coffee. Give a
follow-up ID to draft that one, or a contact REF to draft their earliest
open follow-up (else the idea on their card, else a catch-up note). A
number is read as a follow-up id first, then as a contact id.

It is a plain-text template filled in, no network and no AI: read it,
make it yours, send it.`,
		Example: `  kith followup draft 3
  kith followup draft ana | pbcopy
  kith followup draft ana --json`,
		Args:              exactArgs(1, "one follow-up ID or contact REF"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			facts, err := db.DraftFacts(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			d := draft.Write(facts)
			if f.flags.json {
				return renderJSON(f, d)
			}
			_, err = fmt.Fprint(f.Out, render.Text(d.String()))
			return err
		},
	}
}
