package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/ical"
	"github.com/kith-crm/kith/internal/kith"
)

// The days kith calendar looks ahead by default, and at most.
const (
	defaultCalendarDays = 90
	maxCalendarDays     = 3660
)

// calendarOptions is what kith calendar runs with.
type calendarOptions struct {
	f     *Factory
	days  int
	out   string
	force bool
}

func newCalendarCmd(f *Factory) *cobra.Command {
	opts := &calendarOptions{f: f}
	cmd := &cobra.Command{
		Use:   "calendar",
		Short: "Write your follow-ups, planned coffees and birthdays as an .ics file",
		Long: `Write an iCalendar file (RFC 5545) to import into Google Calendar, Apple
Calendar or Thunderbird: the follow-ups and stay-in-touch items due in the
next --days (those overdue on their own days), the coffees planned in them,
and every birthday and anniversary, each year.

Each is an all-day event, follow-ups too: Google Calendar drops the to-dos
(VTODO) of an imported file and Apple Calendar hides them, while an event
shows everywhere. Events are marked free, so they book no time. Each has a
UID made from its record, so importing a newer file updates the events
already there instead of adding twins; a follow-up done or a plan
cancelled since is not in the newer file, and stays in the calendar until
you delete it there.

Without --out the file goes to stdout; --out files are written whole, and
an existing file is replaced only with --force.`,
		Example: `  kith calendar --out kith.ics
  kith calendar --days 30 --out kith.ics --force
  kith calendar | grep -c BEGIN:VEVENT`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCalendar(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.days, "days", defaultCalendarDays, "put in the follow-ups and coffees of this many days from today")
	cmd.Flags().StringVar(&opts.out, "out", "", "write to FILE instead of stdout")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing --out file")
	return cmd
}

// runCalendar gathers the entries and writes them as one calendar file.
func runCalendar(ctx context.Context, opts *calendarOptions) error {
	f := opts.f
	if opts.days < 1 || opts.days > maxCalendarDays {
		return kith.Errorf(kith.Invalid, "--days must be from 1 to %d, got %d", maxCalendarDays, opts.days).
			WithHint("e.g. --days 30 puts in the coming month's follow-ups and coffees")
	}
	db, policy, err := f.storeWithCadences(ctx)
	if err != nil {
		return err
	}
	e, err := app.CalendarEntries(ctx, db, policy, opts.days, f.Now())
	if err != nil {
		return err
	}
	if err := writeOutput(f, db, opts.out, opts.force, func(w io.Writer) error { return ical.Write(w, e) }); err != nil {
		return err
	}
	if opts.out == "" || opts.out == "-" {
		return nil
	}
	_, err = fmt.Fprintf(f.Out, "Wrote %s to %s: %s, %s, %d birthdays and anniversaries\n",
		plural(len(e.Due)+len(e.Coffees)+len(e.Dates), "event"), opts.out,
		plural(len(e.Due), "follow-up"), plural(len(e.Coffees), "planned coffee"), len(e.Dates))
	return err
}
