package cli

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
)

// followupDueOptions is what followup due runs with.
type followupDueOptions struct {
	f         *Factory
	within    string
	withinSet bool
	exitCode  bool // exit 1 when something is due
}

func newFollowupDueCmd(f *Factory) *cobra.Command {
	opts := &followupDueOptions{f: f}
	cmd := &cobra.Command{
		Use:   "due",
		Short: "What to follow up on today: for the morning, and for cron",
		Long: `Print everything open and due up to today (or up to today plus --within),
oldest first: stored follow-ups and "stay in touch" for contacts whose
cadence has run out since you last met them. Logging a coffee with them
clears a cadence item.

On a terminal it is a table. Piped, each item is one line:
ID<TAB>DATE<TAB>CONTACT<TAB>WHAT<TAB>OVERDUE_DAYS, where OVERDUE_DAYS is
negative for items inside the --within window that are not due yet. The
ID is what 'followup done' and 'followup snooze' take: a follow-up's
number, or for a stay-in-touch item c and the contact's id (c12). With
--json it is an array of objects with the keys id (a number, or "c12" for
a stay-in-touch item), kind (followup or cadence), contact_id, contact,
what, due and overdue_days.

When nothing is due it prints nothing at all and exits 0 (with --json it
prints []), so cron mails you only when there is something to do.
--exit-code makes it exit 1 when something is due, for scripts, and 3 when
it fails (an unreadable database), so 1 never means a failure.`,
		Example: `  kith followup due
  kith followup due --within 7d
  kith followup due --json | jq -r '.[] | "\(.contact): \(.what)"'
  kith followup due --exit-code >/dev/null; [ $? -eq 1 ] && echo "follow-ups waiting"

  # crontab: mail the morning list at 7:30 when there is one
  30 7 * * * kith followup due`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.withinSet = cmd.Flags().Changed("within")
			return runFollowupDue(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.within, "within", "", "also show what falls due this long from today, e.g. 7d, 2w")
	cmd.Flags().BoolVar(&opts.exitCode, "exit-code", false, "exit 1 when something is due, 0 when nothing is, 3 on failure")
	return cmd
}

// runFollowupDue prints what is due through today, or the --within
// window: stored follow-ups and cadences run out.
func runFollowupDue(ctx context.Context, opts *followupDueOptions) error {
	f := opts.f
	// The list is read, printed and dropped within milliseconds, and a long
	// one is most of the heap: collecting it before the process exits is
	// pure cost, so the collector waits longer.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	through, err := opts.through(f.Today())
	if err != nil {
		return err
	}
	db, policy, err := f.storeWithCadences(ctx)
	if err != nil {
		return err
	}
	items, err := db.Due(ctx, through, policy)
	if err != nil {
		return err
	}
	if err := renderDue(f, items); err != nil {
		return err
	}
	if opts.exitCode && len(items) > 0 {
		return &quietExit{code: exitError}
	}
	return nil
}

// through is the last day the list reaches: today, or the end of the
// --within window.
func (opts *followupDueOptions) through(today dates.Date) (dates.Date, error) {
	if !opts.withinSet {
		return today, nil
	}
	span, err := parseSpanFlag("within", opts.within)
	if err != nil {
		return today, err
	}
	if span.N < 0 {
		return today, kith.Errorf(kith.Invalid, "bad --within %q: the window looks ahead from today", opts.within).
			WithHint("use a length such as 7d or 2w")
	}
	return span.From(today), nil
}

// renderDue prints due items: piped, exactly ID, DATE, CONTACT, WHAT and
// OVERDUE_DAYS, streamed (the list can be long); on a terminal a table.
func renderDue(f *Factory, items []kith.DueItem) error {
	m := f.Mode()
	if !m.JSON && !m.TTY {
		return writeDueLines(f.Out, items)
	}
	var rows [][]string
	if !m.JSON {
		rows = dueRows(items)
	}
	t := dueTable
	t.Empty = "nothing due"
	return t.Print(f.Out, m, rows, items)
}

// dueTable lays due items out on a terminal; dueRows are its rows.
var dueTable = render.Table{
	Headers:   []string{"ID", "Due", "Overdue", "Contact", "What"},
	DropFirst: []string{"Overdue", "Due"},
}

func dueRows(items []kith.DueItem) [][]string {
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = []string{it.ID.String(), it.Due.String(), overdueLabel(it.OverdueDays), it.Contact, it.What}
	}
	return rows
}

// writeDueLines writes due items as piped lines, ID, DATE, CONTACT, WHAT
// and OVERDUE_DAYS, streamed: the list can be long.
func writeDueLines(w io.Writer, items []kith.DueItem) error {
	l := render.NewLines(w)
	// a long list has few distinct days, in order: format each once
	var day dates.Date
	var due, overdue string
	for i, it := range items {
		if i == 0 || it.Due.Ordinal() != day.Ordinal() {
			day, due, overdue = it.Due, it.Due.String(), strconv.Itoa(it.OverdueDays)
		}
		l.Row(it.ID.String(), due, it.Contact, it.What, overdue)
	}
	return l.Flush()
}

// overdueLabel says how late an item is, for people.
func overdueLabel(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "1 day"
	case days > 1:
		return fmt.Sprintf("%d days", days)
	case days == -1:
		return "in 1 day"
	}
	return fmt.Sprintf("in %d days", -days)
}

// cadencePolicy reads the stay-in-touch cadences from the config.
func (f *Factory) cadencePolicy() (kith.CadencePolicy, error) {
	cfg, err := f.Config()
	if err != nil {
		return kith.CadencePolicy{}, err
	}
	p, kerr := configCadences(cfg) // checked when the config was read
	if kerr != nil {
		return p, kerr
	}
	return p, nil
}

// storeWithCadences opens the store and reads the cadence policy, for the
// commands that work out stay-in-touch items.
func (f *Factory) storeWithCadences(ctx context.Context) (*store.DB, kith.CadencePolicy, error) {
	policy, err := f.cadencePolicy()
	if err != nil {
		return nil, policy, err
	}
	db, err := f.Store(ctx)
	return db, policy, err
}

// cardDays reads followup.card_days: how many days after a card is
// written its follow-up idea falls due (checked when the config is read).
func (f *Factory) cardDays() (int, error) {
	cfg, err := f.Config()
	if err != nil {
		return 0, err
	}
	return cfg.Followup.CardDays, nil
}
