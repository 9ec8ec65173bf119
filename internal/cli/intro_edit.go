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

// introEditOptions is what intro edit runs with: the introduction's id,
// and the corrections as typed, of which only the flags given apply.
type introEditOptions struct {
	f               *Factory
	id              int64
	from, to, kind  string
	value, note     string
	asked, unasked  bool
	given, received bool
	days            []string // --promised-on ... --closed-on, in kith.IntroStepNames order
	isSet           func(flag string) bool
}

// stepFlag is the flag that corrects the day of a step: --made-on.
func stepFlag(step string) string { return step + "-on" }

func newIntroEditCmd(f *Factory) *cobra.Command {
	opts := &introEditOptions{f: f, days: make([]string, len(kith.IntroStepNames))}
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Correct an introduction: who, which way, its kind, value or days",
		Long: `Fix an introduction recorded wrong in one command. Only the flags you pass
change: --from and --to name other people, --given or --received turns it
round, --asked or --unasked corrects whether you asked for it, --value the
revenue it brought (none clears it), and --promised-on, --made-on, --met-on
and --closed-on the day of each step it has reached (none clears a step it
may skip, such as the promise of one recorded as made). A step's day is
never before the step before it, nor in the future. Its status moves with
kith intro update. Advocacy follows at once: the edit says whose moved.`,
		Example: `  kith intro edit 3 --from bo
  kith intro edit 3 --unasked --kind client
  kith intro edit 3 --promised-on 2026-02-18 --made-on 2026-02-21
  kith intro edit 3 --given --value none`,
		Args:              exactArgs(1, "one introduction ID"),
		ValidArgsFunction: completeIntroIDs(f, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			opts.id, err = recordToEdit(cmd, args, "introduction",
				"--from, --to, --kind, --asked, --unasked, --given, --received, --value, --note or a step's day (--made-on ...)")
			switch {
			case err != nil:
				return err
			case opts.asked && opts.unasked:
				return usageErrorf("pass --asked or --unasked, not both")
			case opts.given && opts.received:
				return usageErrorf("pass --given or --received, not both")
			}
			opts.isSet = cmd.Flags().Changed
			return runIntroEdit(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.from, "from", "", "who introduced (received), or whom you introduced (given): a contact REF")
	fs.StringVar(&opts.to, "to", "", "the person introduced: a contact REF")
	fs.StringVar(&opts.kind, "kind", "", "alliance, client or coffee")
	fs.BoolVar(&opts.asked, "asked", false, "you asked for it")
	fs.BoolVar(&opts.unasked, "unasked", false, "they made it without being asked")
	fs.BoolVar(&opts.given, "given", false, "you introduced FROM to TO")
	fs.BoolVar(&opts.received, "received", false, "FROM introduced TO to you")
	fs.StringVar(&opts.value, "value", "", "revenue it brought, e.g. 12000 (none clears it)")
	fs.StringVar(&opts.note, "note", "", "replace the notes")
	for i, step := range kith.IntroStepNames {
		fs.StringVar(&opts.days[i], stepFlag(step), "", fmt.Sprintf("the day it was %s (YYYY-MM-DD, yesterday, -3d ...; none clears it)", step))
	}
	registerIntroFlagCompletions(f, cmd)
	refFlag(f, cmd, "from")
	refFlag(f, cmd, "to")
	return cmd
}

// runIntroEdit applies the correction and says where the introduction
// stands, and whose advocacy it moved.
func runIntroEdit(ctx context.Context, opts *introEditOptions) error {
	f := opts.f
	e, err := opts.edit()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ch, err := db.EditIntroduction(ctx, opts.id, e)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, ch)
	}
	return printIntroCorrection(f, "Updated", ch)
}

// edit reads the flags given into the correction to make.
func (opts *introEditOptions) edit() (store.IntroEdit, error) {
	e := store.IntroEdit{From: opts.from, To: opts.to}
	for _, ref := range []struct{ flag, v string }{{"from", opts.from}, {"to", opts.to}} {
		if opts.isSet(ref.flag) && strings.TrimSpace(ref.v) == "" {
			return e, kith.Errorf(kith.Invalid, "--%s is empty", ref.flag).WithHint("name a contact by id, email or name")
		}
	}
	var err error
	if opts.isSet("kind") {
		if e.Kind, err = kith.ParseIntroKind(opts.kind); err != nil {
			return e, err
		}
	}
	if opts.asked || opts.unasked {
		e.Asked = &opts.asked
	}
	switch {
	case opts.given:
		e.Direction = kith.Given
	case opts.received:
		e.Direction = kith.Received
	}
	if opts.isSet("value") {
		if isNone(opts.value) {
			e.ClearValue = true
		} else {
			v, err := kith.ParseValue(opts.value)
			if err != nil {
				return e, err
			}
			e.Value = &v
		}
	}
	if opts.isSet("note") {
		e.Notes = &opts.note
	}
	return e, opts.stepDays(&e)
}

// stepDays reads the step days given: a day, or none to clear the step.
func (opts *introEditOptions) stepDays(e *store.IntroEdit) error {
	for i, step := range kith.IntroStepNames {
		flag := stepFlag(step)
		if !opts.isSet(flag) {
			continue
		}
		if e.Days == nil {
			e.Days = map[string]*dates.Date{}
		}
		if isNone(opts.days[i]) {
			e.Days[step] = nil
			continue
		}
		d, err := opts.f.parseDateFlag(flag, opts.days[i], dates.Past)
		if err != nil {
			return err
		}
		e.Days[step] = &d
	}
	return nil
}

// isNone reports whether a flag's value asks to clear what it sets.
func isNone(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "none") }

// printIntroCorrection says what an edit or removal did: the introduction
// with its days, whose advocacy moved, and who became a client.
func printIntroCorrection(f *Factory, verb string, ch store.IntroCorrection) error {
	line := fmt.Sprintf("%s introduction #%d: %s (%s; %s)", verb, ch.ID, introSentence(ch.Introduction), introTraits(ch.Introduction), stepDaysText(ch.IntroSteps))
	if ch.Value != nil {
		line += ", value " + formatValue(ch.Value)
	}
	if err := say(f, "%s", line); err != nil {
		return err
	}
	for _, m := range ch.AdvocacyMoves {
		if err := sayAdvocacyMove(f, m.Contact.Name, m.Before, m.After); err != nil {
			return err
		}
	}
	if k := ch.KeptClient; k != nil {
		line := fmt.Sprintf("%s stays a client", k.Name)
		if k.WonFrom != "" {
			line += fmt.Sprintf(" (kith contact edit %d --stage %s if this introduction was what won them)", k.ID, k.WonFrom)
		}
		if err := say(f, "%s.", line); err != nil {
			return err
		}
	}
	return sayClient(f, store.IntroChange{Introduction: ch.Introduction, BecameClient: ch.BecameClient, StageBefore: ch.StageBefore})
}

// stepDaysText lists the days of the steps an introduction reached:
// "promised 2026-03-01, made 2026-03-03".
func stepDaysText(s kith.IntroSteps) string {
	var parts []string
	for i, d := range []*dates.Date{s.PromisedOn, s.MadeOn, s.MetOn, s.ClosedOn} {
		if d != nil {
			parts = append(parts, kith.IntroStepNames[i]+" "+d.String())
		}
	}
	return strings.Join(parts, ", ")
}
