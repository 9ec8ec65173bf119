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
)

// searchOptions is what search runs with.
type searchOptions struct {
	f     *Factory
	text  string
	limit int
}

func newSearchCmd(f *Factory) *cobra.Command {
	opts := &searchOptions{f: f}
	cmd := &cobra.Command{
		Use:   "search TEXT",
		Short: "Find contacts, coffees, introductions and follow-ups by their words",
		Long: `Find every record that holds all the words of TEXT: contacts (name, company,
title, category, emails, tags, where you met, topic, follow-up idea, notes),
coffees (place, topic, notes), introductions (the people, notes) and
follow-ups (their text). Case and accents do not matter: "jurgen" finds
Jürgen and "sao paulo" finds São Paulo. A word also finds the words it
begins ("mara" finds marathon), after the whole words.

Results come grouped by kind, best first: whole words before words they
begin, a contact's name before its other fields, then the newest. Each says
where the words were found. Punctuation and operators are only text: a
TEXT without a letter or digit finds nothing.

Piped, each record is one tab-separated line:
KIND ID DATE TITLE FIELD TEXT.`,
		Example: `  kith search marathon
  kith search "sao paulo"
  kith search jurgen --limit 3
  kith search bni --json | jq '.[] | select(.kind == "contact") | .id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("%s needs the TEXT to look for; run '%s --help' for usage", cmd.CommandPath(), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.text = strings.Join(args, " ")
			return runSearch(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.limit, "limit", 10, "at most N records of each kind (0: all)")
	return cmd
}

// searchGroups are the kinds search lists, in order, with their headings
// and tables (contacts have no date).
var searchGroups = []struct {
	kind, heading string
	table         render.Table
}{
	{app.HitContact, "Contacts", render.Table{Headers: []string{"ID", "Name", "Company", "Found"}, DropFirst: []string{"Company"}}},
	{app.HitCoffee, "Coffees", render.Table{Headers: []string{"ID", "Date", "With", "Kind", "Found"}, DropFirst: []string{"Kind"}}},
	{app.HitIntroduction, "Introductions", render.Table{Headers: []string{"ID", "Date", "Who", "Kind", "Found"}, DropFirst: []string{"Kind"}}},
	{app.HitFollowup, "Follow-ups", render.Table{Headers: []string{"ID", "Due", "Contact", "Status", "Found"}, DropFirst: []string{"Status"}}},
}

// runSearch finds the records and prints them by kind.
func runSearch(ctx context.Context, opts *searchOptions) error {
	f := opts.f
	if opts.limit < 0 {
		return kith.Errorf(kith.Invalid, "--limit must be 0 (no limit) or more, got %d", opts.limit)
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	m := f.Mode()
	table := render.Table{Empty: fmt.Sprintf("nothing matches %q", opts.text)}
	if m.JSON || !m.TTY {
		search := func(add func(app.SearchHit) error) error { return app.Search(ctx, db, opts.text, opts.limit, add) }
		return streamList(f, table, search, func(h app.SearchHit) []string {
			return []string{h.Kind, strconv.FormatInt(h.ID, 10), h.Date, h.Title, h.Field, h.Text}
		}, nil)
	}
	// A terminal's tables, one a kind, need their hits for their widths:
	// a page of each kind (render.PageRows) when every hit was asked for.
	perKind := opts.limit
	if perKind == 0 {
		perKind = render.PageRows
	}
	var hits []app.SearchHit
	err = app.Search(ctx, db, opts.text, perKind, func(h app.SearchHit) error {
		hits = append(hits, h)
		return nil
	})
	switch {
	case err != nil:
		return err
	case len(hits) == 0:
		return table.Print(f.Out, m, nil, nil)
	}
	return printSearchGroups(f, hits, perKind, opts.limit == 0)
}

// printSearchGroups prints a terminal's view: a heading and a table for
// each kind found, saying where the words were found. A kind with limit
// hits may have more: the heading says how to see them (paged: the limit
// is a terminal's page, not one the user gave).
func printSearchGroups(f *Factory, hits []app.SearchHit, limit int, paged bool) error {
	first := true
	for _, g := range searchGroups {
		var rows [][]string
		for _, h := range hits {
			if h.Kind != g.kind {
				continue
			}
			found := h.Field + ": " + h.Text
			if h.Text == h.Title { // a name: the title shows it
				found = ""
			}
			row := []string{strconv.FormatInt(h.ID, 10), h.Date, h.Title, h.Detail, found}
			if len(g.table.Headers) == 4 { // no date
				row = append(row[:1], row[2:]...)
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			continue
		}
		if !first {
			fmt.Fprintln(f.Out)
		}
		first = false
		heading := g.heading
		switch {
		case len(rows) < limit:
		case paged:
			heading += fmt.Sprintf(" (the first %d; a pipe (| less) or --json shows every one)", limit)
		default:
			heading += fmt.Sprintf(" (the first %d; --limit shows more)", limit)
		}
		fmt.Fprintln(f.Out, heading)
		if err := g.table.Print(f.Out, f.Mode(), rows, nil); err != nil {
			return err
		}
	}
	return nil
}
