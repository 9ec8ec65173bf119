package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/render"
)

func newFunnelCmd(f *Factory) *cobra.Command {
	var pf periodFlags
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
			p, err := pf.period(f, period.ThisQuarter)
			if err != nil {
				return err
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			fn, err := db.Funnel(cmd.Context(), p)
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
			if err := render.List(f.Out, f.Mode(), []string{"Stage", "Now", "At start", "Entered", "Left"}, rows, nil); err != nil {
				return err
			}
			if !f.OutTTY {
				// piped: only the stage rows, so every line is one record;
				// --json carries the totals
				return nil
			}
			_, err = fmt.Fprintf(f.Out, "\n%s; %d new, %d moved up, %d moved down since %s\n", plural(fn.Total, "contact"), fn.New, fn.Up, fn.Down, p.From)
			return err
		},
	}
	pf.bind(cmd.Flags(), true)
	return cmd
}
