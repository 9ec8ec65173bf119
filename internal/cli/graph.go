package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

// graphOptions is what graph runs with.
type graphOptions struct {
	f           *Factory
	format      string
	ref         string
	depth       int
	depthWasSet bool // --depth was given, which needs --contact
}

func newGraphCmd(f *Factory) *cobra.Command {
	opts := &graphOptions{f: f}
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Draw who introduced whom, as a Graphviz or Mermaid graph",
		Long: `Draw your referral network: people as nodes (raving fans gold, advocates
blue), introductions as edges labelled with their kind and status (won
bold green, lost red, promised dotted; the ones you gave dashed).

The output is Graphviz DOT by default, or Mermaid with --format mermaid,
to paste into Markdown. --contact REF draws only the introductions within
--depth steps of one person. With --json, the nodes and edges as data.`,
		Example: `  kith graph | dot -Tsvg > network.svg
  kith graph --format mermaid > network.mmd
  kith graph --contact ana --depth 2 | dot -Tpng > ana.png`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.depthWasSet = cmd.Flags().Changed("depth")
			return runGraph(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "dot", "dot (Graphviz) or mermaid")
	cmd.Flags().StringVar(&opts.ref, "contact", "", "draw only around this contact (REF: id, email or name)")
	cmd.Flags().IntVar(&opts.depth, "depth", 2, "with --contact: how many introductions away to go")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(render.GraphFormats...))
	refFlag(f, cmd, "contact")
	return cmd
}

// runGraph draws the introductions graph, or prints it as data, as it
// is read.
func runGraph(ctx context.Context, opts *graphOptions) error {
	f := opts.f
	format, err := parseGraphFormat(opts.format)
	if err != nil {
		return err
	}
	if opts.depth < 1 {
		return kith.Errorf(kith.Invalid, "--depth must be 1 or more, got %d", opts.depth)
	}
	if opts.depthWasSet && opts.ref == "" {
		return usageErrorf("--depth needs --contact REF: the person to draw around")
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	out := render.NewGraphWriter(f.Out, f.Mode(), format)
	if err := app.IntroGraph(ctx, db, opts.ref, opts.depth, out); err != nil {
		out.Stop()
		return err
	}
	return out.Close()
}

// parseGraphFormat accepts a --format name, case-insensitively.
func parseGraphFormat(s string) (string, error) {
	if format, ok := kith.MatchEnum(s, render.GraphFormats); ok {
		return format, nil
	}
	return "", kith.Errorf(kith.Invalid, "unknown graph format %q", s).WithHint("use --format dot or --format mermaid")
}
