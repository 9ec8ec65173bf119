package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/render"
)

// maxAdvocacyLines caps the names listed under new advocates in text.
const maxAdvocacyLines = 10

// reportOptions is what report runs with.
type reportOptions struct {
	f *Factory
	periodFlags
}

func newReportCmd(f *Factory) *cobra.Command {
	opts := &reportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The scorecard: coffees, introductions, clients and revenue against your objectives",
		Long: `Measure the activity you intend, not what you hope for: coffees held
(one-to-ones: coffee, lunch or call; events and other meetings are shown
apart) against your weekly objective (with a chart of the last 12 weeks),
introductions asked for, promised, made and met, given versus received,
new contacts and where they came from, clients won and the revenue that
came through introductions (and the business you brought others), which
napkin categories produced them, and who became an advocate or a raving
fan.

The period is this week unless --month, --quarter or --since says
otherwise; objectives (kith goal set) scale to the period. Each step of
an introduction counts on its own day: asked and promised, made, met, won
or lost. The text
is the same on a terminal and in a pipe, without colour in a pipe or when
NO_COLOR is set; --json carries every number.`,
		Example: `  kith report
  kith report --quarter
  kith report --since 2026-01-01 --json | jq .revenue`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(cmd.Context(), opts)
		},
	}
	opts.bind(cmd.Flags(), false)
	return cmd
}

// runReport prints the scorecard of the period.
func runReport(ctx context.Context, opts *reportOptions) error {
	f := opts.f
	p, err := opts.period(f, period.ThisWeek)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	s, err := app.ReportOver(ctx, db, p)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, s)
	}
	return writeReport(f.Out, s, f.Mode())
}

// against writes "; objective 3 per quarter (0.2 this week): 5%" for the
// objective name, or nothing: the goal as set, what it makes for the
// period when that is not one unit, and how far the period got.
func against(v app.Scorecard, name string, money bool) string {
	o, ok := v.Objective(name)
	if !ok {
		return ""
	}
	amount := formatTarget
	if money {
		amount = func(x float64) string { return formatMoney(math.Round(x)) }
	}
	goal := amount(o.PerUnit) + " per " + string(o.Unit)
	if o.Target != o.PerUnit {
		goal += " (" + amount(o.Target) + " " + periodWords(v.Period) + ")"
	}
	return fmt.Sprintf("; objective %s: %d%%", goal, o.Percent)
}

// formatTarget writes an objective as people read it: at most one
// decimal, whole numbers without, and a small part of one not as nothing.
func formatTarget(x float64) string {
	if r := math.Round(x*10) / 10; r > 0 || x <= 0 {
		return formatNumber(r)
	}
	return "under 0.1"
}

// periodWords names the period in a sentence: "this week", "since 2026-01-05".
func periodWords(p period.Period) string {
	if p.Name == "since" {
		return "since " + p.From.String()
	}
	return "this " + p.Name
}

// writeReport writes the scorecard as text; on a terminal, each line fits
// its width, a long one going on under its text.
func writeReport(w io.Writer, v app.Scorecard, m render.Mode) error {
	const indent = 15
	fits := func(s string) string { return s }
	if m.TTY {
		fits = func(s string) string { return render.Truncate(s, m.LineWidth()) }
	}
	var b strings.Builder
	line := func(label, format string, args ...any) {
		text := fmt.Sprintf(format, args...)
		if m.TTY {
			text = strings.ReplaceAll(render.Wrap(text, m.LineWidth()-indent), "\n", "\n"+strings.Repeat(" ", indent))
		}
		fmt.Fprintf(&b, "%-*s%s\n", indent, label, text)
	}
	if v.Period.Name == "since" {
		fmt.Fprintf(&b, "Scorecard since %s (to %s)\n\n", v.Period.From, v.Period.To)
	} else {
		fmt.Fprintf(&b, "Scorecard for the %s %s\n\n", v.Period.Name, v.Period)
	}

	line("Coffees", "%d held%s", v.Coffees, against(v, kith.GoalCoffeesPerWeek, false))
	counts := make([]int, len(v.Weeks))
	for i, wk := range v.Weeks {
		counts[i] = wk.Coffees
	}
	mark, label := 0.0, ""
	if v.WeeklyCoffees != nil {
		mark, label = *v.WeeklyCoffees, "objective "+formatTarget(*v.WeeklyCoffees)+"/week"
	}
	if len(v.Weeks) > 0 {
		for _, l := range render.Bars(counts, mark, label, 6, m.Colour) {
			fmt.Fprintln(&b, fits(strings.TrimRight(fmt.Sprintf("%15s%s", "", l), " ")))
		}
		fmt.Fprintf(&b, "%15sweeks from %s to %s\n", "", v.Weeks[0].From, v.Weeks[len(v.Weeks)-1].To)
	}
	if v.Events+v.OtherMeetings > 0 {
		line("Other meetings", "%s, %d other: not counted as coffees", plural(v.Events, "event"), v.OtherMeetings)
	}
	fmt.Fprintln(&b)

	in := v.Intros
	line("Introductions", "%d asked, %d promised, %d made, %d met, %d won, %d lost%s", in.Asked, in.Promised, in.Made, in.Met,
		in.Won, in.Lost, against(v, kith.GoalIntrosPerMonth, false))
	line("", "%d given, %d received (%d without asking)", in.Given, in.Received, in.Unasked)
	line("Clients won", "%d, %d of them through introductions%s", v.ClientsWon, v.ClientsFromIntros, against(v, kith.GoalClientsPerQuarter, false))
	line("Revenue", "%s others brought you (%s won)%s", formatMoney(v.Revenue), plural(v.IntrosWon, "introduction"),
		against(v, kith.GoalRevenuePerQuarter, true))
	line("", "%s you brought others (%s you gave won)", formatMoney(v.RevenueGiven), plural(v.IntrosGivenWon, "introduction"))

	sources := make([]string, len(v.Sources))
	for i, s := range v.Sources {
		name := s.Source
		if name == "" {
			name = "unknown"
		}
		sources[i] = fmt.Sprintf("%d %s", s.Count, render.Cell(name))
	}
	if len(sources) > 0 {
		line("New contacts", "%d: %s", v.NewContacts, strings.Join(sources, ", "))
	} else {
		line("New contacts", "0")
	}

	if len(v.Categories) == 0 {
		line("Categories", "no introductions from anyone yet in this period")
	}
	for i, c := range v.Categories {
		label := ""
		if i == 0 {
			label = "Categories"
		}
		line(label, "%s: %s, %s, %s revenue", render.Cell(categoryTitle(c.Category)), plural(c.Intros, "intro"),
			plural(c.Clients, "client"), formatMoney(c.Revenue))
	}
	line("New advocates", "%s, %s", plural(v.NewAdvocates, "advocate"), plural(v.NewRavingFans, "raving fan"))
	for i, a := range v.Advocacy {
		if i == maxAdvocacyLines {
			line("", "and %d more (--json lists them all)", len(v.Advocacy)-i)
			break
		}
		line("", "%s became %s on %s", render.Cell(a.Name), advocacyWords(a.Advocacy), a.On)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// formatMoney writes an amount with thousands separators and cents only
// when there are any: 12,000 or 1,234.50.
func formatMoney(v float64) string {
	cents := int64(math.Round(v * 100))
	whole, frac := cents/100, cents%100
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != 0 {
		fmt.Fprintf(&b, ".%02d", frac)
	}
	return b.String()
}
