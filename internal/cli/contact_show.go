package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/spf13/cobra"
)

// contactShowOptions is what contact show runs with.
type contactShowOptions struct {
	f   *Factory
	ref string
}

func newContactShowCmd(f *Factory) *cobra.Command {
	opts := &contactShowOptions{f: f}
	return &cobra.Command{
		Use:   "show REF",
		Short: "Show everything about one contact",
		Long: `Show one contact with their history: coffees, introductions both ways,
the balance of what you gave and received, and which introduction made
them an advocate or raving fan. REF is an id, an email, a name (any case)
or the unique start of a name.`,
		Example: `  kith contact show ana
  kith contact show ana@lima.law --json`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = args[0]
			return runContactShow(cmd.Context(), opts)
		},
	}
}

// runContactShow prints the contact with their history.
func runContactShow(ctx context.Context, opts *contactShowOptions) error {
	_, c, h, err := opts.f.historyOf(ctx, opts.ref)
	if err != nil {
		return err
	}
	v := newContactView(c, h, opts.f.Today())
	return render.Record(opts.f.Out, opts.f.Mode(), v.fields(), v)
}

// contactFieldsView lays a contact out for the record view.
func contactFieldsView(c kith.Contact, today dates.Date) []render.Field {
	advocacy := string(c.Advocacy)
	if c.AdvocacySet {
		advocacy += " (set by you)"
	}
	cadence := ""
	if c.CadenceDays != nil {
		cadence = fmt.Sprintf("every %d days", *c.CadenceDays)
	}
	return []render.Field{
		{Label: "ID", Value: strconv.FormatInt(c.ID, 10)},
		{Label: "Name", Value: c.Name},
		{Label: "Emails", Value: strings.Join(c.Emails, ", ")},
		{Label: "Phones", Value: strings.Join(c.Phones, ", ")},
		{Label: "Company", Value: c.Company},
		{Label: "Title", Value: c.Title},
		{Label: "Category", Value: c.Category},
		{Label: "Tags", Value: strings.Join(c.Tags, ", ")},
		{Label: "Stage", Value: string(c.Stage)},
		{Label: "Advocacy", Value: advocacy},
		{Label: "Met at", Value: c.MetAt},
		{Label: "Topic", Value: c.Topic},
		{Label: "Idea", Value: c.Idea},
		{Label: "Cadence", Value: cadence},
		{Label: "Last contact", Value: dateOrEmpty(c.LastContact)},
		{Label: "LinkedIn", Value: c.LinkedInURL},
		{Label: "Birthday", Value: yearlyLine(c.Birthday, today)},
		{Label: "Anniversaries", Value: anniversaryLines(c.Anniversaries, today)},
		{Label: "Notes", Value: c.Notes},
		{Label: "Added", Value: c.CreatedAt.In(c.CreatedAt.Location()).Format("2006-01-02")},
	}
}

// yearlyLine shows a birthday or anniversary day (stored form) with when
// it next comes round: "1980-05-17, next 2026-05-17 (46, in 76 days)".
// A day without its year shows as MM-DD.
func yearlyLine(day string, today dates.Date) string {
	if day == "" {
		return ""
	}
	on, years, err := kith.NextOccurrence(day, today)
	if err != nil {
		return day
	}
	when := inDays(on.DaysSince(today))
	if years > 0 {
		when = fmt.Sprintf("%d, %s", years, when)
	}
	return fmt.Sprintf("%s, next %s (%s)", strings.TrimPrefix(day, "--"), on, when)
}

// anniversaryLines shows each anniversary as its label and yearlyLine.
func anniversaryLines(list []string, today dates.Date) string {
	lines := make([]string, len(list))
	for i, a := range list {
		label, day := kith.SplitAnniversary(a)
		lines[i] = label + ": " + yearlyLine(day, today)
	}
	return strings.Join(lines, "\n")
}

// inDays says how far off a day is, counted in days from today.
func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}
