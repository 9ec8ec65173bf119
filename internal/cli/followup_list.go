package cli

import (
	"strconv"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
)

func newFollowupListCmd(f *Factory) *cobra.Command {
	var filter store.FollowupFilter
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
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			fus, err := db.ListFollowups(cmd.Context(), filter)
			if err != nil {
				return err
			}
			today := f.Today()
			items := make([]followupJSON, len(fus))
			rows := make([][]string, len(fus))
			for i, fu := range fus {
				items[i] = newFollowupJSON(fu, today)
				rows[i] = []string{strconv.FormatInt(fu.ID, 10), fu.Due.String(), fu.Contact, fu.Text, fu.Status()}
			}
			return render.List(f.Out, f.Mode(), []string{"ID", "Due", "Contact", "What", "Status"}, rows, items)
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&filter.Open, "open", false, "only follow-ups still to do")
	fs.BoolVar(&filter.Done, "done", false, "only follow-ups done")
	fs.StringVar(&filter.ContactRef, "contact", "", "only this contact's follow-ups (REF: id, email or name)")
	_ = cmd.RegisterFlagCompletionFunc("contact", completeContacts(f))
	return cmd
}

// followupJSON is a stored follow-up as list, add, snooze, done and rm
// print it with --json: the keys of a due item plus its status (open,
// snoozed or done), so a done one does not read as still to do.
type followupJSON struct {
	kith.DueItem
	Status string `json:"status"`
}

func newFollowupJSON(fu kith.Followup, today dates.Date) followupJSON {
	return followupJSON{DueItem: fu.Item(today), Status: fu.Status()}
}
