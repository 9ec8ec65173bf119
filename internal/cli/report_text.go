package cli

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/render"
)

// maxAdvocacyLines and maxCategoryLines cap the names listed under new
// advocates and the categories in text.
const (
	maxAdvocacyLines = 10
	maxCategoryLines = 10
)

// reportIndent is how far the figures stand from their labels.
const reportIndent = 15

// reportText is the scorecard being written as text: on a terminal, each
// line fits its width, a long one going on under its text.
type reportText struct {
	b strings.Builder
	v app.Scorecard
	m render.Mode
}

// line writes a label and its figures.
func (t *reportText) line(label, format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	if t.m.TTY {
		text = strings.ReplaceAll(render.Wrap(text, t.m.LineWidth()-reportIndent), "\n", "\n"+strings.Repeat(" ", reportIndent))
	}
	fmt.Fprintf(&t.b, "%-*s%s\n", reportIndent, label, text)
}

// writeReport writes the scorecard as text.
func writeReport(w io.Writer, v app.Scorecard, m render.Mode) error {
	t := &reportText{v: v, m: m}
	if v.Period.Name == "since" {
		fmt.Fprintf(&t.b, "Scorecard since %s (to %s)\n\n", v.Period.From, v.Period.To)
	} else {
		fmt.Fprintf(&t.b, "Scorecard for the %s %s\n\n", v.Period.Name, v.Period)
	}
	t.line("Coffees", "%d held%s", v.Coffees, against(v, kith.GoalCoffeesPerWeek, false))
	t.chart()
	if v.Events+v.OtherMeetings > 0 {
		t.line("Other meetings", "%s, %d other: not counted as coffees", plural(v.Events, "event"), v.OtherMeetings)
	}
	fmt.Fprintln(&t.b)

	in := v.Intros
	t.line("Introductions", "%d asked, %d promised, %d made, %d met, %d won, %d lost%s", in.Asked, in.Promised, in.Made, in.Met,
		in.Won, in.Lost, against(v, kith.GoalIntrosPerMonth, false))
	t.line("", "%d given, %d received (%d without asking)", in.Given, in.Received, in.Unasked)
	t.line("Clients won", "%d, %d of them through introductions%s", v.ClientsWon, v.ClientsFromIntros, against(v, kith.GoalClientsPerQuarter, false))
	t.line("Revenue", "%s others brought you (%s won)%s", formatMoney(v.Revenue), plural(v.IntrosWon, "introduction"),
		against(v, kith.GoalRevenuePerQuarter, true))
	t.line("", "%s you brought others (%s you gave won)", formatMoney(v.RevenueGiven), plural(v.IntrosGivenWon, "introduction"))
	if h := v.Health; h.Clients > 0 {
		t.line("Clients refer", "%d of %d clients and past clients (%d%%) have introduced someone to you",
			h.ClientsWhoRefer, h.Clients, h.ClientsWhoReferPercent)
	} else {
		t.line("Clients refer", "no clients or past clients yet")
	}
	t.sources()
	t.categories()
	t.advocacy()
	_, err := io.WriteString(w, t.b.String())
	return err
}

// chart draws the one-to-ones of each week as bars with the weekly
// objective marked. Bars too many to number are one cell wide, their
// figures said under them; weeks too many for the width are the latest.
func (t *reportText) chart() {
	weeks := t.v.Weeks
	width := t.m.LineWidth() - reportIndent
	if len(weeks) > width {
		weeks = weeks[len(weeks)-width:]
	}
	if len(weeks) == 0 {
		return
	}
	counts := make([]int, len(weeks))
	most, total := 0, 0
	for i, wk := range weeks {
		counts[i] = wk.Coffees
		most, total = max(most, wk.Coffees), total+wk.Coffees
	}
	mark, label := 0.0, ""
	if t.v.WeeklyCoffees != nil {
		mark, label = *t.v.WeeklyCoffees, "objective "+formatTarget(*t.v.WeeklyCoffees)+"/week"
	}
	chart := render.Bars(counts, mark, label, 6, width, t.m.Colour)
	for _, l := range chart.Lines {
		l = strings.TrimRight(strings.Repeat(" ", reportIndent)+l, " ")
		if t.m.TTY {
			l = render.Truncate(l, t.m.LineWidth())
		}
		fmt.Fprintln(&t.b, l)
	}
	legend := fmt.Sprintf("weeks from %s to %s", weeks[0].From, weeks[len(weeks)-1].To)
	if !chart.Numbered {
		legend = fmt.Sprintf("%d weeks, %s to %s: most %d, average %s", len(weeks), weeks[0].From, weeks[len(weeks)-1].To,
			most, formatTarget(float64(total)/float64(len(weeks))))
	}
	if mark > 0 && !chart.Labelled {
		legend += "; " + string(render.MarkRune) + " " + label
	}
	t.line("", "%s", legend)
}

// sources writes how many contacts were added, by where they came from.
func (t *reportText) sources() {
	sources := make([]string, len(t.v.Sources))
	for i, s := range t.v.Sources {
		name := s.Source
		if name == "" {
			name = "unknown"
		}
		sources[i] = fmt.Sprintf("%d %s", s.Count, render.Cell(name))
	}
	if len(sources) == 0 {
		t.line("New contacts", "0")
		return
	}
	t.line("New contacts", "%d: %s", t.v.NewContacts, strings.Join(sources, ", "))
}

// categories writes what each napkin category produced, the most first.
func (t *reportText) categories() {
	if len(t.v.Categories) == 0 {
		t.line("Categories", "none yet: kith contact add NAME --category KIND")
	}
	for i, c := range t.v.Categories {
		label := ""
		if i == 0 {
			label = "Categories"
		}
		if i == maxCategoryLines {
			t.line("", "and %d more (--json lists them all)", len(t.v.Categories)-i)
			break
		}
		t.line(label, "%s: %s, %s, %s, %s, %s revenue", render.Cell(categoryTitle(c.Category)), plural(c.Contacts, "contact"),
			plural(c.OneToOnes, "one-to-one"), plural(c.Intros, "intro"), plural(c.Clients, "client"), formatMoney(c.Revenue))
	}
}

// advocacy writes who became an advocate or raving fan.
func (t *reportText) advocacy() {
	t.line("New advocates", "%s, %s", plural(t.v.NewAdvocates, "advocate"), plural(t.v.NewRavingFans, "raving fan"))
	shown := t.v.Advocacy[:min(len(t.v.Advocacy), maxAdvocacyLines)]
	for _, a := range shown {
		t.line("", "%s became %s on %s", render.Cell(a.Name), advocacyWords(a.Advocacy), a.On)
	}
	if more := t.v.NewAdvocates + t.v.NewRavingFans - len(shown); more > 0 {
		t.line("", "and %d more (--json lists them all)", more)
	}
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
