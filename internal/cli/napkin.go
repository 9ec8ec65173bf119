package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// napkinJSON is what napkin --json prints: the napkin and the suggested
// categories nobody is in yet.
type napkinJSON struct {
	app.Napkin
	EmptySuggested []string `json:"empty_suggested"`
}

// napkinOptions is what napkin runs with.
type napkinOptions struct {
	f              *Factory
	names, longest int
	longestWasSet  bool // --longest was given: piped, print only those people
}

func newNapkinCmd(f *Factory) *cobra.Command {
	opts := &napkinOptions{f: f}
	cmd := &cobra.Command{
		Use:   "napkin",
		Short: "Draw the napkin: the kinds of people who could lead you to clients",
		Long: `Draw the napkin as the method does: one column per category (lawyer,
contractor, real estate agent, ...) with how many people are in it and the
ones you met most recently, the suggested categories still empty, and the
people you have not had a coffee with for the longest time: the next
coffees to ask for.

Piped, each category is one tab-separated line: CATEGORY COUNT NEVER_MET
NAMES (comma-separated), then a line per suggested empty category
(CATEGORY 0 0). Piped with --longest N, the output is instead the N people
longest without a coffee, one a line: LAST_CONTACT ID NAME CATEGORY. Each
piped run prints one kind of line; --json has both lists.`,
		Example: `  kith napkin
  kith napkin --names 10 --longest 20
  kith napkin --json | jq '.columns[] | {category, count}'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.longestWasSet = cmd.Flags().Changed("longest")
			return runNapkin(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.names, "names", 5, "names to show under each category")
	cmd.Flags().IntVar(&opts.longest, "longest", 10, "people to list who have gone longest without a coffee")
	return cmd
}

// runNapkin draws the napkin.
func runNapkin(ctx context.Context, opts *napkinOptions) error {
	f := opts.f
	if opts.names < 0 || opts.longest < 0 {
		return kith.Errorf(kith.Invalid, "--names and --longest must be 0 or more, got %d and %d", opts.names, opts.longest)
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	n, err := app.DrawNapkin(ctx, db, opts.names, opts.longest)
	if err != nil {
		return err
	}
	view := napkinJSON{Napkin: n, EmptySuggested: emptySuggested(n)}
	if f.flags.json {
		return renderJSON(f, view)
	}
	if !f.OutTTY {
		if opts.longestWasSet {
			return plainLongest(f, view.Longest)
		}
		return plainNapkin(f, view)
	}
	return ttyNapkin(f, view)
}

// emptySuggested lists the suggested categories with nobody in them.
func emptySuggested(n app.Napkin) []string {
	have := map[string]bool{}
	for _, c := range n.Columns {
		have[kith.Fold(c.Category)] = true
	}
	out := []string{}
	for _, s := range kith.SuggestedCategories {
		if !have[s] {
			out = append(out, s)
		}
	}
	return out
}

func categoryTitle(c string) string {
	if c == "" {
		return "(no category)"
	}
	return c
}

func ttyNapkin(f *Factory, v napkinJSON) error {
	if v.Total == 0 {
		_, err := fmt.Fprintln(f.Out, f.Mode().Dim("The napkin is empty: add the people you know with kith contact add NAME --category KIND."))
		return err
	}
	cols := make([]render.Column, len(v.Columns))
	for i, c := range v.Columns {
		lines := make([]string, 0, len(c.Recent)+1)
		for _, p := range c.Recent {
			lines = append(lines, p.Name)
		}
		if more := c.Count - len(c.Recent); more > 0 {
			lines = append(lines, fmt.Sprintf("+%d more", more))
		}
		cols[i] = render.Column{Title: fmt.Sprintf("%s (%d)", categoryTitle(c.Category), c.Count), Lines: lines}
	}
	width := f.Width()
	if err := render.Columns(f.Out, cols, width); err != nil {
		return err
	}
	fmt.Fprintf(f.Out, "\n%d people, %d never met for a coffee.\n", v.Total, v.NeverMet)
	if len(v.EmptySuggested) > 0 {
		fmt.Fprintln(f.Out, render.Wrap(fmt.Sprintf("Nobody yet under: %s. Who do you know there?", strings.Join(v.EmptySuggested, ", ")), width))
	}
	if len(v.Longest) > 0 {
		fmt.Fprintln(f.Out, "\nLongest without a coffee:")
		for _, p := range v.Longest {
			fmt.Fprintln(f.Out, render.Truncate(fmt.Sprintf("  %s  %s  %s", p.LastContact, render.Cell(p.Name), render.Cell(categoryTitle(p.Category))), width))
		}
	}
	return nil
}

func plainNapkin(f *Factory, v napkinJSON) error {
	var rows [][]string
	for _, c := range v.Columns {
		names := make([]string, len(c.Recent))
		for i, p := range c.Recent {
			names[i] = p.Name
		}
		rows = append(rows, []string{c.Category, strconv.Itoa(c.Count), strconv.Itoa(c.NeverMet), strings.Join(names, ", ")})
	}
	for _, s := range v.EmptySuggested {
		rows = append(rows, []string{s, "0", "0", ""})
	}
	return render.Plain(f.Out, rows)
}

// plainLongest prints, piped, the people longest without a coffee.
func plainLongest(f *Factory, longest []store.NapkinName) error {
	rows := make([][]string, len(longest))
	for i, p := range longest {
		rows[i] = []string{p.LastContact.String(), strconv.FormatInt(p.ID, 10), p.Name, p.Category}
	}
	return render.Plain(f.Out, rows)
}
