package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// introListOptions is what intro list runs with.
type introListOptions struct {
	f                     *Factory
	status, kind, contact string
	direction             kith.Direction // from --given or --received; empty is both
}

func newIntroListCmd(f *Factory) *cobra.Command {
	opts := &introListOptions{f: f}
	var given, received bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List introductions, newest first",
		Long: `List introductions received and given, newest first, to see which promises
are still open and who sends you people. Piped, each is one tab-separated
line: ID DATE DIRECTION FROM TO KIND ASKED STATUS VALUE.`,
		Example: `  kith intro list --status promised
  kith intro list --contact ana
  kith intro list --given --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case given && received:
				return usageErrorf("pass --given or --received, not both")
			case given:
				opts.direction = kith.Given
			case received:
				opts.direction = kith.Received
			}
			return runIntroList(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.status, "status", "", "only this status: promised, made, met, won or lost")
	fs.StringVar(&opts.kind, "kind", "", "only this kind: alliance, client or coffee")
	fs.StringVar(&opts.contact, "contact", "", "only introductions this contact is part of (REF: id, email or name)")
	fs.BoolVar(&given, "given", false, "only introductions you made")
	fs.BoolVar(&received, "received", false, "only introductions made to you")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}

// runIntroList lists the introductions the flags pick, newest first.
func runIntroList(ctx context.Context, opts *introListOptions) error {
	f := opts.f
	filter := store.IntroFilter{Direction: opts.direction}
	var err error
	if opts.status != "" {
		if filter.Status, err = kith.ParseIntroStatus(opts.status); err != nil {
			return err
		}
	}
	if opts.kind != "" {
		if filter.Kind, err = kith.ParseIntroKind(opts.kind); err != nil {
			return err
		}
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if filter.ContactID, err = contactFilter(ctx, db, opts.contact); err != nil {
		return err
	}
	return streamList(f, render.Table{
		Headers:   []string{"ID", "Date", "Direction", "From", "To", "Kind", "Asked", "Status", "Value"},
		DropFirst: []string{"Asked", "Direction", "Date", "Value"},
		Empty:     "no introductions match",
	}, func(add func(kith.Introduction) error) error {
		return db.EachIntroduction(ctx, filter, add)
	}, func(in kith.Introduction) []string {
		return []string{strconv.FormatInt(in.ID, 10), in.On.String(), string(in.Direction), in.From.Name,
			in.To.Name, string(in.Kind), askedWord(in.Asked), string(in.Status), formatValue(in.Value)}
	}, nil)
}

// formatValue writes revenue without trailing zeros; no value is empty.
func formatValue(v *float64) string {
	if v == nil {
		return ""
	}
	return formatNumber(*v)
}
