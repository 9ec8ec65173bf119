package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

// digestSection is one section of the printed digest: its heading and
// its rows, as a terminal lays them out (table) and a pipe gets them.
type digestSection struct {
	heading string
	table   render.Table
	rows    [][]string
	// lines writes the rows piped, when they need more than Plain (the
	// due list streams in followup due's own form)
	lines func(io.Writer) error
}

// writeDigest prints the digest's sections that have anything, a blank
// line between them.
func writeDigest(f *Factory, d app.Digest) error {
	m := f.Mode()
	w := bufio.NewWriterSize(f.Out, 64<<10)
	for i, s := range digestSections(d, f) {
		if i > 0 {
			w.WriteString("\n")
		}
		w.WriteString(m.Bold(s.heading) + "\n")
		var err error
		switch {
		case m.TTY:
			s.table.Bare = true
			err = s.table.Print(w, m, s.rows, nil)
		case s.lines != nil:
			err = s.lines(w)
		default:
			err = render.Plain(w, s.rows)
		}
		if err != nil {
			return err
		}
	}
	return w.Flush()
}

// digestSections lays out the sections of d that have anything.
func digestSections(d app.Digest, f *Factory) []digestSection {
	var out []digestSection
	if n := len(d.Due); n > 0 {
		s := digestSection{heading: fmt.Sprintf("Follow-ups due (%d)", n), table: dueTable,
			lines: func(w io.Writer) error { return writeDueLines(w, d.Due) }}
		if f.Mode().TTY {
			s.rows = dueRows(d.Due)
		}
		out = append(out, s)
	}
	if n := len(d.Coffees); n > 0 {
		out = append(out, digestSection{heading: fmt.Sprintf("Coffees planned (%d)", n), rows: coffeeRows(d.Coffees),
			table: render.Table{Headers: []string{"ID", "Date", "With", "What"}, DropFirst: []string{"Date"}, Wrap: "What"}})
	}
	if n := len(d.Promises); n > 0 {
		out = append(out, digestSection{heading: fmt.Sprintf("Promises waiting (%d)", n), rows: promiseRows(d.Promises),
			table: render.Table{Headers: []string{"ID", "Promised", "What"}, DropFirst: []string{"Promised"}, Wrap: "What"}})
	}
	if n := len(d.Dates); n > 0 {
		out = append(out, digestSection{heading: fmt.Sprintf("Birthdays and anniversaries (%d)", n), rows: dateRows(d.Dates),
			table: render.Table{Headers: []string{"ID", "On", "Contact", "What"}}})
	}
	if w := d.Objective; w != nil {
		out = append(out, digestSection{heading: "This week", rows: [][]string{{objectiveLine(*w)}},
			table: render.Table{Headers: []string{"Objective"}}})
	}
	if a := d.Advocate; a != nil {
		out = append(out, digestSection{heading: "One advocate to serve",
			rows:  [][]string{{strconv.FormatInt(a.Contact.ID, 10), a.Contact.Name, a.Next.Text}},
			table: render.Table{Headers: []string{"ID", "Name", "Next action"}, Wrap: "Next action"}})
	}
	return out
}

func coffeeRows(coffees []kith.Coffee) [][]string {
	rows := make([][]string, len(coffees))
	for i, c := range coffees {
		what := string(c.Kind)
		if c.Place != "" {
			what += " at " + c.Place
		}
		if c.Status == kith.CoffeeNotLogged {
			what += ", planned but not logged"
		} else {
			what += ", today"
		}
		rows[i] = []string{strconv.FormatInt(c.ID, 10), c.On.String(), contactNames(c.Contacts), what}
	}
	return rows
}

func promiseRows(promises []app.PromiseWaiting) [][]string {
	rows := make([][]string, len(promises))
	for i, p := range promises {
		rows[i] = []string{strconv.FormatInt(p.ID, 10), p.On.String(),
			fmt.Sprintf("%s (promised %d days ago)", p.Reminder, p.DaysWaiting)}
	}
	return rows
}

func dateRows(coming []app.ComingDate) [][]string {
	rows := make([][]string, len(coming))
	for i, c := range coming {
		what := c.Label + " anniversary"
		if c.Label == kith.BirthdayLabel {
			what = "birthday"
		}
		switch {
		case c.Years > 0 && c.Label == kith.BirthdayLabel:
			what += fmt.Sprintf(", turns %d", c.Years)
		case c.Years > 0:
			what += fmt.Sprintf(", %s", plural(c.Years, "year"))
		}
		rows[i] = []string{strconv.FormatInt(c.Contact.ID, 10), c.On.String(), c.Contact.Name, what + " (" + inDays(c.InDays) + ")"}
	}
	return rows
}

// objectiveLine says how the week's one-to-ones stand.
func objectiveLine(w app.WeekObjective) string {
	week := fmt.Sprintf("this week (from %s)", w.From)
	if w.Objective == 0 {
		return fmt.Sprintf("%s held %s", plural(w.Held, "one-to-one"), week)
	}
	goal := strconv.FormatFloat(w.Objective, 'f', -1, 64)
	line := fmt.Sprintf("%d of %s one-to-ones held %s", w.Held, goal, week)
	if left := w.Objective - float64(w.Held); left > 0 {
		line += fmt.Sprintf(": %s to go", strconv.FormatFloat(left, 'f', -1, 64))
	}
	return line
}
