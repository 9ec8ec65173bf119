package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// defaultNextStepDays is when a coffee's next step falls due when neither
// --in nor --due says: soon enough that the conversation is still fresh.
const defaultNextStepDays = 2

func newCoffeeCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("coffee", "Log the coffees, lunches and calls you have with people",
		newCoffeeLogCmd(f),
		newCoffeeListCmd(f),
	)
	cmd.Long = `Coffees are the activity the method measures: a weekly objective of coffees
with people from the napkin (kith goal set coffees-per-week 6), each logged
in one line right after it. A coffee's next step becomes a follow-up, and
kith report counts the coffees held against the objective.`
	cmd.Example = `  kith coffee log ana --at "Blue Bottle" --next "send seminar invite"
  kith coffee list --week`
	return cmd
}

func newCoffeeLogCmd(f *Factory) *cobra.Command {
	var (
		on, kind, next, in, due string
		nc                      store.NewCoffee
	)
	cmd := &cobra.Command{
		Use:   "log REF [REF...]",
		Short: "Log a coffee (or lunch, call, event) with one or more contacts",
		Long: `Log a meeting in one line, right after it. Each REF names a contact (id,
email, name or unique start of a name); if any of them names no one,
nothing is logged. Logging a coffee moves each contact's last contact date,
which is what keeps their stay-in-touch cadence honest.

--next records what you promised to do next; it becomes a follow-up for
each contact at the coffee, due --in a while or on --due (default: in 2
days), from today on. When a contact already has an open follow-up saying
the same (case and spaces aside), kith keeps that one instead of adding a
twin, moved to the new due day if that is earlier.

A coffee still to come needs --planned; it does not count as contact until
it happens.`,
		Example: `  kith coffee log ana --at "Blue Bottle" --topic "new baby" --next "send seminar invite" --in 2d
  kith coffee log ana bo --kind lunch --on monday --note "talked about the Acme bid"
  kith coffee log cy --planned --on friday --at "Cafe Rio"`,
		Args:              minArgs(1, "at least one contact REF (id, email or name)"),
		ValidArgsFunction: completeContacts(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if (fs.Changed("in") || fs.Changed("due")) && !fs.Changed("next") {
				return usageErrorf("--in and --due set when the next step is due; pass --next TEXT too")
			}
			if fs.Changed("in") && fs.Changed("due") {
				return usageErrorf("pass --in or --due, not both")
			}
			dir := dates.Past
			if nc.Planned {
				dir = dates.Future
			}
			var err error
			if nc.On, err = f.parseDateFlag("on", on, dir); err != nil {
				return err
			}
			if nc.Kind, err = kith.ParseCoffeeKind(kind); err != nil {
				return err
			}
			if fs.Changed("next") {
				if strings.TrimSpace(next) == "" {
					return kith.Errorf(kith.Invalid, "--next needs text saying what to do").WithHint(`e.g. --next "send seminar invite"`)
				}
				step := &kith.NextStep{Text: next, Due: f.Today().AddDays(defaultNextStepDays)}
				switch {
				case fs.Changed("in"):
					span, err := parseSpanFlag("in", in)
					if err != nil {
						return err
					}
					step.Due = span.From(f.Today())
				case fs.Changed("due"):
					if step.Due, err = f.parseDateFlag("due", due, dates.Future); err != nil {
						return err
					}
				}
				nc.Next = step
			}
			nc.Refs = args
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			logged, err := db.LogCoffee(cmd.Context(), nc)
			if err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, logged)
			}
			return printLoggedCoffee(f, logged, nc.Next)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&on, "on", "today", "the day you met (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&nc.Place, "at", "", "where you met")
	fs.StringVar(&kind, "kind", "coffee", "coffee, lunch, call, event or other")
	fs.StringVar(&nc.Notes, "note", "", "notes about the meeting")
	fs.StringVar(&nc.Topic, "topic", "", "an interesting topic from the conversation")
	fs.StringVar(&next, "next", "", "the next step you promised; becomes a follow-up")
	fs.StringVar(&in, "in", "", "the next step is due in this long, e.g. 2d, 1w (default 2d)")
	fs.StringVar(&due, "due", "", "the next step is due on this day (YYYY-MM-DD, tomorrow, friday, 1w ...)")
	fs.BoolVar(&nc.Planned, "planned", false, "the coffee is still to come")
	_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletions(coffeeKindNames()...))
	return cmd
}

func coffeeKindNames() []string {
	names := make([]string, len(kith.CoffeeKinds))
	for i, k := range kith.CoffeeKinds {
		names[i] = string(k)
	}
	return names
}

// printLoggedCoffee confirms a logged coffee in a sentence or two.
func printLoggedCoffee(f *Factory, c store.LoggedCoffee, next *kith.NextStep) error {
	verb := "Logged"
	if c.Planned {
		verb = "Planned"
	}
	line := fmt.Sprintf("%s %s #%d with %s on %s", verb, c.Kind, c.ID, contactNames(c.Contacts), c.On)
	if c.Place != "" {
		line += " at " + c.Place
	}
	if _, err := fmt.Fprintln(f.Out, render.Cell(line)); err != nil {
		return err
	}
	if next == nil {
		return nil
	}
	open := map[int64]bool{}
	for _, id := range c.AlreadyOpen {
		open[id] = true
	}
	ids := make([]string, len(c.FollowupIDs))
	for i, id := range c.FollowupIDs {
		ids[i] = "#" + strconv.FormatInt(id, 10)
		if open[id] {
			ids[i] += " already open, kept at the earlier due day"
		}
	}
	_, err := fmt.Fprintln(f.Out, render.Cell(fmt.Sprintf("Next step: %s, due %s (follow-up %s)",
		strings.TrimSpace(next.Text), next.Due, strings.Join(ids, ", "))))
	return err
}

// contactNames joins the names of the people at a meeting.
func contactNames(cs []kith.ContactRef) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

func newCoffeeListCmd(f *Factory) *cobra.Command {
	var contact, since string
	var week bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List coffees, newest first",
		Long: `List the meetings you logged, newest first, to see who you have been
spending time with. --week shows this calendar week (from Monday), the
number to hold against a weekly objective. Piped, each coffee is one
tab-separated line: ID DATE KIND WITH PLACE TOPIC PLANNED.`,
		Example: `  kith coffee list --week
  kith coffee list --contact ana
  kith coffee list --since 2026-01-01 --json | jq length`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if week && since != "" {
				return usageErrorf("pass --week or --since, not both")
			}
			var filter store.CoffeeFilter
			if week {
				start := f.Today().StartOfWeek()
				end := start.AddDays(6)
				filter.Since, filter.Until = &start, &end
			}
			if since != "" {
				d, err := f.parseSinceFlag(since)
				if err != nil {
					return err
				}
				filter.Since = &d
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			if filter.ContactID, err = contactFilter(cmd.Context(), db, contact); err != nil {
				return err
			}
			coffees, err := db.ListCoffees(cmd.Context(), filter)
			if err != nil {
				return err
			}
			rows := make([][]string, len(coffees))
			for i, c := range coffees {
				rows[i] = []string{strconv.FormatInt(c.ID, 10), c.On.String(), string(c.Kind),
					contactNames(c.Contacts), c.Place, c.Topic, plannedMark(c.Planned)}
			}
			return render.List(f.Out, f.Mode(), []string{"ID", "Date", "Kind", "With", "Place", "Topic", "Planned"}, rows, coffees)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&contact, "contact", "", "only coffees with this contact (REF: id, email or name)")
	fs.StringVar(&since, "since", "", "only coffees on or after this day: YYYY-MM-DD, monday, or how long ago (4w)")
	fs.BoolVar(&week, "week", false, "only this calendar week (Monday to Sunday)")
	_ = cmd.RegisterFlagCompletionFunc("contact", completeContacts(f))
	return cmd
}

func plannedMark(planned bool) string {
	if planned {
		return "planned"
	}
	return ""
}
