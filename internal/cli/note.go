package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
)

// noteOptions is what note (and contact note) runs with.
type noteOptions struct {
	f        *Factory
	ref      string
	text, on string
}

// newNoteCmd is kith note and, with use "note REF TEXT...", contact note:
// the same command under both names.
func newNoteCmd(f *Factory) *cobra.Command {
	opts := &noteOptions{f: f}
	cmd := &cobra.Command{
		Use:   "note REF TEXT...",
		Short: "Add a dated note about a contact",
		Long: `Write down what you learned about someone, dated: a new job, a child's
name, what they are working on. Notes only grow: each is kept with its day,
none is overwritten by another command, and contact show lists them
newest first (contact edit --note adds one too). The words after REF are
the note; quote it or not. --on dates a note written later than the day
it is about.`,
		Example: `  kith note ana "her firm is opening a Lisbon office"
  kith note bo starts at Globex in May --on yesterday
  kith contact note ana asked about the zoning bid`,
		Args:              minArgs(2, "a contact REF and the note's TEXT"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref, opts.text = args[0], strings.Join(args[1:], " ")
			return runNote(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.on, "on", "today", "the day the note is about: YYYY-MM-DD, yesterday, a weekday, -3d ...")
	return cmd
}

// runNote adds the note and says whose it is.
func runNote(ctx context.Context, opts *noteOptions) error {
	f := opts.f
	on, err := f.parseDateFlag("on", opts.on, dates.Past)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	n, err := db.AddNote(ctx, opts.ref, on, opts.text)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, n)
	}
	return say(f, "Noted for #%d %s on %s (note #%d)", n.Contact.ID, n.Contact.Name, n.On, n.ID)
}

// noteLines shows a contact's notes newest first, a line each,
// "2026-03-09  asked about the bid": the dated notes, and the notes the
// contact came with on the day they were added (before a note of the
// same day, which came later). A note's own lines continue under it.
func noteLines(v contactView) string {
	var lines []string
	add := func(day, text string) {
		indent := strings.Repeat(" ", len(day)+2)
		lines = append(lines, day+"  "+strings.ReplaceAll(text, "\n", "\n"+indent))
	}
	added := v.CreatedAt.Format("2006-01-02")
	own := v.Contact.Notes != ""
	for _, n := range v.DatedNotes {
		if own && n.On.String() < added {
			add(added, v.Contact.Notes)
			own = false
		}
		add(n.On.String(), n.Text)
	}
	if own {
		add(added, v.Contact.Notes)
	}
	return strings.Join(lines, "\n")
}
