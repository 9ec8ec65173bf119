package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// coffeeEditOptions is what coffee edit runs with: the coffee's id, and
// the new values as typed, of which only the flags given apply.
type coffeeEditOptions struct {
	f                   *Factory
	id                  int64
	on, kind            string
	place, topic, notes string
	add, remove         []string
	given               func(flag string) bool
}

func newCoffeeEditCmd(f *Factory) *cobra.Command {
	opts := &coffeeEditOptions{f: f}
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Correct a coffee: its day, kind, place, topic, notes or who was there",
		Long: `Fix a coffee logged wrong in one command. Only the flags you pass change;
--add and --rm put someone at the coffee or take them off it (a call logged
with the wrong person: --rm the one, --add the other). Someone taken off
stops counting as met on that day, and the open follow-up the coffee's
next step made for them goes too. A held coffee cannot move into the
future, nor a plan into the past (kith coffee held logs a plan that
happened). Pass an empty value (--topic "") to clear a field.`,
		Example: `  kith coffee edit 7 --rm cy --add "Dan Wu"
  kith coffee edit 7 --on yesterday --kind call
  kith coffee edit 7 --at "Blue Bottle" --topic "the Acme bid" --note ""`,
		Args:              exactArgs(1, "one coffee ID"),
		ValidArgsFunction: completeCoffeeIDs(f, false, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			opts.id, err = recordToEdit(cmd, args, "coffee", "--on, --kind, --at, --topic, --note, --add, --rm")
			if err != nil {
				return err
			}
			opts.given = cmd.Flags().Changed
			return runCoffeeEdit(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.on, "on", "", "the day it was (or is to be): YYYY-MM-DD, yesterday, monday, -3d ...")
	fs.StringVar(&opts.kind, "kind", "", "coffee, lunch, call, event or other")
	fs.StringVar(&opts.place, "at", "", "where you met")
	fs.StringVar(&opts.topic, "topic", "", "an interesting topic from the conversation")
	fs.StringVar(&opts.notes, "note", "", "notes about the meeting (replaces them)")
	fs.StringArrayVar(&opts.add, "add", nil, "put this contact (REF) at the coffee (repeatable)")
	fs.StringArrayVar(&opts.remove, "rm", nil, "take this contact (REF) off the coffee (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletions(enumNames(kith.CoffeeKinds)...))
	refFlag(f, cmd, "add")
	refFlag(f, cmd, "rm")
	return cmd
}

// runCoffeeEdit applies the change and shows the coffee as it now stands.
func runCoffeeEdit(ctx context.Context, opts *coffeeEditOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	e, err := opts.edit(ctx, db)
	if err != nil {
		return err
	}
	changed, err := db.EditCoffee(ctx, opts.id, e)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, changed)
	}
	return printChangedCoffee(f, "Updated", changed)
}

// edit reads the flags given into the change to make. A weekday in --on
// means the next one for a plan and the last one otherwise, so it reads
// the coffee first.
func (opts *coffeeEditOptions) edit(ctx context.Context, db *store.DB) (store.CoffeeEdit, error) {
	e := store.CoffeeEdit{Add: opts.add, Remove: opts.remove}
	if opts.given("at") {
		e.Place = &opts.place
	}
	if opts.given("topic") {
		e.Topic = &opts.topic
	}
	if opts.given("note") {
		e.Notes = &opts.notes
	}
	if opts.given("kind") {
		k, err := kith.ParseCoffeeKind(opts.kind)
		if err != nil {
			return e, err
		}
		e.Kind = &k
	}
	if !opts.given("on") {
		return e, nil
	}
	c, err := db.Coffee(ctx, opts.id)
	if err != nil {
		return e, err
	}
	dir := dates.Past
	if c.Status == kith.CoffeePlanned || c.Status == kith.CoffeeNotLogged {
		dir = dates.Future
	}
	on, err := opts.f.parseDateFlag("on", opts.on, dir)
	e.On = &on
	return e, err
}

// printChangedCoffee says what a correction did to a coffee, and which of
// its next steps' follow-ups went with the people taken off it.
func printChangedCoffee(f *Factory, verb string, c store.ChangedCoffee) error {
	line := verb + " " + coffeeSentence(c.Coffee)
	if label := c.Status.Label(); label != "" && !strings.EqualFold(label, verb) {
		line += " (" + label + ")"
	}
	if err := say(f, "%s", line); err != nil {
		return err
	}
	if len(c.RemovedFollowupIDs) == 0 {
		return nil
	}
	ids := make([]string, len(c.RemovedFollowupIDs))
	for i, id := range c.RemovedFollowupIDs {
		ids[i] = fmt.Sprintf("#%d", id)
	}
	return say(f, "Also removed %s %s (the coffee's next step)", pluralWord(len(ids), "follow-up"), strings.Join(ids, ", "))
}

// coffeeSentence names a coffee as confirmations do: "lunch #3 with Ana
// Lima, Bo Chen on 2026-03-02 at Blue Bottle".
func coffeeSentence(c kith.Coffee) string {
	line := fmt.Sprintf("%s #%d with %s on %s", c.Kind, c.ID, contactNames(c.Contacts), c.On)
	if c.Place != "" {
		line += " at " + c.Place
	}
	return line
}

// pluralWord is noun with an s unless n is one.
func pluralWord(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
