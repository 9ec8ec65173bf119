package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

func newTargetCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("target", "Name the companies and segments your clients come from",
		newTargetAddCmd(f),
		newTargetListCmd(f),
		newTargetRmCmd(f),
	)
	cmd.Long = `Targets are your target market: the segments your ideal clients come from
and the companies in them you would most like to work for. The client
question kith ask writes names them, and kith path finds who can introduce
you to someone at one.`
	cmd.Example = `  kith target add "Acme Corp" --segment manufacturing
  kith target list`
	return cmd
}

func newTargetAddCmd(f *Factory) *cobra.Command {
	var t kith.Target
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a target company or segment",
		Long: `Add a company you would most like to work for, optionally with the segment
of your market it belongs to. kith ask names your targets when it asks for
a client introduction, so the person across the table can think of someone.`,
		Example: `  kith target add "Acme Corp" --segment manufacturing
  kith target add "Globex" --segment logistics --note "new CFO since spring"`,
		Args: exactArgs(1, "one target NAME (quote names with spaces)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t.Name = args[0]
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			added, err := db.AddTarget(cmd.Context(), t)
			if err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, added)
			}
			line := fmt.Sprintf("Added target #%d %s", added.ID, added.Name)
			if added.Segment != "" {
				line += " (" + added.Segment + ")"
			}
			_, err = fmt.Fprintln(f.Out, render.Cell(line))
			return err
		},
	}
	cmd.Flags().StringVar(&t.Segment, "segment", "", "the market segment it belongs to")
	cmd.Flags().StringVar(&t.Notes, "note", "", "notes")
	return cmd
}

func newTargetListCmd(f *Factory) *cobra.Command {
	var segment string
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List your target companies by segment",
		Long: `List your target market: the companies you want as clients, grouped by
segment. Piped, each is one tab-separated line: ID NAME SEGMENT NOTES.`,
		Example: `  kith target list
  kith target list --segment manufacturing --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			targets, err := db.ListTargets(cmd.Context(), segment)
			if err != nil {
				return err
			}
			rows := make([][]string, len(targets))
			for i, t := range targets {
				rows[i] = []string{strconv.FormatInt(t.ID, 10), t.Name, t.Segment, t.Notes}
			}
			return render.List(f.Out, f.Mode(), []string{"ID", "Name", "Segment", "Notes"}, rows, targets)
		},
	}
	cmd.Flags().StringVar(&segment, "segment", "", "only this segment")
	return cmd
}

func newTargetRmCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "rm NAME|ID",
		Aliases: []string{"remove"},
		Short:   "Remove a target",
		Long:    `Remove a target company from your list, by its name (any case) or id.`,
		Example: `  kith target rm "Acme Corp"
  kith target rm 3`,
		Args:              exactArgs(1, "one target NAME or ID"),
		ValidArgsFunction: completeTargetNames(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			t, err := db.RemoveTarget(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, t)
			}
			_, err = fmt.Fprintln(f.Out, render.Cell(fmt.Sprintf("Removed target #%d %s", t.ID, t.Name)))
			return err
		},
	}
}
