package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/questions"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// askResult is what kith ask --json prints.
type askResult struct {
	Contact       kith.ContactRef        `json:"contact"`
	Reminder      questions.Reminder     `json:"reminder"`
	Questions     []questions.Question   `json:"questions"`
	Introductions []store.RecordedAnswer `json:"introductions"`
}

// askOptions is what ask runs with: the contact, and the answers given as
// flags or, when there are none, whether to ask for them on stdin.
type askOptions struct {
	f           *Factory
	ref         string
	interactive bool
	flagAnswers map[kith.IntroKind]*[]string // --alliance, --client and --coffee as typed
	given       []kith.Answer                // the same, read, without the empty ones (skipped)
	answered    bool                         // answers came as flags, even if all were skipped
	prompting   bool                         // ask for the answers, one line each
	isNew       bool                         // an answer that only starts a stored name is someone new
}

func newAskCmd(f *Factory) *cobra.Command {
	opts := &askOptions{f: f, flagAnswers: map[kith.IntroKind]*[]string{
		kith.Alliance: new([]string), kith.ClientIntro: new([]string), kith.CoffeeIntro: new([]string)}}
	cmd := &cobra.Command{
		Use:   "ask REF",
		Short: "The three questions to ask at a coffee, and the answers as introductions",
		Long: `Before or during a coffee, put the three referral questions in front of
you, in words you can say out loud: a name for an alliance (someone who
serves the same clients), a client (someone at one of your target
companies) and another coffee. Above them, a give-first reminder: what you
have given this person, what they have given you, and when you last met.

On a terminal (or with --interactive, reading stdin) kith then asks for
each answer in turn: a name, "Name @ Company", or Enter to skip (an empty
flag, --client "", skips as Enter does). Ctrl-C
(exit 130) or the end of input (Ctrl-D, or stdin running out before the
last question; exit 1) stops it with nothing recorded. Scripts pass the
answers as --alliance, --client and --coffee (each repeatable).
Each answer becomes a promised introduction from this contact; a person
no one has exactly that name (or email) becomes a new halo contact,
tagged with who introduced them. A name several contacts share is asked
about on a terminal and is an error in a script. So is an answer that is
the start of a stored name ("Hannah" when Hannah Lee is stored): did you
mean Hannah Lee? --new says such answers are new people.`,
		Example: `  kith ask ana
  kith ask ana --alliance "Dan Wu @ Wu Accounting" --client "Eve Park @ Acme"
  printf 'Dan Wu @ Acme\n\nEve Park\n' | kith ask ana --interactive`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.given, err = opts.readAnswers(); err != nil {
				return err
			}
			if opts.interactive && opts.answered {
				return usageErrorf("pass answers as flags or answer --interactive, not both")
			}
			opts.ref = args[0]
			opts.prompting = !opts.answered && (opts.interactive || f.InTTY)
			return runAsk(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&opts.interactive, "interactive", false, "ask for the answers, reading them from stdin even when it is not a terminal")
	fs.StringArrayVar(opts.flagAnswers[kith.Alliance], "alliance", nil, `answer to the alliance question: "Name" or "Name @ Company" (repeatable)`)
	fs.StringArrayVar(opts.flagAnswers[kith.ClientIntro], "client", nil, "answer to the client question (repeatable)")
	fs.StringArrayVar(opts.flagAnswers[kith.CoffeeIntro], "coffee", nil, "answer to the coffee question (repeatable)")
	fs.BoolVar(&opts.isNew, "new", false, `an answer that is only the start of a stored name ("Hannah", Hannah Lee) is someone new`)
	return cmd
}

// readAnswers reads the answers given as flags, in the questions' order,
// and notes that there were some; an empty one skips its question, as
// Enter does at the prompt.
func (opts *askOptions) readAnswers() ([]kith.Answer, error) {
	var given []kith.Answer
	for _, k := range kith.IntroKinds {
		for _, s := range *opts.flagAnswers[k] {
			opts.answered = true
			if kith.TrimText(s) == "" {
				continue
			}
			a, err := kith.ParseAnswer(k, s)
			if err != nil {
				return nil, err
			}
			given = append(given, a)
		}
	}
	return given, nil
}

// runAsk prints the reminder and the questions, and records the answers
// as promised introductions.
func runAsk(ctx context.Context, opts *askOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	brief, err := app.PrepareAsk(ctx, db, opts.ref)
	if err != nil {
		return err
	}
	c := brief.Contact
	res := askResult{
		Contact:       kith.ContactRef{ID: c.ID, Name: c.Name},
		Reminder:      brief.Reminder,
		Questions:     brief.Questions,
		Introductions: []store.RecordedAnswer{},
	}
	// The questions go up front only when they are about to be asked;
	// answers given as flags are settled and recorded first, so a failing
	// script prints nothing but the error.
	if opts.prompting && !f.flags.json {
		if err := printAsk(f, c, res); err != nil {
			return err
		}
	}
	p := &prompter{f: f, asked: c, on: opts.prompting, newNames: opts.isNew}
	choices, err := opts.choices(ctx, db, p, res.Questions)
	if err != nil {
		return err
	}
	if len(choices) > 0 {
		if res.Introductions, err = db.RecordAnswers(ctx, c.ID, choices); err != nil {
			return err
		}
	}
	if f.flags.json {
		return renderJSON(f, res)
	}
	if !opts.prompting {
		if err := printAsk(f, c, res); err != nil {
			return err
		}
	}
	return printRecorded(f, c, res.Introductions, opts.prompting || opts.answered)
}

// choices settles who each answer names: those asked for on stdin, or
// those given as flags.
func (opts *askOptions) choices(ctx context.Context, db *store.DB, p *prompter, qs []questions.Question) ([]store.AnswerChoice, error) {
	if opts.prompting {
		return p.answers(ctx, db, qs)
	}
	var choices []store.AnswerChoice
	for _, a := range opts.given {
		choice, _, err := p.settle(ctx, db, a)
		if err != nil {
			return nil, err
		}
		choices = append(choices, choice)
	}
	return choices, nil
}

// printAsk prints the give-first reminder and the three questions.
func printAsk(f *Factory, c kith.Contact, res askResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Before you ask %s:\n", c.Name)
	for _, l := range res.Reminder.Lines(c.Name, f.Today()) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	b.WriteString("\nThe three questions:\n")
	for i, q := range res.Questions {
		fmt.Fprintf(&b, "  %d. %s: %s\n", i+1, q.Prompt, q.Text)
	}
	_, err := fmt.Fprint(f.Out, f.prose(b.String()))
	return err
}

// prompter reads answers from stdin, one line each, writing its prompts
// to stderr so stdout stays the command's output.
type prompter struct {
	f     *Factory
	asked kith.Contact // the person answering
	on    bool         // prompts are allowed
	// newNames takes an answer that only starts a stored name for someone
	// new, without asking
	newNames bool
	read     int   // lines read so far, to name the one that is wrong
	bad      error // a line was refused or never came: the prompt is over, not retried
}

// line prompts and reads one trimmed line. The end of input ends the
// command before anything is recorded, as Ctrl-C does (Factory.prompt).
// A line that is not UTF-8 or holds a control character is refused, as a
// flag value is (see checkText): what is read becomes a contact's name,
// and retrying would not help when the terminal or script writes another
// encoding.
func (p *prompter) line(ctx context.Context, prompt, what string) (string, error) {
	s, err := p.f.prompt(ctx, prompt, what)
	if err != nil {
		var ke *kith.Error
		if errors.As(err, &ke) && !p.f.InTTY {
			ke.Hint = "give one line per question, an empty line to skip one"
		}
		p.bad = err
		return "", err
	}
	p.read++
	if err := checkValue(fmt.Sprintf("stdin:%d: the %s", p.read, what), s, false); err != nil {
		p.bad = err
		if !p.f.InTTY {
			fmt.Fprintln(p.f.ErrOut) // piped input was not echoed: end the prompt's line
		}
		return "", p.bad
	}
	return s, nil
}

// answers asks for one answer per question (Enter skips one), settling
// each name at once so a question about who it is follows its answer.
func (p *prompter) answers(ctx context.Context, db *store.DB, qs []questions.Question) ([]store.AnswerChoice, error) {
	fmt.Fprintln(p.f.ErrOut)
	var out []store.AnswerChoice
	for _, q := range qs {
		for {
			s, err := p.line(ctx, q.Prompt+` (a name or "Name @ Company"; Enter to skip): `, string(q.Kind)+" answer")
			if err != nil {
				return nil, err
			}
			if s == "" {
				break
			}
			choice, keep, err := p.answer(ctx, db, q.Kind, s)
			var ke *kith.Error
			if errors.As(err, &ke) && ke.Code == kith.Invalid && p.bad == nil {
				// A typo on the prompt costs a retry, not the answers before it.
				fmt.Fprintf(p.f.ErrOut, "%s; try again\n", errorLine(err))
				continue
			}
			if err != nil {
				return nil, err
			}
			if keep {
				out = append(out, choice)
			}
			break
		}
	}
	return out, nil
}

// answer reads one answer as typed and settles who it names.
func (p *prompter) answer(ctx context.Context, db *store.DB, kind kith.IntroKind, s string) (store.AnswerChoice, bool, error) {
	a, err := kith.ParseAnswer(kind, s)
	if err != nil {
		return store.AnswerChoice{}, false, err
	}
	return p.settle(ctx, db, a)
}

// settle decides which existing contact, if any, an answer names. A name
// several contacts share is asked about when prompting, and is an error
// otherwise, before anything is written. keep is false when the user
// skipped the answer.
func (p *prompter) settle(ctx context.Context, db *store.DB, a kith.Answer) (choice store.AnswerChoice, keep bool, err error) {
	choice = store.AnswerChoice{Answer: a}
	found, err := db.FindAnswerContact(ctx, a)
	var amb *store.AmbiguousError
	if !errors.As(err, &amb) {
		if err == nil && found != nil && found.ID == p.asked.ID {
			err = kith.Errorf(kith.Invalid, "%s cannot introduce you to themselves", p.asked.Name).
				WithHint("name someone else, or skip the question")
		}
		if err == nil && found == nil && !p.newNames && !kith.LooksLikeEmail(a.Name) {
			return p.startOf(ctx, db, a)
		}
		return choice, err == nil, err
	}
	if !p.on {
		return choice, false, kith.Errorf(kith.Ambiguous, "the %s answer %s", a.Kind, amb.Error()).
			WithHint("answer with an email or \"Name @ Company\", or run kith ask on a terminal to pick one")
	}
	id, skip, err := p.pick(ctx, a, amb.Candidates)
	choice.ContactID = id
	return choice, !skip, err
}

// startOf settles an answer that names no one exactly but is the start
// of stored names ("Hannah", Hannah Lee): did you mean them? Asked when
// prompting, an error otherwise; an answer that starts no name is someone
// new.
func (p *prompter) startOf(ctx context.Context, db *store.DB, a kith.Answer) (choice store.AnswerChoice, keep bool, err error) {
	choice = store.AnswerChoice{Answer: a}
	starts, err := db.NameStarts(ctx, a.Name)
	if err != nil || len(starts) == 0 {
		return choice, err == nil, err
	}
	if !p.on {
		var names []string
		for _, c := range starts {
			names = append(names, fmt.Sprintf("#%d %s", c.ID, c.Name))
		}
		return choice, false, kith.Errorf(kith.Conflict, "the %s answer %q is the start of a stored name (%s); nothing was recorded",
			a.Kind, a.Name, clip.List(names)).WithHint("write the whole name or an email to mean them, or pass --new if %q is someone new", a.Name)
	}
	if len(starts) > 1 {
		id, skip, err := p.pick(ctx, a, starts)
		choice.ContactID = id
		return choice, !skip, err
	}
	meant := starts[0]
	for {
		s, err := p.line(ctx, fmt.Sprintf("Did you mean #%d %s? (y, n for someone new, Enter to skip): ", meant.ID, render.Cell(meant.Name)), "choice")
		switch s = strings.ToLower(s); {
		case err != nil, s == "":
			return choice, false, err
		case s == "y" || s == "yes":
			choice.ContactID = meant.ID
			return choice, true, nil
		case s == "n" || s == "no" || s == "new":
			choice.ContactID = store.NewContactChoice
			return choice, true, nil
		}
		fmt.Fprintln(p.f.ErrOut, "Please type y, n or Enter.")
	}
}

// pick asks which of several same-named contacts an answer means: a
// number from the list, n for someone new, or Enter to skip the answer.
func (p *prompter) pick(ctx context.Context, a kith.Answer, cands []kith.Contact) (id int64, skip bool, err error) {
	fmt.Fprintf(p.f.ErrOut, "%q matches several contacts:\n", a.Name)
	for i, c := range cands {
		label := c.Name
		if c.Company != "" {
			label += " @ " + c.Company
		}
		if c.Email != "" {
			label += " <" + c.Email + ">"
		}
		fmt.Fprintf(p.f.ErrOut, "  %d) #%d %s\n", i+1, c.ID, render.Cell(label))
	}
	for {
		s, err := p.line(ctx, "Which one? (number, n for someone new, Enter to skip): ", "choice")
		if err != nil {
			return 0, true, err
		}
		s = strings.ToLower(s)
		switch n, err := strconv.Atoi(s); {
		case s == "":
			return 0, true, nil
		case s == "n" || s == "new":
			return store.NewContactChoice, false, nil
		case err == nil && n >= 1 && n <= len(cands):
			return cands[n-1].ID, false, nil
		}
		fmt.Fprintf(p.f.ErrOut, "Please type a number from 1 to %d, n or Enter.\n", len(cands))
	}
}

// printRecorded lists the promised introductions the answers became.
func printRecorded(f *Factory, c kith.Contact, recorded []store.RecordedAnswer, answered bool) error {
	if len(recorded) == 0 {
		if answered {
			return say(f, "No answers recorded.")
		}
		return nil
	}
	if err := say(f, "%s", ""); err != nil {
		return err
	}
	if err := say(f, "Promised by %s:", c.Name); err != nil {
		return err
	}
	for _, r := range recorded {
		line := fmt.Sprintf("  #%d %s: %s", r.ID, r.Kind, r.To.Name)
		switch {
		case r.CreatedContact:
			line += fmt.Sprintf(" (new contact #%d, halo)", r.To.ID)
		case r.AlreadyRecorded:
			line += " (already on record)"
		default:
			line += fmt.Sprintf(" (contact #%d)", r.To.ID)
		}
		if err := say(f, "%s", line); err != nil {
			return err
		}
	}
	return say(f, "When %s makes one: kith intro update ID --status made", questions.FirstName(c.Name))
}
