package cli

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/render"
)

// funnelOptions is what funnel runs with.
type funnelOptions struct {
	f *Factory
	periodFlags
}

func newFunnelCmd(f *Factory) *cobra.Command {
	opts := &funnelOptions{f: f}
	cmd := &cobra.Command{
		Use:   "funnel",
		Short: "Show how many people are in each funnel stage, and who moved",
		Long: `Show the funnel: how many contacts are in halo, lead, client and past
client now and when the period began, and how many moved up (toward
client) and back down in the period. Nobody leaves the funnel by moving:
every move is kept in the history, which is where these figures come from.

The period is this quarter unless --since says otherwise. Move people with
kith contact edit REF --stage lead. --since takes a day or how long ago
(4w: four weeks ago). Piped, each stage is one tab-separated line, and
nothing else: STAGE NOW AT_START ENTERED LEFT (--json adds the totals).`,
		Example: `  kith funnel
  kith funnel --since 2026-01-01
  kith funnel --since 4w --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runFunnel(cmd.Context(), opts)
		},
	}
	opts.bind(cmd.Flags(), true)
	return cmd
}

// runFunnel prints the funnel over the period.
func runFunnel(ctx context.Context, opts *funnelOptions) error {
	f := opts.f
	p, err := opts.period(f, period.ThisQuarter)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	fn, err := app.FunnelOver(ctx, db, p)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, fn)
	}
	rows := make([][]string, len(fn.Stages))
	for i, s := range fn.Stages {
		rows[i] = []string{string(s.Stage), strconv.Itoa(s.Count), strconv.Itoa(s.AtStart), strconv.Itoa(s.Entered), strconv.Itoa(s.Left)}
	}
	if f.OutTTY {
		fmt.Fprintf(f.Out, "Funnel, %s\n\n", p)
	}
	table := render.Table{Headers: []string{"Stage", "Now", "At start", "Entered", "Left"}}
	if err := table.Print(f.Out, f.Mode(), rows, nil); err != nil {
		return err
	}
	if !f.OutTTY {
		// piped: only the stage rows, so every line is one record;
		// --json carries the totals
		return nil
	}
	_, err = fmt.Fprintf(f.Out, "\n%s; %d new, %d moved up, %d moved down since %s\n", plural(fn.Total, "contact"), fn.New, fn.Up, fn.Down, p.From)
	return err
}
