package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

func newFollowupCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("followup", "Keep the follow-ups you owe, and see each morning what is due",
		newFollowupAddCmd(f),
		newFollowupListCmd(f),
		newFollowupDoneCmd(f),
		newFollowupSnoozeCmd(f),
		newFollowupRmCmd(f),
		newFollowupDueCmd(f),
		newFollowupDraftCmd(f),
	)
	cmd.Long = `Networking only pays when you follow up. A follow-up is a dated thing to do
for a contact. You add them by hand; kith adds one for a card's follow-up
idea (contact add --idea) and for a coffee's next step (coffee log --next).
Contacts with a cadence (contact add --cadence 30d, or the config's
followup.cadence.<category> and followup.default_cadence) fall due to
"stay in touch" when you have not seen them for that long.

Run 'kith followup due' every morning, from cron if you like: it prints
what to do today and nothing at all when there is nothing.`
	cmd.Example = `  kith followup add ana "send the seminar invite" --due friday
  kith followup due
  kith followup done 3`
	return cmd
}

// followupAddOptions is what followup add runs with.
type followupAddOptions struct {
	f             *Factory
	ref, text     string
	due, in       string
	dueSet, inSet bool
}

func newFollowupAddCmd(f *Factory) *cobra.Command {
	opts := &followupAddOptions{f: f}
	cmd := &cobra.Command{
		Use:   "add REF TEXT",
		Short: "Add a follow-up for a contact (due tomorrow unless told)",
		Long: `Add a dated thing to do for a contact. It is due tomorrow unless you pass
--due (a date: 2026-03-09, friday, 2w) or --in (a length from today: 3d),
from today on: a follow-up is something still to do, so it cannot be due
in the past (the same rule as snooze). The words after REF are the text,
so quotes are optional.`,
		Example: `  kith followup add ana "send the seminar invite"
  kith followup add ana@lima.law call about the lease --due friday
  kith followup add 12 "ask for the intro to Bo" --in 2w`,
		Args:              minArgs(2, "a contact REF and the TEXT of the follow-up"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dueSet, opts.inSet = cmd.Flags().Changed("due"), cmd.Flags().Changed("in")
			if opts.dueSet && opts.inSet {
				return usageErrorf("pass --due or --in, not both")
			}
			opts.ref, opts.text = args[0], strings.Join(args[1:], " ")
			return runFollowupAdd(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.due, "due", "", "due date: YYYY-MM-DD, tomorrow, a weekday, or an offset such as 2w (default tomorrow)")
	cmd.Flags().StringVar(&opts.in, "in", "", "due this long from today, e.g. 3d, 2w, 1m")
	return cmd
}

// runFollowupAdd adds the follow-up and says when it is due.
func runFollowupAdd(ctx context.Context, opts *followupAddOptions) error {
	f := opts.f
	on, err := opts.dueDate()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	fu, err := db.AddFollowup(ctx, opts.ref, opts.text, on)
	if err != nil {
		return err
	}
	return f.printFollowup(fu, "Added follow-up #%d for %s, due %s\n")
}

// dueDate reads --due or --in; without either the follow-up is due
// tomorrow.
func (opts *followupAddOptions) dueDate() (dates.Date, error) {
	f := opts.f
	switch {
	case opts.dueSet:
		return f.parseDateFlag("due", opts.due, dates.Future)
	case opts.inSet:
		span, err := parseSpanFlag("in", opts.in)
		if err != nil {
			return dates.Date{}, err
		}
		// A day before today is refused by the store, with the same message
		// as --due yesterday.
		return span.From(f.Today()), nil
	}
	return f.Today().AddDays(1), nil
}

// printCardFollowup says which follow-up a card's idea became; open says
// it was one already open with the same text.
func printCardFollowup(f *Factory, fu kith.Followup, open bool) error {
	if open {
		_, err := fmt.Fprintf(f.Out, "Follow-up #%d already open, due %s: %s\n", fu.ID, describeDue(fu.Due, f.Today()), render.Cell(fu.Text))
		return err
	}
	_, err := fmt.Fprintf(f.Out, "Follow-up #%d due %s: %s\n", fu.ID, describeDue(fu.Due, f.Today()), render.Cell(fu.Text))
	return err
}

// describeDue says a due day with how far it is from today.
func describeDue(due, today dates.Date) string {
	switch days := due.DaysSince(today); {
	case days == 0:
		return due.String() + " (today)"
	case days == 1:
		return due.String() + " (tomorrow)"
	case days > 1:
		return fmt.Sprintf("%s (in %d days)", due, days)
	case days == -1:
		return due.String() + " (yesterday)"
	default:
		return fmt.Sprintf("%s (%d days ago)", due, -days)
	}
}

// parseIDs reads item ids given as arguments (12 for a follow-up, c12
// for contact #12's stay-in-touch item), dropping repeats.
func parseIDs(args []string) ([]kith.ItemID, error) {
	var ids []kith.ItemID
	seen := map[kith.ItemID]bool{}
	for _, a := range args {
		id, err := kith.ParseItemID(a)
		if err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func newFollowupDoneCmd(f *Factory) *cobra.Command {
	cmd := newFollowupBatchCmd(f, "Done", func(ctx context.Context, db *store.DB, ids []kith.ItemID) ([]kith.ItemState, error) {
		policy, err := f.cadencePolicy()
		if err != nil {
			return nil, err
		}
		return db.DoneItems(ctx, ids, policy)
	})
	cmd.Use = "done ID..."
	cmd.Short = "Mark follow-ups done, or stay-in-touch items (c12) touched"
	cmd.Long = `Mark one or more follow-ups done: the ids 'kith followup due' prints first.
A stay-in-touch item's id is c and the contact's id (c12): marking it done
records a touch today (as 'kith touch' does), which restarts the cadence
without counting as a coffee, and says when it next falls due. All or
nothing: if any id is missing or already done, kith says which and marks
none of them.`
	cmd.Example = `  kith followup done 3
  kith followup done 3 4 c12`
	return cmd
}

// followupBatchOptions is what done and rm run with: several ids, one
// all-or-nothing store call, and the verb that reports each item.
type followupBatchOptions struct {
	f    *Factory
	verb string
	act  itemsAction
	ids  []kith.ItemID
}

// itemsAction changes the items ids name, all or none, and returns them
// as they stand after.
type itemsAction func(ctx context.Context, db *store.DB, ids []kith.ItemID) ([]kith.ItemState, error)

// newFollowupBatchCmd is the shape done and rm share: several ids, one
// all-or-nothing store call, and a line (or JSON item) per item.
func newFollowupBatchCmd(f *Factory, verb string, act itemsAction) *cobra.Command {
	opts := &followupBatchOptions{f: f, verb: verb, act: act}
	return &cobra.Command{
		Args:              minArgs(1, "one or more follow-up IDs"),
		ValidArgsFunction: completeOpenFollowups(f, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.ids, err = parseIDs(args); err != nil {
				return err
			}
			return runFollowupBatch(cmd.Context(), opts)
		},
	}
}

// runFollowupBatch changes the items, all or none, and lists them.
func runFollowupBatch(ctx context.Context, opts *followupBatchOptions) error {
	db, err := opts.f.Store(ctx)
	if err != nil {
		return err
	}
	changed, err := opts.act(ctx, db, opts.ids)
	if err != nil {
		return err
	}
	return opts.f.reportItems(changed, opts.verb)
}

// printFollowup prints one changed follow-up: its JSON item, or a line
// made from format with its id, contact and when it is due.
func (f *Factory) printFollowup(fu kith.Followup, format string) error {
	if f.flags.json {
		return renderJSON(f, fu.State(f.Today()))
	}
	_, err := fmt.Fprintf(f.Out, format, fu.ID, render.Cell(fu.Contact), describeDue(fu.Due, f.Today()))
	return err
}

// reportItems prints what a command did to items: one line each (a
// stay-in-touch item also says when it is now due), or with --json their
// items with status.
func (f *Factory) reportItems(items []kith.ItemState, verb string) error {
	if f.flags.json {
		return renderJSON(f, items)
	}
	for _, it := range items {
		line := fmt.Sprintf("%s #%s %s: %s", verb, it.ID, render.Cell(it.Contact), render.Cell(it.What))
		if it.Kind == kith.KindCadence {
			line += ", next due " + describeDue(it.Due, f.Today())
		}
		if _, err := fmt.Fprintln(f.Out, line); err != nil {
			return err
		}
	}
	return nil
}

// followupSnoozeOptions is what followup snooze runs with.
type followupSnoozeOptions struct {
	f                *Factory
	ids              []kith.ItemID
	forSpan, until   string
	forSet, untilSet bool
}

func newFollowupSnoozeCmd(f *Factory) *cobra.Command {
	opts := &followupSnoozeOptions{f: f}
	cmd := &cobra.Command{
		Use:   "snooze ID... (--for LENGTH | --until DATE)",
		Short: "Put follow-ups off until later",
		Long: `Put open follow-ups off: --for counts from today (1w is a week from today),
--until names the day. A follow-up cannot be snoozed into the past. A
stay-in-touch item (c12) is then not due before that day; if its cadence
falls due later anyway, that later day stands. All or nothing, as done.`,
		Example: `  kith followup snooze 3 --for 1w
  kith followup snooze 3 4 c12 --until monday
  kith followup snooze 3 --until 2026-04-01`,
		Args:              minArgs(1, "one or more follow-up IDs"),
		ValidArgsFunction: completeOpenFollowups(f, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.ids, err = parseIDs(args); err != nil {
				return err
			}
			opts.forSet, opts.untilSet = cmd.Flags().Changed("for"), cmd.Flags().Changed("until")
			if opts.forSet == opts.untilSet {
				return usageErrorf("pass --for LENGTH or --until DATE (one of them); run 'kith followup snooze --help' for usage")
			}
			return runFollowupSnooze(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.forSpan, "for", "", "snooze this long from today, e.g. 3d, 1w, 1m")
	cmd.Flags().StringVar(&opts.until, "until", "", "snooze until this day: YYYY-MM-DD, a weekday, tomorrow, 2w")
	return cmd
}

// runFollowupSnooze puts the items off and says until when.
func runFollowupSnooze(ctx context.Context, opts *followupSnoozeOptions) error {
	f := opts.f
	to, err := opts.untilDay()
	if err != nil {
		return err
	}
	db, policy, err := f.storeWithCadences(ctx)
	if err != nil {
		return err
	}
	items, err := db.SnoozeItems(ctx, opts.ids, to, policy)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, items)
	}
	for _, it := range items {
		if _, err := fmt.Fprintf(f.Out, "Snoozed #%s %s until %s\n", it.ID, render.Cell(it.Contact), describeDue(it.Due, f.Today())); err != nil {
			return err
		}
	}
	return nil
}

// untilDay is the day --for or --until names.
func (opts *followupSnoozeOptions) untilDay() (dates.Date, error) {
	f := opts.f
	if opts.forSet {
		span, err := parseSpanFlag("for", opts.forSpan)
		if err != nil {
			return dates.Date{}, err
		}
		return span.From(f.Today()), nil
	}
	return f.parseDateFlag("until", opts.until, dates.Future)
}

func newFollowupRmCmd(f *Factory) *cobra.Command {
	cmd := newFollowupBatchCmd(f, "Removed", func(ctx context.Context, db *store.DB, ids []kith.ItemID) ([]kith.ItemState, error) {
		nums := make([]int64, len(ids))
		for i, id := range ids {
			if id.Cadence {
				return nil, kith.Errorf(kith.Invalid, "%s is a stay-in-touch item, which is not stored; nothing was removed", id).
					WithHint("kith contact edit REF --cadence none stops it; kith followup snooze puts it off")
			}
			nums[i] = id.N
		}
		removed, err := db.RemoveFollowups(ctx, nums)
		items := make([]kith.ItemState, len(removed))
		for i, fu := range removed {
			items[i] = fu.State(f.Today())
		}
		return items, err
	})
	cmd.Use = "rm ID..."
	cmd.Aliases = []string{"remove"}
	cmd.Short = "Remove follow-ups"
	cmd.Long = `Delete follow-ups you no longer mean to do (to record that you did one, use
'followup done'). All or nothing: a missing id removes none.`
	cmd.Example = `  kith followup rm 3
  kith followup rm 3 4`
	return cmd
}
