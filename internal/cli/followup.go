package cli

import (
	"context"
	"fmt"
	"strconv"
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

// parseIDs reads follow-up ids given as arguments, dropping repeats.
func parseIDs(args []string) ([]int64, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, a := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(a), "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, kith.Errorf(kith.Invalid, "%q is not a follow-up id", a).
				WithHint("ids are the numbers 'kith followup list' shows")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func newFollowupDoneCmd(f *Factory) *cobra.Command {
	cmd := newFollowupBatchCmd(f, "Done", (*store.DB).DoneFollowups)
	cmd.Use = "done ID..."
	cmd.Short = "Mark follow-ups done"
	cmd.Long = `Mark one or more follow-ups done. All or nothing: if any id is missing or
already done, kith says which and marks none of them.`
	cmd.Example = `  kith followup done 3
  kith followup done 3 4 7`
	return cmd
}

// followupBatchOptions is what done and rm run with: several ids, one
// all-or-nothing store call, and the verb that reports each follow-up.
type followupBatchOptions struct {
	f    *Factory
	verb string
	act  func(*store.DB, context.Context, []int64) ([]kith.Followup, error)
	ids  []int64
}

// newFollowupBatchCmd is the shape done and rm share: several ids, one
// all-or-nothing store call, and a line (or JSON item) per follow-up.
func newFollowupBatchCmd(f *Factory, verb string, act func(*store.DB, context.Context, []int64) ([]kith.Followup, error)) *cobra.Command {
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

// runFollowupBatch changes the follow-ups, all or none, and lists them.
func runFollowupBatch(ctx context.Context, opts *followupBatchOptions) error {
	db, err := opts.f.Store(ctx)
	if err != nil {
		return err
	}
	changed, err := opts.act(db, ctx, opts.ids)
	if err != nil {
		return err
	}
	return opts.f.reportFollowups(changed, opts.verb)
}

// printFollowup prints one changed follow-up: its JSON item, or a line
// made from format with its id, contact and when it is due.
func (f *Factory) printFollowup(fu kith.Followup, format string) error {
	if f.flags.json {
		return renderJSON(f, newFollowupJSON(fu, f.Today()))
	}
	_, err := fmt.Fprintf(f.Out, format, fu.ID, render.Cell(fu.Contact), describeDue(fu.Due, f.Today()))
	return err
}

// reportFollowups prints what a command did to follow-ups: one line each,
// or with --json their items.
func (f *Factory) reportFollowups(fus []kith.Followup, verb string) error {
	if f.flags.json {
		items := make([]followupJSON, len(fus))
		for i, fu := range fus {
			items[i] = newFollowupJSON(fu, f.Today())
		}
		return renderJSON(f, items)
	}
	for _, fu := range fus {
		if _, err := fmt.Fprintf(f.Out, "%s #%d %s: %s\n", verb, fu.ID, render.Cell(fu.Contact), render.Cell(fu.Text)); err != nil {
			return err
		}
	}
	return nil
}

// followupSnoozeOptions is what followup snooze runs with.
type followupSnoozeOptions struct {
	f                *Factory
	id               int64
	forSpan, until   string
	forSet, untilSet bool
}

func newFollowupSnoozeCmd(f *Factory) *cobra.Command {
	opts := &followupSnoozeOptions{f: f}
	cmd := &cobra.Command{
		Use:   "snooze ID (--for LENGTH | --until DATE)",
		Short: "Put a follow-up off until later",
		Long: `Move an open follow-up's due day: --for counts from today (1w is a week
from today), --until names the day. A follow-up cannot be snoozed into the
past.`,
		Example: `  kith followup snooze 3 --for 1w
  kith followup snooze 3 --until monday
  kith followup snooze 3 --until 2026-04-01`,
		Args:              exactArgs(1, "one follow-up ID"),
		ValidArgsFunction: completeOpenFollowups(f, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs(args)
			if err != nil {
				return err
			}
			opts.id = ids[0]
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

// runFollowupSnooze moves the follow-up's due day and says to when.
func runFollowupSnooze(ctx context.Context, opts *followupSnoozeOptions) error {
	f := opts.f
	var to dates.Date
	if opts.forSet {
		span, err := parseSpanFlag("for", opts.forSpan)
		if err != nil {
			return err
		}
		to = span.From(f.Today())
	} else {
		var err error
		if to, err = f.parseDateFlag("until", opts.until, dates.Future); err != nil {
			return err
		}
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	fu, err := db.SnoozeFollowup(ctx, opts.id, to)
	if err != nil {
		return err
	}
	return f.printFollowup(fu, "Snoozed #%d %s until %s\n")
}

func newFollowupRmCmd(f *Factory) *cobra.Command {
	cmd := newFollowupBatchCmd(f, "Removed", (*store.DB).RemoveFollowups)
	cmd.Use = "rm ID..."
	cmd.Aliases = []string{"remove"}
	cmd.Short = "Remove follow-ups"
	cmd.Long = `Delete follow-ups you no longer mean to do (to record that you did one, use
'followup done'). All or nothing: a missing id removes none.`
	cmd.Example = `  kith followup rm 3
  kith followup rm 3 4`
	return cmd
}
