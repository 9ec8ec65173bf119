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

func newIntroCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("intro", "Track introductions, received and given",
		newIntroAddCmd(f),
		newIntroListCmd(f),
		newIntroUpdateCmd(f),
	)
	cmd.Long = `Introductions are how new clients arrive by permission instead of by cold
call. Received: someone introduced a person to you, often the answer to one
of the three questions (kith ask). Given: you introduced two people, which
counts as much. Each moves along promised → made → met → won or lost, and
the introductions someone has made for you make them an advocate, or a
raving fan when you did not have to ask.`
	cmd.Example = `  kith intro add ana "Dan Wu" --kind alliance
  kith intro list --status promised
  kith intro update 3 --status won --value 12000`
	return cmd
}

func newIntroAddCmd(f *Factory) *cobra.Command {
	var (
		kind, status, on, note string
		unasked, given, isNew  bool
	)
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
			if kind == "" {
				return usageErrorf("--kind is required: alliance, client or coffee")
			}
			n := store.NewIntroduction{Direction: kith.Received, Asked: !unasked, Notes: note}
			if given {
				n.Direction = kith.Given
			}
			var err error
			if n.Kind, err = kith.ParseIntroKind(kind); err != nil {
				return err
			}
			if n.Status, err = kith.ParseIntroStatus(status); err != nil {
				return err
			}
			if n.On, err = f.parseDateFlag("on", on, dates.Past); err != nil {
				return err
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			ch, err := db.RecordIntroduction(cmd.Context(), store.IntroRefs{From: args[0], To: args[1], NewTo: isNew}, n)
			if err != nil {
				return err
			}
			if ch.IgnoredCompany != "" {
				at := ", who has no company"
				if ch.KeptCompany != "" {
					at = " at " + render.Cell(ch.KeptCompany)
				}
				fmt.Fprintf(f.ErrOut, "kith: warning: %q matched the existing #%d %s%s; %s was not recorded (if they moved: kith contact edit %d --company %q)\n",
					args[1], ch.To.ID, render.Cell(ch.To.Name), at, render.Cell(ch.IgnoredCompany), ch.To.ID, ch.IgnoredCompany)
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
			return sayAdvocacy(f, ch)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&kind, "kind", "", "alliance, client or coffee (required)")
	fs.StringVar(&status, "status", string(kith.Made), "promised, made, met, won or lost")
	fs.StringVar(&on, "on", "today", "the day it was made (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&note, "note", "", "notes")
	fs.BoolVar(&unasked, "unasked", false, "they made it without being asked (a raving fan's mark)")
	fs.BoolVar(&given, "given", false, "you introduced FROM to TO")
	fs.BoolVar(&isNew, "new", false, "TO is a name: add them as a contact when no one has exactly that name")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}

// say prints one line of confirmation, neutralising what the user typed.
func say(f *Factory, format string, args ...any) error {
	_, err := fmt.Fprintln(f.Out, render.Cell(fmt.Sprintf(format, args...)))
	return err
}

// sayAdvocacy tells the user when an introduction moved its introducer up
// (or down) the advocacy ladder.
func sayAdvocacy(f *Factory, ch store.IntroChange) error {
	if ch.AdvocacyBefore == ch.AdvocacyAfter || ch.Direction != kith.Received {
		return nil
	}
	return say(f, "%s is now %s (was %s).", ch.From.Name, advocacyWords(ch.AdvocacyAfter), advocacyWords(ch.AdvocacyBefore))
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

// introSentence says who introduced whom, or who promised to while the
// introduction has not happened.
func introSentence(in kith.Introduction) string {
	switch {
	case in.Direction == kith.Given && !in.Status.Happened():
		return fmt.Sprintf("you promised to introduce %s to %s", in.From.Name, in.To.Name)
	case in.Direction == kith.Given:
		return fmt.Sprintf("you introduced %s to %s", in.From.Name, in.To.Name)
	case !in.Status.Happened():
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
	kinds := make([]string, len(kith.IntroKinds))
	for i, k := range kith.IntroKinds {
		kinds[i] = string(k)
	}
	statuses := make([]string, len(kith.IntroStatuses))
	for i, s := range kith.IntroStatuses {
		statuses[i] = string(s)
	}
	if cmd.Flags().Lookup("kind") != nil {
		_ = cmd.RegisterFlagCompletionFunc("kind", fixedCompletions(kinds...))
	}
	_ = cmd.RegisterFlagCompletionFunc("status", fixedCompletions(statuses...))
	if cmd.Flags().Lookup("contact") != nil {
		_ = cmd.RegisterFlagCompletionFunc("contact", completeContacts(f))
	}
}

func newIntroListCmd(f *Factory) *cobra.Command {
	var (
		status, kind, contact string
		given, received       bool
	)
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List introductions, newest first",
		Long: `List introductions received and given, newest first, to see which promises
are still open and who sends you people. Piped, each is one tab-separated
line: ID DATE DIRECTION FROM TO KIND ASKED STATUS VALUE.`,
		Example: `  kith intro list --status promised
  kith intro list --contact ana
  kith intro list --given --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var filter store.IntroFilter
			switch {
			case given && received:
				return usageErrorf("pass --given or --received, not both")
			case given:
				filter.Direction = kith.Given
			case received:
				filter.Direction = kith.Received
			}
			var err error
			if status != "" {
				if filter.Status, err = kith.ParseIntroStatus(status); err != nil {
					return err
				}
			}
			if kind != "" {
				if filter.Kind, err = kith.ParseIntroKind(kind); err != nil {
					return err
				}
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			if filter.ContactID, err = contactFilter(cmd.Context(), db, contact); err != nil {
				return err
			}
			intros, err := db.ListIntroductions(cmd.Context(), filter)
			if err != nil {
				return err
			}
			rows := make([][]string, len(intros))
			for i, in := range intros {
				rows[i] = []string{strconv.FormatInt(in.ID, 10), in.On.String(), string(in.Direction), in.From.Name,
					in.To.Name, string(in.Kind), askedWord(in.Asked), string(in.Status), formatValue(in.Value)}
			}
			return render.List(f.Out, f.Mode(), []string{"ID", "Date", "Direction", "From", "To", "Kind", "Asked", "Status", "Value"}, rows, intros)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&status, "status", "", "only this status: promised, made, met, won or lost")
	fs.StringVar(&kind, "kind", "", "only this kind: alliance, client or coffee")
	fs.StringVar(&contact, "contact", "", "only introductions this contact is part of (REF: id, email or name)")
	fs.BoolVar(&given, "given", false, "only introductions you made")
	fs.BoolVar(&received, "received", false, "only introductions made to you")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}

// formatValue writes revenue without trailing zeros; no value is empty.
func formatValue(v *float64) string {
	if v == nil {
		return ""
	}
	return formatNumber(*v)
}

func newIntroUpdateCmd(f *Factory) *cobra.Command {
	var status, value, on, note string
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Move an introduction along: made, met, won or lost",
		Long: `Change an introduction's status as it moves along (promised → made → met →
won or lost), and record the revenue it brought with --value. Marking a
received introduction made is what turns its introducer into an advocate.
A won or lost introduction has happened and cannot go back to promised;
made and met can, to correct a slip.`,
		Example: `  kith intro update 3 --status made
  kith intro update 3 --status won --value 12000
  kith intro update 3 --status met --on yesterday`,
		Args:              exactArgs(1, "one introduction ID"),
		ValidArgsFunction: completeIntroIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if !fs.Changed("status") && !fs.Changed("value") && !fs.Changed("note") {
				return usageErrorf("nothing to change: pass --status, --value or --note")
			}
			id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(args[0]), "#"), 10, 64)
			if err != nil || id <= 0 { // like follow-up ids: a bad value, not a usage error
				return kith.Errorf(kith.Invalid, "introduction ID must be a positive number, got %q", args[0]).WithHint("kith intro list shows the ids")
			}
			var u store.IntroUpdate
			if fs.Changed("status") {
				if u.Status, err = kith.ParseIntroStatus(status); err != nil {
					return err
				}
			}
			if fs.Changed("value") {
				v, err := kith.ParseValue(value)
				if err != nil {
					return err
				}
				u.Value = &v
			}
			if fs.Changed("note") {
				u.Notes = &note
			}
			if u.On, err = f.parseDateFlag("on", on, dates.Past); err != nil {
				return err
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			ch, err := db.UpdateIntroduction(cmd.Context(), id, u)
			if err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, ch)
			}
			line := fmt.Sprintf("Introduction #%d is %s: %s (%s)", ch.ID, ch.Status, introSentence(ch.Introduction), ch.Kind)
			if ch.Value != nil {
				line += ", value " + formatValue(ch.Value)
			}
			if err := say(f, "%s", line); err != nil {
				return err
			}
			return sayAdvocacy(f, ch)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&status, "status", "", "promised, made, met, won or lost")
	fs.StringVar(&value, "value", "", "revenue it brought, e.g. 12000")
	fs.StringVar(&on, "on", "today", "the day of the new status (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&note, "note", "", "replace the notes")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}
