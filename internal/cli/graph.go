package cli

import (
	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/netgraph"
)

func newGraphCmd(f *Factory) *cobra.Command {
	var formatFlag, ref string
	var depth int
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
			format, err := netgraph.ParseFormat(formatFlag)
			if err != nil {
				return err
			}
			if depth < 1 {
				return kith.Errorf(kith.Invalid, "--depth must be 1 or more, got %d", depth)
			}
			if cmd.Flags().Changed("depth") && ref == "" {
				return usageErrorf("--depth needs --contact REF: the person to draw around")
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			g, err := db.IntroGraph(cmd.Context(), ref, depth)
			if err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, g)
			}
			return netgraph.Write(f.Out, g, format)
		},
	}
	cmd.Flags().StringVar(&formatFlag, "format", "dot", "dot (Graphviz) or mermaid")
	cmd.Flags().StringVar(&ref, "contact", "", "draw only around this contact (REF: id, email or name)")
	cmd.Flags().IntVar(&depth, "depth", 2, "with --contact: how many introductions away to go")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(netgraph.Formats...))
	_ = cmd.RegisterFlagCompletionFunc("contact", completeContacts(f))
	return cmd
}
