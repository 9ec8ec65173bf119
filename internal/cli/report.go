package cli

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// chartWeeks is how many weeks of coffees the report's chart shows.
const chartWeeks = 12

// maxAdvocacyLines caps the names listed under new advocates in text.
const maxAdvocacyLines = 10

// goalUnits says which calendar unit each objective is counted per.
var goalUnits = map[string]period.Unit{
	kith.GoalCoffeesPerWeek:    period.Week,
	kith.GoalClientsPerQuarter: period.Quarter,
	kith.GoalRevenuePerQuarter: period.Quarter,
	kith.GoalIntrosPerMonth:    period.Month,
}

// objective is one objective laid over the period: the goal per unit, the
// target it makes for this period, what was done and how far that got.
type objective struct {
	Goal    string  `json:"goal"`
	PerUnit float64 `json:"per_unit"`
	Target  float64 `json:"target"`
	Actual  float64 `json:"actual"`
	Percent int     `json:"percent"`
}

// reportJSON is what report --json prints: the scorecard and every
// objective set, with the weekly coffee objective the chart marks.
type reportJSON struct {
	store.Report
	Objectives     []objective `json:"objectives"`
	WeeklyCoffees  *float64    `json:"coffees_per_week_objective"`
	objectiveByKey map[string]objective
}

func newReportCmd(f *Factory) *cobra.Command {
	var pf periodFlags
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The scorecard: coffees, introductions, clients and revenue against your objectives",
		Long: `Measure the activity you intend, not what you hope for: coffees held
against your weekly objective (with a chart of the last 12 weeks),
introductions asked for, promised, made and met, given versus received,
new contacts and where they came from, clients won and the revenue that
came through introductions, which napkin categories produced them, and who
became an advocate or a raving fan.

The period is this week unless --month, --quarter or --since says
otherwise; objectives (kith goal set) scale to the period. Introductions
count by the day they were made; wins by the day they were won. The text
is the same on a terminal and in a pipe, without colour in a pipe or when
NO_COLOR is set; --json carries every number.`,
		Example: `  kith report
  kith report --quarter
  kith report --since 2026-01-01 --json | jq .revenue`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := pf.period(f, period.ThisWeek)
			if err != nil {
				return err
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			last := p.To
			if today := f.Today(); today.Before(last) {
				last = today
			}
			r, err := db.Report(cmd.Context(), p, period.Weeks(last, chartWeeks))
			if err != nil {
				return err
			}
			view := newReportJSON(r, r.Goals)
			if f.flags.json {
				return renderJSON(f, view)
			}
			colour := f.OutTTY && f.Getenv("NO_COLOR") == ""
			return writeReport(f.Out, view, colour)
		},
	}
	pf.bind(cmd.Flags(), false)
	return cmd
}

// newReportJSON lays the objectives the user set over the report.
func newReportJSON(r store.Report, goals map[string]kith.Goal) reportJSON {
	v := reportJSON{Report: r, Objectives: []objective{}, objectiveByKey: map[string]objective{}}
	actual := map[string]float64{
		kith.GoalCoffeesPerWeek:    float64(r.Coffees),
		kith.GoalClientsPerQuarter: float64(r.ClientsWon),
		kith.GoalRevenuePerQuarter: r.Revenue,
		kith.GoalIntrosPerMonth:    float64(r.Intros.Made),
	}
	for _, name := range kith.GoalNames {
		g, ok := goals[name]
		if !ok || g.Value <= 0 {
			continue
		}
		target := g.Value * r.Period.Units(goalUnits[name])
		o := objective{Goal: name, PerUnit: g.Value, Target: math.Round(target*100) / 100, Actual: actual[name]}
		o.Percent = int(math.Round(100 * o.Actual / target))
		v.Objectives = append(v.Objectives, o)
		v.objectiveByKey[name] = o
		if name == kith.GoalCoffeesPerWeek {
			v.WeeklyCoffees = &g.Value
		}
	}
	return v
}

// against writes " (objective T, P%)" for the objective name, or nothing.
func (v reportJSON) against(name string, money bool) string {
	o, ok := v.objectiveByKey[name]
	if !ok {
		return ""
	}
	t := formatNumber(o.Target)
	if money {
		t = formatMoney(o.Target)
	}
	return fmt.Sprintf("  (objective %s, %d%%)", t, o.Percent)
}

func writeReport(w io.Writer, v reportJSON, colour bool) error {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "%-15s%s\n", label, fmt.Sprintf(format, args...))
	}
	if v.Period.Name == "since" {
		fmt.Fprintf(&b, "Scorecard since %s (to %s)\n\n", v.Period.From, v.Period.To)
	} else {
		fmt.Fprintf(&b, "Scorecard for the %s %s\n\n", v.Period.Name, v.Period)
	}

	line("Coffees", "%d held%s", v.Coffees, v.against(kith.GoalCoffeesPerWeek, false))
	counts := make([]int, len(v.Weeks))
	for i, wk := range v.Weeks {
		counts[i] = wk.Coffees
	}
	mark, label := 0.0, ""
	if v.WeeklyCoffees != nil {
		mark, label = *v.WeeklyCoffees, "objective "+formatNumber(*v.WeeklyCoffees)+"/week"
	}
	if len(v.Weeks) > 0 {
		for _, l := range render.Bars(counts, mark, label, 6, colour) {
			fmt.Fprintln(&b, strings.TrimRight(fmt.Sprintf("%15s%s", "", l), " "))
		}
		fmt.Fprintf(&b, "%15sweeks from %s to %s\n", "", v.Weeks[0].From, v.Weeks[len(v.Weeks)-1].To)
	}
	fmt.Fprintln(&b)

	in := v.Intros
	line("Introductions", "%d asked, %d promised, %d made, %d met%s", in.Asked, in.Promised, in.Made, in.Met, v.against(kith.GoalIntrosPerMonth, false))
	line("", "%d given, %d received (%d without asking)", in.Given, in.Received, in.Unasked)
	line("Clients won", "%d, %d of them through introductions%s", v.ClientsWon, v.ClientsFromIntros, v.against(kith.GoalClientsPerQuarter, false))
	line("Revenue", "%s from %s won%s", formatMoney(v.Revenue), plural(v.IntrosWon, "introduction"), v.against(kith.GoalRevenuePerQuarter, true))

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
