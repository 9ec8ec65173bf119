package cli

import (
	"context"
	"strconv"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
)

// followupListOptions is what followup list runs with.
type followupListOptions struct {
	f      *Factory
	filter store.FollowupFilter
}

func newFollowupListCmd(f *Factory) *cobra.Command {
	opts := &followupListOptions{f: f}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List follow-ups, open first",
		Long: `List stored follow-ups: the open ones by due day, then the done ones.
Piped, each is one tab-separated line: ID DUE CONTACT WHAT STATUS, where
STATUS is open, snoozed or done. --json uses the keys of 'followup due'
plus status. --open and --done together list both, as neither does.
Cadence reminders are not stored; 'kith followup due' shows them.`,
		Example: `  kith followup list --open
  kith followup list --contact ana
  kith followup list --done --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runFollowupList(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&opts.filter.Open, "open", false, "only follow-ups still to do")
	fs.BoolVar(&opts.filter.Done, "done", false, "only follow-ups done")
	fs.StringVar(&opts.filter.ContactRef, "contact", "", "only this contact's follow-ups (REF: id, email or name)")
	refFlag(f, cmd, "contact")
	return cmd
}

// runFollowupList lists the stored follow-ups the flags pick.
func runFollowupList(ctx context.Context, opts *followupListOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	today := f.Today()
	return streamList(f, render.Table{
		Headers:   []string{"ID", "Due", "Contact", "What", "Status"},
		DropFirst: []string{"Status", "Due"},
		Empty:     "no follow-ups match",
	}, func(add func(kith.Followup) error) error {
		return db.EachFollowup(ctx, opts.filter, add)
	}, func(fu kith.Followup) []string {
		return []string{strconv.FormatInt(fu.ID, 10), fu.Due.String(), fu.Contact, fu.Text, fu.Status()}
	}, func(fu kith.Followup) any { return fu.State(today) })
}
