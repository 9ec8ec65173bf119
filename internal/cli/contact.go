package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

func newContactCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("contact", "Add, find, change and remove the people you know",
		newContactAddCmd(f),
		newContactListCmd(f),
		newContactShowCmd(f),
		newContactEditCmd(f),
		newNoteCmd(f),
		newContactRmCmd(f),
		newContactArchivedCmd(f),
		newContactUnarchiveCmd(f),
		newContactImportCmd(f),
		newContactExportCmd(f),
		newContactDupesCmd(f),
		newContactMergeCmd(f),
	)
	cmd.Long = `The people you know are the napkin: everyone who could lead you to a
client, each with a category (the kind of person they are), a funnel stage
and the notes from when you met. Other commands name a contact by REF: its
id, an email, or its name or a unique name prefix in any case.`
	cmd.Example = `  kith contact add "Ana Lima" --company "Lima Law" --category lawyer
  kith contact list --stage lead
  kith contact show ana`
	return cmd
}

// contactFields are the flags add and edit share. Only flags the user
// actually passed are applied, so edit changes nothing else.
type contactFields struct {
	emails, phones, tags, anniversaries []string
	company, title, category, stage     string
	metAt, topic, idea, cadence, note   string
	linkedIn, birthday                  string
	// given tells whether the user passed a flag, once they are parsed
	given func(flag string) bool
}

func (cf *contactFields) bind(fs *pflag.FlagSet) {
	cf.given = fs.Changed
	fs.StringArrayVar(&cf.emails, "email", nil, "email address (repeatable; the first is primary)")
	fs.StringArrayVar(&cf.phones, "phone", nil, "phone number (repeatable)")
	fs.StringArrayVar(&cf.tags, "tag", nil, "tag (repeatable)")
	fs.StringVar(&cf.company, "company", "", "company they work for")
	fs.StringVar(&cf.title, "title", "", "job title")
	fs.StringVar(&cf.category, "category", "", "napkin category, e.g. lawyer, contractor, past client")
	fs.StringVar(&cf.stage, "stage", "", "funnel stage: halo, lead, client or past_client (\"past client\" too)")
	fs.StringVar(&cf.metAt, "met-at", "", "card note: where you met")
	fs.StringVar(&cf.topic, "topic", "", "card note: an interesting topic from the conversation")
	fs.StringVar(&cf.idea, "idea", "", "card note: a follow-up idea")
	fs.StringVar(&cf.cadence, "cadence", "", "stay in touch this often, e.g. 30d, 2w, 3m (none to clear)")
	fs.StringVar(&cf.note, "note", "", "a note about them (edit adds it to their dated notes; none is replaced)")
	fs.StringVar(&cf.linkedIn, "linkedin", "", "LinkedIn profile URL")
	fs.StringVar(&cf.birthday, "birthday", "", "birthday: YYYY-MM-DD, or MM-DD without the year")
	fs.StringArrayVar(&cf.anniversaries, "anniversary", nil, "a date that matters, LABEL:DATE such as work:2021-06-01 (repeatable; a label given again changes its date)")
}

// apply copies the flags that were set onto c.
func (cf *contactFields) apply(c *kith.Contact) error {
	set := func(name string, dst *string, v string) {
		if cf.given(name) {
			*dst = v
		}
	}
	set("company", &c.Company, cf.company)
	set("title", &c.Title, cf.title)
	set("category", &c.Category, cf.category)
	set("met-at", &c.MetAt, cf.metAt)
	set("topic", &c.Topic, cf.topic)
	set("idea", &c.Idea, cf.idea)
	set("linkedin", &c.LinkedInURL, cf.linkedIn)
	set("birthday", &c.Birthday, cf.birthday)
	if cf.given("email") {
		c.Emails = cf.emails
	}
	if cf.given("phone") {
		c.Phones = cf.phones
	}
	if cf.given("tag") {
		c.Tags = cf.tags
	}
	if cf.given("anniversary") {
		// added to those there; Normalize keeps the last date of a label
		c.Anniversaries = append(c.Anniversaries, cf.anniversaries...)
	}
	if cf.given("stage") {
		st, err := kith.ParseStage(cf.stage)
		if err != nil {
			return err
		}
		c.Stage = st
	}
	if cf.given("cadence") {
		days, err := parseCadence(cf.cadence)
		if err != nil {
			return err
		}
		c.CadenceDays = days
	}
	return nil
}

// parseCadence reads a stay-in-touch interval; "none" or "" clears it.
func parseCadence(s string) (*int, error) {
	days, ok := cadenceDays(s)
	if !ok {
		return nil, kith.Errorf(kith.Invalid, "bad --cadence %q", s).WithHint("use a positive length such as 30d, 2w or 3m")
	}
	if days == 0 {
		return nil, nil
	}
	return &days, nil
}

// cadenceDays reads a stay-in-touch interval, a positive length such as
// 30d, 2w or 3m, as days; "none" or "" is no cadence (0). ok is false for
// anything else. The --cadence flag and the config's cadences share it.
func cadenceDays(s string) (days int, ok bool) {
	if s == "" || strings.EqualFold(s, "none") {
		return 0, true
	}
	span, err := dates.ParseSpan(s)
	if err != nil || span.N <= 0 {
		return 0, false
	}
	return span.Days(), true
}

// contactAddOptions is what contact add runs with.
type contactAddOptions struct {
	f      *Factory
	name   string
	fields contactFields
	isNew  bool // add them even when someone has their name, email or phone
}

func newContactAddCmd(f *Factory) *cobra.Command {
	opts := &contactAddOptions{f: f}
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a contact",
		Long: `Add a person you know, with the three notes from the back of their card:
where you met (--met-at), an interesting topic (--topic) and a follow-up
idea (--idea). The idea becomes a follow-up, due in two days (config
followup.card_days).

When someone already has the name (any case), an email or a phone number
given, kith names them and asks before adding a second contact; a script
is refused unless --new says it is someone else (contact edit changes the
one there).`,
		Example: `  kith contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer
  kith contact add "Bo Chen" --met-at "Small Biz Mixer" --topic "has a newborn" --idea "send seminar invite"
  kith contact add "Cy Diaz" --tag bni --tag golf --cadence 30d --stage lead`,
		Args:              exactArgs(1, "one NAME (quote names with spaces)"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = args[0]
			return runContactAdd(cmd.Context(), opts)
		},
	}
	opts.fields.bind(cmd.Flags())
	cmd.Flags().BoolVar(&opts.isNew, "new", false, "add them even when a contact has the same name, email or phone")
	registerContactFlagCompletions(cmd)
	return cmd
}

// runContactAdd adds the contact, with a follow-up for its card's idea.
func runContactAdd(ctx context.Context, opts *contactAddOptions) error {
	f := opts.f
	c := kith.Contact{Name: opts.name, Source: "manual", Notes: opts.fields.note}
	if err := opts.fields.apply(&c); err != nil {
		return err
	}
	cardDays := 0
	if strings.TrimSpace(c.Idea) != "" {
		var err error
		if cardDays, err = f.cardDays(); err != nil {
			return err
		}
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if !opts.isNew {
		same, err := db.Namesakes(ctx, c, 0, false)
		if err != nil {
			return err
		}
		hint := "--new adds them all the same"
		if len(same) > 0 {
			hint += fmt.Sprintf(", or kith contact edit %d changes the one there", same[0].ID)
		}
		if ok, err := f.confirmNamesakes(ctx, same, "add", hint, "Add a new contact all the same?"); err != nil || !ok {
			return err
		}
	}
	added, card, err := db.AddContactWithCard(ctx, c, cardDays)
	if err != nil {
		return err
	}
	if err := f.warnSharedEmails(ctx, db, added.ID); err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, added)
	}
	if _, err := fmt.Fprintf(f.Out, "Added #%d %s\n", added.ID, render.Cell(added.Name)); err != nil || card == nil {
		return err
	}
	return printCardFollowup(f, *card, false)
}

func dateOrEmpty(d *dates.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// renderJSON prints one value as JSON on stdout.
func renderJSON(f *Factory, v any) error {
	return render.JSON(f.Out, v)
}
