package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/period"
)

// reportOptions is what report runs with.
type reportOptions struct {
	f *Factory
	periodFlags
}

func newReportCmd(f *Factory) *cobra.Command {
	opts := &reportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The scorecard: coffees, introductions, clients and revenue against your objectives",
		Long: `Measure the activity you intend, not what you hope for: coffees held
(one-to-ones: coffee, lunch or call; events and other meetings are shown
apart) against your weekly objective (a chart of the period's weeks),
introductions asked for, promised, made and met, given versus received,
new contacts and where they came from, clients won and the revenue that
came through introductions (and the business you brought others), what
each napkin category produced (contacts, one-to-ones, introductions,
clients, revenue), how many of your clients refer you, and who became an
advocate or a raving fan.

The period is this week unless --month, --quarter or --since says
otherwise (--since 26w: the rolling six months); objectives (kith goal
set) scale to the period. Each step of an introduction counts on its own
day: asked and promised, made, met, won or lost. The text is the same on
a terminal and in a pipe, without colour in a pipe or when NO_COLOR is
set; --json carries every number.`,
		Example: `  kith report
  kith report --quarter
  kith report --since 26w
  kith report --since 2026-01-01 --json | jq .revenue`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(cmd.Context(), opts)
		},
	}
	opts.bind(cmd.Flags(), false)
	return cmd
}

// runReport prints the scorecard of the period.
func runReport(ctx context.Context, opts *reportOptions) error {
	f := opts.f
	p, err := opts.period(f, period.ThisWeek)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	named := maxAdvocacyLines
	if f.flags.json {
		named = app.NameAll
	}
	s, err := app.ReportOver(ctx, db, p, named)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, s)
	}
	return writeReport(f.Out, s, f.Mode())
}
