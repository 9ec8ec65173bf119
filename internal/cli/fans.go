package cli

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

// noFans says, on a terminal, why a list of advocates (with ravingFans,
// and of raving fans) is empty: nobody is an advocate yet, or every
// advocate is already a raving fan, which is the goal, not a lack.
// Elsewhere it says nothing, and asks nothing.
func noFans(ctx context.Context, f *Factory, listed int, ravingFans bool) (string, error) {
	const howToBecome = "someone becomes one when an introduction they made is marked made (kith intro update ID --status made)."
	switch {
	case listed > 0 || !f.OutTTY || f.flags.json:
		return "", nil
	case ravingFans:
		return "No advocates or raving fans yet: " + howToBecome, nil
	}
	db, err := f.Store(ctx)
	if err != nil {
		return "", err
	}
	fans, err := db.RavingFanCount(ctx)
	if err != nil {
		return "", err
	}
	if fans > 0 {
		return fmt.Sprintf("No advocates waiting: %s already (kith fans --all lists them).", plural(fans, "raving fan")), nil
	}
	return "No advocates yet: " + howToBecome, nil
}

// fansOptions is what fans runs with.
type fansOptions struct {
	f    *Factory
	list app.FanList
}

func newFansCmd(f *Factory) *cobra.Command {
	opts := &fansOptions{f: f}
	cmd := &cobra.Command{
		Use:   "fans",
		Short: "The 211° list: advocates closest to becoming raving fans",
		Long: `List your advocates (people who introduce you when asked) who are not yet
raving fans (people who send you clients unasked), closest first, each with
one concrete next action. Water at 211° is hot; at 212° it is steam: serve
these people, send them referrals and spend time with them.

Closeness counts the introductions they made (3 points each), those you
made for them (2 each), open promises (1 each), and how recently you met
(3 within 30 days, 1 within 90). Piped, each advocate is one tab-separated
line: RANK ID NAME MADE GIVEN LAST_CONTACT NEXT_ACTION.

Raving fans are past the list: --all adds them after the advocates, ranked
among themselves the same way, with an Advocacy column (piped: after NAME)
and the action that keeps them fans. kith contact list --advocacy raving_fan
lists them as contacts.

kith plan turns the top of this list into a 12-week plan.`,
		Example: `  kith fans --limit 10
  kith fans --all
  kith fans --json | jq '.[0].next_action.text'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runFans(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.list.Limit, "limit", 0, "only the N closest (0: all)")
	cmd.Flags().BoolVar(&opts.list.All, "all", false, "the raving fans too, after the advocates")
	return cmd
}

// runFans prints the 211° list.
func runFans(ctx context.Context, opts *fansOptions) error {
	f := opts.f
	if err := checkLimit(opts.list.Limit); err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	fans, err := app.Fans(ctx, db, opts.list)
	if err != nil {
		return err
	}
	empty, err := noFans(ctx, f, len(fans), opts.list.All)
	if err != nil {
		return err
	}
	table := render.Table{
		Headers:   []string{"#", "ID", "Name", "Made", "Given", "Last contact", "Next action"},
		DropFirst: []string{"Given", "Made", "Last contact", "ID"},
		Wrap:      "Next action",
		Empty:     empty,
	}
	if opts.list.All {
		table.Headers = slices.Insert(table.Headers, 3, "Advocacy")
	}
	rows := make([][]string, len(fans))
	for i, fan := range fans {
		rows[i] = []string{strconv.Itoa(fan.Rank), strconv.FormatInt(fan.Contact.ID, 10), fan.Contact.Name,
			strconv.Itoa(fan.Made), strconv.Itoa(fan.Given), dateOrEmpty(fan.LastContact), fan.Next.Text}
		if opts.list.All {
			rows[i] = slices.Insert(rows[i], 3, string(fan.Advocacy))
		}
	}
	return table.Print(f.Out, f.Mode(), rows, fans)
}

// defaultPlanSize and maxPlanSize bound kith plan: a quarter's plan is
// worth doing for five to ten advocates, not more.
const (
	defaultPlanSize = 5
	maxPlanSize     = 10
)

// planOptions is what plan runs with.
type planOptions struct {
	f   *Factory
	top int
}

func newPlanCmd(f *Factory) *cobra.Command {
	opts := &planOptions{f: f}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "A 12-week plan to turn your top advocates into raving fans",
		Long: `Print a 12-week plan, one action a week, for the advocates at the top of
kith fans (5 by default, at most 10). Week 1 is each one's next action;
after it the actions rotate through serving them, giving them referrals,
spending time with them and thanking them, staggered so the coffees spread
over the weeks. Weeks start on Monday, from this week. Piped, each step is
one tab-separated line: WEEK STARTS_ON ID NAME ACTION.`,
		Example: `  kith plan
  kith plan --top 8 --json > plan.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlan(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.top, "top", defaultPlanSize, fmt.Sprintf("plan for this many advocates (1-%d)", maxPlanSize))
	return cmd
}

// runPlan prints the 12-week plan for the top advocates.
func runPlan(ctx context.Context, opts *planOptions) error {
	f := opts.f
	if opts.top < 1 || opts.top > maxPlanSize {
		return kith.Errorf(kith.Invalid, "--top must be from 1 to %d, got %d", maxPlanSize, opts.top)
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	steps, err := app.Plan(ctx, db, opts.top)
	if err != nil {
		return err
	}
	empty, err := noFans(ctx, f, len(steps), false)
	if err != nil {
		return err
	}
	rows := make([][]string, len(steps))
	for i, s := range steps {
		rows[i] = []string{strconv.Itoa(s.Week), s.StartsOn.String(), strconv.FormatInt(s.Contact.ID, 10), s.Contact.Name, s.Action.Text}
	}
	return render.Table{
		Headers:   []string{"Week", "Starts", "ID", "Name", "Action"},
		DropFirst: []string{"Starts", "ID"},
		Wrap:      "Action",
		Empty:     empty,
	}.Print(f.Out, f.Mode(), rows, steps)
}
