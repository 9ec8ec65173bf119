package cli

import (
	"context"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
)

// defaultPromiseDays is how long a promised introduction may wait before
// the digest asks after it.
const defaultPromiseDays = 14

// todayOptions is what today runs with.
type todayOptions struct {
	f           *Factory
	promiseDays int
	exitCode    bool // exit 1 when there is something to do
}

func newTodayCmd(f *Factory) *cobra.Command {
	opts := &todayOptions{f: f}
	cmd := &cobra.Command{
		Use:   "today",
		Short: "The morning digest: what to do today, for you and for cron",
		Long: `Print what to do today, section by section, each left out when empty:
follow-ups due and overdue (with the ids 'followup done' takes), coffees
planned for today and planned coffees whose day passed without being held
or cancelled, introductions promised more than --promise-days ago and not
yet made ("ask Maria Souza about Tom Reyes"), and the birthdays and
anniversaries of the coming 7 days. With them come this week's
one-to-ones (coffees, lunches and calls held) against your objective, and
one advocate to serve: the top of 'kith fans', with its next action.

On a terminal the sections have headings and aligned columns. Piped, each
section is a heading line followed by one tab-separated line per item,
ID first; a follow-up's line is exactly what 'followup due' prints. With
--json it is one object with one key per section: due, coffees, promises,
dates, objective and advocate (null when there is none).

When there is nothing to do (no follow-up, coffee, promise or date) it
prints nothing at all and exits 0, so cron mails you only on the mornings
that need it. --exit-code makes it exit 1 when there is something to do
and 3 when it fails, as 'followup due' does.`,
		Example: `  kith today
  kith today --promise-days 7
  kith today --json | jq '.dates[] | "\(.contact.name): \(.label)"'
  kith today --exit-code >/dev/null; [ $? -eq 1 ] && echo "something to do"

  # crontab: mail the digest at 7:30 on weekdays, and nothing on a quiet morning
  30 7 * * 1-5 kith today`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runToday(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.promiseDays, "promise-days", defaultPromiseDays, "ask after introductions promised more than this many days ago")
	cmd.Flags().BoolVar(&opts.exitCode, "exit-code", false, "exit 1 when there is something to do, 0 when not, 3 on failure")
	return cmd
}

// runToday gathers the digest and prints it, or nothing on a quiet morning.
func runToday(ctx context.Context, opts *todayOptions) error {
	f := opts.f
	// as for followup due: the digest is printed and dropped at once
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if opts.promiseDays < 0 {
		return kith.Errorf(kith.Invalid, "--promise-days must be 0 or more, got %d", opts.promiseDays).
			WithHint("e.g. --promise-days 7 asks after promises more than a week old")
	}
	db, policy, err := f.storeWithCadences(ctx)
	if err != nil {
		return err
	}
	d, err := app.Today(ctx, db, policy, opts.promiseDays)
	if err != nil {
		return err
	}
	if f.flags.json {
		err = renderJSON(f, d)
	} else if !d.Quiet() {
		err = writeDigest(f, d)
	}
	if err != nil {
		return err
	}
	if opts.exitCode && !d.Quiet() {
		return &quietExit{code: exitError}
	}
	return nil
}
