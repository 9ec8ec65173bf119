package cli

import (
	"context"
	"fmt"

	"github.com/kith-crm/kith/internal/app"
	"github.com/spf13/cobra"
)

// followupDraftOptions is what followup draft runs with.
type followupDraftOptions struct {
	f   *Factory
	arg string // a follow-up id or a contact REF
}

func newFollowupDraftCmd(f *Factory) *cobra.Command {
	opts := &followupDraftOptions{f: f}
	return &cobra.Command{
		Use:   "draft ID|REF",
		Short: "Draft a follow-up message to paste into an email",
		Long: `Write a short follow-up message from what kith knows: where you met, the
topic you talked about, what you promised and your last coffee. Give a
follow-up ID to draft that one, or a contact REF to draft their earliest
open follow-up (else the idea on their card, else a catch-up note). A
number is read as a follow-up id first, then as a contact id.

The message reads as a short note: "Hi" and their first name, one
sentence of context from your last meeting (the place and the topic as
you wrote them, the topic in brackets), the follow-up itself, a closing
line and your signature, set in the config:

  draft:
    signature: |
      Sam Reyes
      Reyes Consulting · 555 0100

"Great to meet you" is written only to someone you added by hand in the
last 30 days; an imported contact, a friend, a client or someone you met
long ago gets a catch-up instead.

It is a plain-text template filled in, no network and no AI: read it,
make it yours, send it.`,
		Example: `  kith followup draft 3
  kith followup draft ana | pbcopy
  kith followup draft ana --json`,
		Args:              exactArgs(1, "one follow-up ID or contact REF"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.arg = args[0]
			return runFollowupDraft(cmd.Context(), opts)
		},
	}
}

// runFollowupDraft drafts the message and prints it.
func runFollowupDraft(ctx context.Context, opts *followupDraftOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	d, err := app.DraftFollowup(ctx, db, opts.arg, cfg.Draft.Signature)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, d)
	}
	_, err = fmt.Fprint(f.Out, f.prose(d.String()))
	return err
}
