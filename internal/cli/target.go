package cli

import (
	"context"
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

// targetAddOptions is what target add runs with.
type targetAddOptions struct {
	f      *Factory
	target kith.Target
}

func newTargetAddCmd(f *Factory) *cobra.Command {
	opts := &targetAddOptions{f: f}
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
			opts.target.Name = args[0]
			return runTargetAdd(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.target.Segment, "segment", "", "the market segment it belongs to")
	cmd.Flags().StringVar(&opts.target.Notes, "note", "", "notes")
	return cmd
}

// runTargetAdd adds the target and says so.
func runTargetAdd(ctx context.Context, opts *targetAddOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	added, err := db.AddTarget(ctx, opts.target)
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
}

// targetListOptions is what target list runs with.
type targetListOptions struct {
	f       *Factory
	segment string
}

func newTargetListCmd(f *Factory) *cobra.Command {
	opts := &targetListOptions{f: f}
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
			return runTargetList(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.segment, "segment", "", "only this segment")
	return cmd
}

// runTargetList lists the targets, by segment.
func runTargetList(ctx context.Context, opts *targetListOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	return streamList(f, render.Table{
		Headers: []string{"ID", "Name", "Segment", "Notes"},
		Empty:   "no targets match",
	}, func(add func(kith.Target) error) error {
		return db.EachTarget(ctx, opts.segment, add)
	}, func(t kith.Target) []string {
		return []string{strconv.FormatInt(t.ID, 10), t.Name, t.Segment, t.Notes}
	}, nil)
}

// targetRmOptions is what target rm runs with: the target's name or id.
type targetRmOptions struct {
	f   *Factory
	ref string
}

func newTargetRmCmd(f *Factory) *cobra.Command {
	opts := &targetRmOptions{f: f}
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
			opts.ref = args[0]
			return runTargetRm(cmd.Context(), opts)
		},
	}
}

// runTargetRm removes the target and says so.
func runTargetRm(ctx context.Context, opts *targetRmOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	t, err := db.RemoveTarget(ctx, opts.ref)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, t)
	}
	_, err = fmt.Fprintln(f.Out, render.Cell(fmt.Sprintf("Removed target #%d %s", t.ID, t.Name)))
	return err
}
