package cli

import (
	"context"
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
		newCoffeeEditCmd(f),
		newCoffeeRmCmd(f),
		newCoffeeHeldCmd(f),
		newCoffeeCancelCmd(f),
	)
	cmd.Long = `Coffees are the activity the method measures: a weekly objective of coffees
with people from the napkin (kith goal set coffees-per-week 6), each logged
in one line right after it. A coffee's next step becomes a follow-up, and
kith report counts the coffees held against the objective. A coffee
logged wrong is corrected with edit or rm; a plan is marked held or
cancelled.`
	cmd.Example = `  kith coffee log ana --at "Blue Bottle" --next "send seminar invite"
  kith coffee list --week
  kith coffee edit 7 --rm cy --add bo`
	return cmd
}

// coffeeLogOptions is what coffee log runs with: the meeting as the flags
// describe it, with its date, kind and next step still as typed.
type coffeeLogOptions struct {
	f                       *Factory
	meeting                 store.NewCoffee
	on, kind, next, in, due string
	nextFor                 []string
	nextSet, inSet, dueSet  bool
	kindSet                 bool
}

func newCoffeeLogCmd(f *Factory) *cobra.Command {
	opts := &coffeeLogOptions{f: f}
	cmd := &cobra.Command{
		Use:   "log REF [REF...]",
		Short: "Log a coffee (or lunch, call, event) with one or more contacts",
		Long: `Log a meeting in one line, right after it. Each REF names a contact (id,
email, name or unique start of a name); if any of them names no one,
nothing is logged. Logging a coffee moves each contact's last contact date,
which is what keeps their stay-in-touch cadence honest.

--next records what you promised to do next; it becomes one follow-up for
everyone at the coffee (--next-for REF, repeatable, for only some of
them), shown once in followup due, due --in a while or on --due (default:
in 2 days), from today on. When one of them already has an open follow-up
saying the same (case and spaces aside), kith keeps that one, for all of
them, instead of adding a twin, moved to the new due day if that is
earlier.

A coffee still to come needs --planned; it does not count as contact until
it happens. Logging the same people on a planned coffee's day is that plan
happening: the plan becomes the held coffee (what you pass replaces what
the plan said) instead of a twin. 'coffee held ID' does the same for a
plan held on another day, 'coffee cancel ID' for one that fell through.`,
		Example: `  kith coffee log ana --at "Blue Bottle" --topic "new baby" --next "send seminar invite" --in 2d
  kith coffee log ana bo --kind lunch --on monday --note "talked about the Acme bid"
  kith coffee log ana bo cy --next "send the deck" --next-for bo
  kith coffee log cy --planned --on friday --at "Cafe Rio"`,
		Args:              minArgs(1, "at least one contact REF (id, email or name)"),
		ValidArgsFunction: completeContacts(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			opts.nextSet, opts.inSet, opts.dueSet = fs.Changed("next"), fs.Changed("in"), fs.Changed("due")
			opts.kindSet = fs.Changed("kind")
			if (opts.inSet || opts.dueSet) && !opts.nextSet {
				return usageErrorf("--in and --due set when the next step is due; pass --next TEXT too")
			}
			if fs.Changed("next-for") && !opts.nextSet {
				return usageErrorf("--next-for says who the next step is for; pass --next TEXT too")
			}
			if opts.inSet && opts.dueSet {
				return usageErrorf("pass --in or --due, not both")
			}
			opts.meeting.Refs = args
			return runCoffeeLog(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.on, "on", "today", "the day you met (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&opts.meeting.Place, "at", "", "where you met")
	fs.StringVar(&opts.kind, "kind", "coffee", "coffee, lunch, call, event or other")
	fs.StringVar(&opts.meeting.Notes, "note", "", "notes about the meeting")
	fs.StringVar(&opts.meeting.Topic, "topic", "", "an interesting topic from the conversation")
	fs.StringVar(&opts.next, "next", "", "the next step you promised; becomes one follow-up for everyone at the coffee")
	fs.StringArrayVar(&opts.nextFor, "next-for", nil, "the next step is for this person at the coffee only (repeatable)")
	fs.StringVar(&opts.in, "in", "", "the next step is due in this long, e.g. 2d, 1w (default 2d)")
	fs.StringVar(&opts.due, "due", "", "the next step is due on this day (YYYY-MM-DD, tomorrow, friday, 1w ...)")
	fs.BoolVar(&opts.meeting.Planned, "planned", false, "the coffee is still to come")
	_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletions(enumNames(kith.CoffeeKinds)...))
	refFlag(f, cmd, "next-for")
	return cmd
}

// runCoffeeLog logs the meeting, with its next step as follow-ups.
func runCoffeeLog(ctx context.Context, opts *coffeeLogOptions) error {
	f, nc := opts.f, opts.meeting
	dir := dates.Past
	if nc.Planned {
		dir = dates.Future
	}
	var err error
	if nc.On, err = f.parseDateFlag("on", opts.on, dir); err != nil {
		return err
	}
	if opts.kindSet { // unset: a coffee, or the kind its plan said
		if nc.Kind, err = kith.ParseCoffeeKind(opts.kind); err != nil {
			return err
		}
	}
	if nc.Next, err = opts.nextStep(); err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	logged, err := db.LogCoffee(ctx, nc)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, logged)
	}
	return printLoggedCoffee(f, logged, nc.Next)
}

// nextStep reads --next with when it is due (--in or --due, else in
// defaultNextStepDays); no --next is no next step.
func (opts *coffeeLogOptions) nextStep() (*kith.NextStep, error) {
	if !opts.nextSet {
		return nil, nil
	}
	f := opts.f
	if strings.TrimSpace(opts.next) == "" {
		return nil, kith.Errorf(kith.Invalid, "--next needs text saying what to do").WithHint(`e.g. --next "send seminar invite"`)
	}
	step := &kith.NextStep{Text: opts.next, Due: f.Today().AddDays(defaultNextStepDays), For: opts.nextFor}
	switch {
	case opts.inSet:
		span, err := parseSpanFlag("in", opts.in)
		if err != nil {
			return nil, err
		}
		step.Due = span.From(f.Today())
	case opts.dueSet:
		due, err := f.parseDateFlag("due", opts.due, dates.Future)
		if err != nil {
			return nil, err
		}
		step.Due = due
	}
	return step, nil
}

// printLoggedCoffee confirms a logged coffee in a sentence or two.
func printLoggedCoffee(f *Factory, c store.LoggedCoffee, next *kith.NextStep) error {
	verb, was := "Logged", ""
	if c.Planned {
		verb = "Planned"
	}
	if c.FromPlan {
		was = " (was planned)"
	}
	if err := say(f, "%s %s%s", verb, coffeeSentence(c.Coffee), was); err != nil {
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
	if len(c.Contacts) > 1 { // say who it is for, when the table had several
		ids = append(ids, "for "+kith.AndList(refNames(c.NextStepFor)))
	}
	_, err := fmt.Fprintln(f.Out, render.Cell(fmt.Sprintf("Next step: %s, due %s (follow-up %s)",
		strings.TrimSpace(next.Text), next.Due, strings.Join(ids, ", "))))
	return err
}

// contactNames joins the names of the people at a meeting.
func contactNames(cs []kith.ContactRef) string { return strings.Join(refNames(cs), ", ") }

// refNames lists the names of cs.
func refNames(cs []kith.ContactRef) []string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return names
}

// coffeeListOptions is what coffee list runs with.
type coffeeListOptions struct {
	f              *Factory
	contact, since string
	week           bool
}

func newCoffeeListCmd(f *Factory) *cobra.Command {
	opts := &coffeeListOptions{f: f}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List coffees, newest first",
		Long: `List the meetings you logged, newest first, to see who you have been
spending time with. --week shows this calendar week (from Monday), the
number to hold against a weekly objective. STATUS is empty for a coffee
held, else planned, not logged (planned, its day passed, neither held nor
cancelled) or cancelled. Piped, each coffee is one tab-separated line:
ID DATE KIND WITH PLACE TOPIC STATUS.`,
		Example: `  kith coffee list --week
  kith coffee list --contact ana
  kith coffee list --since 2026-01-01 --json | jq length`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.week && opts.since != "" {
				return usageErrorf("pass --week or --since, not both")
			}
			return runCoffeeList(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.contact, "contact", "", "only coffees with this contact (REF: id, email or name)")
	fs.StringVar(&opts.since, "since", "", "only coffees on or after this day: YYYY-MM-DD, monday, or how long ago (4w)")
	fs.BoolVar(&opts.week, "week", false, "only this calendar week (Monday to Sunday)")
	refFlag(f, cmd, "contact")
	return cmd
}

// runCoffeeList lists the coffees the flags pick, newest first.
func runCoffeeList(ctx context.Context, opts *coffeeListOptions) error {
	f := opts.f
	var filter store.CoffeeFilter
	if opts.week {
		start := f.Today().StartOfWeek()
		end := start.AddDays(6)
		filter.Since, filter.Until = &start, &end
	}
	if opts.since != "" {
		d, err := f.parseSinceFlag(opts.since)
		if err != nil {
			return err
		}
		filter.Since = &d
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if filter.ContactID, err = contactFilter(ctx, db, opts.contact); err != nil {
		return err
	}
	return streamList(f, render.Table{
		Headers:   []string{"ID", "Date", "Kind", "With", "Place", "Topic", "Status"},
		DropFirst: []string{"Topic", "Kind"},
		Empty:     "no coffees match",
	}, func(add func(kith.Coffee) error) error {
		return db.EachCoffee(ctx, filter, add)
	}, func(c kith.Coffee) []string {
		return []string{strconv.FormatInt(c.ID, 10), c.On.String(), string(c.Kind),
			contactNames(c.Contacts), c.Place, c.Topic, c.Status.Label()}
	}, nil)
}
