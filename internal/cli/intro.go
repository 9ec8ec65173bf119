package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

func newIntroCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("intro", "Track introductions, received and given",
		newIntroAddCmd(f),
		newIntroListCmd(f),
		newIntroUpdateCmd(f),
		newIntroEditCmd(f),
		newIntroRmCmd(f),
	)
	cmd.Long = `Introductions are how new clients arrive by permission instead of by cold
call. Received: someone introduced a person to you, often the answer to one
of the three questions (kith ask). Given: you introduced two people, which
counts as much. Each moves along promised → made → met → won or lost, and
the introductions someone has made for you make them an advocate, or a
raving fan when you did not have to ask.`
	cmd.Example = `  kith intro add ana "Dan Wu" --kind alliance
  kith intro list --status promised
  kith intro update 3 --status won --value 12000
  kith intro edit 3 --from bo --unasked
  kith intro rm 3`
	return cmd
}

// introAddOptions is what intro add runs with: FROM and TO as REFs, and
// the introduction's traits as typed.
type introAddOptions struct {
	f                      *Factory
	from, to               string
	kind, status, on, note string
	unasked, given, isNew  bool
}

func newIntroAddCmd(f *Factory) *cobra.Command {
	opts := &introAddOptions{f: f}
	cmd := &cobra.Command{
		Use:   "add FROM TO",
		Short: "Record an introduction someone made to you, or one you made",
		Long: `Record an introduction that happened. By default FROM introduced TO to you:
that is the evidence that makes FROM an advocate, or a raving fan when they
did it without being asked (--unasked). With --given, you introduced FROM
to TO: give first, and keep the ledger of what you have given.

The status defaults to made; --status promised records a promise. When a
promise of the same introduction is on record (from kith ask), recording
it fulfils that promise instead of adding a second one. TO must be a
contact already, unless --new: then TO is a name ("Dan Wu @ Acme") that
becomes a new halo contact when no one has exactly that name or email.`,
		Example: `  kith intro add ana "Dan Wu" --kind alliance
  kith intro add bo "Eve Park @ Globex" --new --kind client --unasked
  kith intro add ana cy --kind client --given --on 2026-03-01`,
		Args:              exactArgs(2, "FROM and TO (contact REFs)"),
		ValidArgsFunction: argsUpTo(2, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.kind == "" {
				return usageErrorf("--kind is required: alliance, client or coffee")
			}
			opts.from, opts.to = args[0], args[1]
			return runIntroAdd(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.kind, "kind", "", "alliance, client or coffee (required)")
	fs.StringVar(&opts.status, "status", string(kith.Made), "promised, made, met, won or lost")
	fs.StringVar(&opts.on, "on", "today", "the day it was made (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&opts.note, "note", "", "notes")
	fs.BoolVar(&opts.unasked, "unasked", false, "they made it without being asked (a raving fan's mark)")
	fs.BoolVar(&opts.given, "given", false, "you introduced FROM to TO")
	fs.BoolVar(&opts.isNew, "new", false, "TO is a name: add them as a contact when no one has exactly that name")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}

// runIntroAdd records the introduction and says what it changed.
func runIntroAdd(ctx context.Context, opts *introAddOptions) error {
	f := opts.f
	n, err := opts.introduction()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ch, err := db.RecordIntroduction(ctx, store.IntroRefs{From: opts.from, To: opts.to, NewTo: opts.isNew}, n)
	if err != nil {
		return err
	}
	if ch.IgnoredCompany != "" {
		at := ", who has no company"
		if ch.KeptCompany != "" {
			at = " at " + render.Cell(ch.KeptCompany)
		}
		fmt.Fprintf(f.ErrOut, "kith: warning: %q matched the existing #%d %s%s; %s was not recorded (if they moved: kith contact edit %d --company %q)\n",
			opts.to, ch.To.ID, render.Cell(ch.To.Name), at, render.Cell(ch.IgnoredCompany), ch.To.ID, ch.IgnoredCompany)
	}
	if f.flags.json {
		return renderJSON(f, ch)
	}
	if ch.CreatedContact {
		if err := say(f, "Added #%d %s (halo, tagged %s)", ch.To.ID, ch.To.Name, store.IntroTag(ch.From.Name)); err != nil {
			return err
		}
	}
	if ch.Fulfilled {
		err = say(f, "Introduction #%d is now %s: %s (%s; fulfils the promise)", ch.ID, ch.Status, introSentence(ch.Introduction), ch.Kind)
	} else {
		err = say(f, "Recorded introduction #%d: %s (%s)", ch.ID, introSentence(ch.Introduction), introTraits(ch.Introduction))
	}
	if err != nil {
		return err
	}
	if err := sayAdvocacy(f, ch); err != nil {
		return err
	}
	return sayClient(f, ch)
}

// introduction reads the flags into the introduction to record.
func (opts *introAddOptions) introduction() (store.NewIntroduction, error) {
	n := store.NewIntroduction{Direction: kith.Received, Asked: !opts.unasked, Notes: opts.note}
	if opts.given {
		n.Direction = kith.Given
	}
	var err error
	if n.Kind, err = kith.ParseIntroKind(opts.kind); err != nil {
		return n, err
	}
	if n.Status, err = kith.ParseIntroStatus(opts.status); err != nil {
		return n, err
	}
	n.On, err = opts.f.parseDateFlag("on", opts.on, dates.Past)
	return n, err
}

// say prints one line of confirmation, neutralising what the user typed;
// on a terminal a long one wraps at words, piped it stays one line.
func say(f *Factory, format string, args ...any) error {
	line := render.Cell(fmt.Sprintf(format, args...))
	if m := f.Mode(); m.TTY {
		line = render.Wrap(line, m.LineWidth())
	}
	_, err := fmt.Fprintln(f.Out, line)
	return err
}

// sayAdvocacy tells the user when an introduction moved its introducer up
// (or down) the advocacy ladder.
func sayAdvocacy(f *Factory, ch store.IntroChange) error {
	if ch.AdvocacyBefore == ch.AdvocacyAfter || ch.Direction != kith.Received {
		return nil
	}
	return sayAdvocacyMove(f, ch.From.Name, ch.AdvocacyBefore, ch.AdvocacyAfter)
}

// sayAdvocacyMove tells how someone's advocacy moved: up, down, or off
// the ladder.
func sayAdvocacyMove(f *Factory, name string, before, after kith.Advocacy) error {
	if after == kith.NoAdvocacy {
		return say(f, "%s is no longer %s.", name, advocacyWords(before))
	}
	return say(f, "%s is now %s (was %s).", name, advocacyWords(after), advocacyWords(before))
}

// sayClient tells the user when winning an introduction made the person
// introduced a client.
func sayClient(f *Factory, ch store.IntroChange) error {
	if !ch.BecameClient {
		return nil
	}
	return say(f, "%s became a client on %s (was %s).", ch.To.Name, ch.ClosedOn, strings.ReplaceAll(string(ch.StageBefore), "_", " "))
}

// advocacyWords writes an advocacy level for a sentence.
func advocacyWords(a kith.Advocacy) string {
	switch a {
	case kith.Advocate:
		return "an advocate"
	case kith.RavingFan:
		return "a raving fan"
	}
	return "not yet an advocate"
}

// introSentence says who introduced whom, who promised to while the
// introduction has not happened, or that a promise lost never happened.
func introSentence(in kith.Introduction) string {
	switch {
	case in.Direction == kith.Given && in.LostUnmade():
		return fmt.Sprintf("you promised to introduce %s to %s; it did not happen", in.From.Name, in.To.Name)
	case in.Direction == kith.Given && !in.Happened():
		return fmt.Sprintf("you promised to introduce %s to %s", in.From.Name, in.To.Name)
	case in.Direction == kith.Given:
		return fmt.Sprintf("you introduced %s to %s", in.From.Name, in.To.Name)
	case in.LostUnmade():
		return fmt.Sprintf("%s promised an introduction to %s; it did not happen", in.From.Name, in.To.Name)
	case !in.Happened():
		return fmt.Sprintf("%s promised to introduce you to %s", in.From.Name, in.To.Name)
	}
	return fmt.Sprintf("%s introduced you to %s", in.From.Name, in.To.Name)
}

// introTraits lists an introduction's kind, asked-ness and status.
func introTraits(in kith.Introduction) string {
	return fmt.Sprintf("%s, %s, %s", in.Kind, askedWord(in.Asked), in.Status)
}

func askedWord(asked bool) string {
	if asked {
		return "asked"
	}
	return "unasked"
}

func registerIntroFlagCompletions(f *Factory, cmd *cobra.Command) {
	if cmd.Flags().Lookup("kind") != nil {
		_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletions(enumNames(kith.IntroKinds)...))
	}
	_ = cmd.RegisterFlagCompletionFunc("status", fixedCompletions(enumNames(kith.IntroStatuses)...))
	if cmd.Flags().Lookup("contact") != nil {
		refFlag(f, cmd, "contact")
	}
}
