package cli

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

func newContactCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("contact", "Add, find, change and remove the people you know",
		newContactAddCmd(f),
		newContactListCmd(f),
		newContactShowCmd(f),
		newContactEditCmd(f),
		newContactRmCmd(f),
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
	emails, phones, tags              []string
	company, title, category, stage   string
	metAt, topic, idea, cadence, note string
	linkedIn, birthday                string
}

func (cf *contactFields) bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&cf.emails, "email", nil, "email address (repeatable; the first is primary)")
	fs.StringArrayVar(&cf.phones, "phone", nil, "phone number (repeatable)")
	fs.StringArrayVar(&cf.tags, "tag", nil, "tag (repeatable)")
	fs.StringVar(&cf.company, "company", "", "company they work for")
	fs.StringVar(&cf.title, "title", "", "job title")
	fs.StringVar(&cf.category, "category", "", "napkin category, e.g. lawyer, contractor, past client")
	fs.StringVar(&cf.stage, "stage", "", "funnel stage: halo, lead, client or past_client")
	fs.StringVar(&cf.metAt, "met-at", "", "card note: where you met")
	fs.StringVar(&cf.topic, "topic", "", "card note: an interesting topic from the conversation")
	fs.StringVar(&cf.idea, "idea", "", "card note: a follow-up idea")
	fs.StringVar(&cf.cadence, "cadence", "", "stay in touch this often, e.g. 30d, 2w, 3m (none to clear)")
	fs.StringVar(&cf.note, "note", "", "free notes")
	fs.StringVar(&cf.linkedIn, "linkedin", "", "LinkedIn profile URL")
	fs.StringVar(&cf.birthday, "birthday", "", "birthday, YYYY-MM-DD or --MM-DD")
}

// apply copies the flags that were set onto c.
func (cf *contactFields) apply(fs *pflag.FlagSet, c *kith.Contact) error {
	set := func(name string, dst *string, v string) {
		if fs.Changed(name) {
			*dst = v
		}
	}
	set("company", &c.Company, cf.company)
	set("title", &c.Title, cf.title)
	set("category", &c.Category, cf.category)
	set("met-at", &c.MetAt, cf.metAt)
	set("topic", &c.Topic, cf.topic)
	set("idea", &c.Idea, cf.idea)
	set("note", &c.Notes, cf.note)
	set("linkedin", &c.LinkedInURL, cf.linkedIn)
	set("birthday", &c.Birthday, cf.birthday)
	if fs.Changed("email") {
		c.Emails = cf.emails
	}
	if fs.Changed("phone") {
		c.Phones = cf.phones
	}
	if fs.Changed("tag") {
		c.Tags = cf.tags
	}
	if fs.Changed("stage") {
		st, err := kith.ParseStage(cf.stage)
		if err != nil {
			return err
		}
		c.Stage = st
	}
	if fs.Changed("cadence") {
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

func newContactAddCmd(f *Factory) *cobra.Command {
	var cf contactFields
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a contact",
		Long: `Add a person you know, with the three notes from the back of their card:
where you met (--met-at), an interesting topic (--topic) and a follow-up
idea (--idea). The idea becomes a follow-up, due in two days (config
followup.card_days).`,
		Example: `  kith contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer
  kith contact add "Bo Chen" --met-at "Small Biz Mixer" --topic "has a newborn" --idea "send seminar invite"
  kith contact add "Cy Diaz" --tag bni --tag golf --cadence 30d --stage lead`,
		Args:              exactArgs(1, "one NAME (quote names with spaces)"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			c := kith.Contact{Name: args[0], Source: "manual"}
			if err := cf.apply(cmd.Flags(), &c); err != nil {
				return err
			}
			cardDays := 0
			if strings.TrimSpace(c.Idea) != "" {
				var err error
				if cardDays, err = f.cardDays(); err != nil {
					return err
				}
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			added, card, err := db.AddContactWithCard(cmd.Context(), c, cardDays)
			if err != nil {
				return err
			}
			if err := f.warnSharedEmails(cmd.Context(), db, added.ID); err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, added)
			}
			if _, err := fmt.Fprintf(f.Out, "Added #%d %s\n", added.ID, render.Cell(added.Name)); err != nil || card == nil {
				return err
			}
			return printCardFollowup(f, *card, false)
		},
	}
	cf.bind(cmd.Flags())
	registerContactFlagCompletions(cmd)
	return cmd
}

// contactFilterFlags are the filters contact list and contact export share,
// so the two pick the same contacts from the same flags.
type contactFilterFlags struct {
	filter store.ContactFilter
	stage  string
}

func (o *contactFilterFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.filter.Category, "category", "", "only this napkin category")
	fs.StringVar(&o.filter.Tag, "tag", "", "only contacts with this tag")
	fs.StringVar(&o.stage, "stage", "", "only this funnel stage: halo, lead, client or past_client")
	fs.StringVar(&o.filter.Search, "search", "", "only contacts whose name, company, title, email or notes contain TEXT")
	fs.IntVar(&o.filter.Limit, "limit", 0, "at most N contacts (0: all)")
}

// contactFilter checks the flags' values and returns the filter they make.
func (o *contactFilterFlags) contactFilter() (store.ContactFilter, error) {
	filter := o.filter
	if o.stage != "" {
		st, err := kith.ParseStage(o.stage)
		if err != nil {
			return filter, err
		}
		filter.Stage = st
	}
	if filter.Limit < 0 {
		return filter, kith.Errorf(kith.Invalid, "--limit must be 0 (no limit) or more, got %d", filter.Limit)
	}
	return filter, nil
}

func newContactListCmd(f *Factory) *cobra.Command {
	var filters contactFilterFlags
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List contacts, optionally filtered",
		Long: `List contacts by name. Filters combine: --category lawyer --tag bni lists the
lawyers tagged bni. Piped, each contact is one tab-separated line:
ID NAME COMPANY CATEGORY STAGE EMAIL PHONE LAST_CONTACT.`,
		Example: `  kith contact list --category lawyer
  kith contact list --search acme --limit 5
  kith contact list --stage lead --json | jq '.[].email'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			filter, err := filters.contactFilter()
			if err != nil {
				return err
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			contacts, err := db.ListContacts(cmd.Context(), filter)
			if err != nil {
				return err
			}
			rows := make([][]string, len(contacts))
			for i, c := range contacts {
				rows[i] = []string{strconv.FormatInt(c.ID, 10), c.Name, c.Company, c.Category, string(c.Stage), c.Email, c.Phone, dateOrEmpty(c.LastContact)}
			}
			return render.List(f.Out, f.Mode(), []string{"ID", "Name", "Company", "Category", "Stage", "Email", "Phone", "Last contact"}, rows, contacts)
		},
	}
	filters.bind(cmd.Flags())
	registerContactFlagCompletions(cmd)
	return cmd
}

func newContactShowCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "show REF",
		Short: "Show everything about one contact",
		Long: `Show one contact with their history: coffees, introductions both ways,
the balance of what you gave and received, and which introduction made
them an advocate or raving fan. REF is an id, an email, a name (any case)
or the unique start of a name.`,
		Example: `  kith contact show ana
  kith contact show ana@lima.law --json`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, c, h, err := f.historyOf(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			v := newContactView(c, h)
			return render.Record(f.Out, f.Mode(), v.fields(), v)
		},
	}
}

// contactFieldsView lays a contact out for the record view.
func contactFieldsView(c kith.Contact) []render.Field {
	advocacy := string(c.Advocacy)
	if c.AdvocacySet {
		advocacy += " (set by you)"
	}
	cadence := ""
	if c.CadenceDays != nil {
		cadence = fmt.Sprintf("every %d days", *c.CadenceDays)
	}
	return []render.Field{
		{Label: "ID", Value: strconv.FormatInt(c.ID, 10)},
		{Label: "Name", Value: c.Name},
		{Label: "Emails", Value: strings.Join(c.Emails, ", ")},
		{Label: "Phones", Value: strings.Join(c.Phones, ", ")},
		{Label: "Company", Value: c.Company},
		{Label: "Title", Value: c.Title},
		{Label: "Category", Value: c.Category},
		{Label: "Tags", Value: strings.Join(c.Tags, ", ")},
		{Label: "Stage", Value: string(c.Stage)},
		{Label: "Advocacy", Value: advocacy},
		{Label: "Met at", Value: c.MetAt},
		{Label: "Topic", Value: c.Topic},
		{Label: "Idea", Value: c.Idea},
		{Label: "Cadence", Value: cadence},
		{Label: "Last contact", Value: dateOrEmpty(c.LastContact)},
		{Label: "LinkedIn", Value: c.LinkedInURL},
		{Label: "Birthday", Value: c.Birthday},
		{Label: "Notes", Value: c.Notes},
		{Label: "Added", Value: c.CreatedAt.In(c.CreatedAt.Location()).Format("2006-01-02")},
	}
}

func newContactEditCmd(f *Factory) *cobra.Command {
	var cf contactFields
	var name, advocacy string
	var addTags, rmTags []string
	cmd := &cobra.Command{
		Use:   "edit REF",
		Short: "Change a contact's fields",
		Long: `Change only the fields whose flags you pass. --email, --phone and --tag
replace the whole list; --add-tag and --rm-tag change one tag. Moving
--stage records the move in the funnel's history. --advocacy overrides
the level kith derives from introductions; --advocacy auto returns to it.
Pass an empty value (--company "") to clear a field. A new --idea becomes
a follow-up as it does on contact add, unless one saying the same is open.`,
		Example: `  kith contact edit ana --stage lead
  kith contact edit ana --add-tag bni --rm-tag golf
  kith contact edit 12 --name "Ana Lima-Souza" --email ana@new.law --email ana@home.net`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if fs.NFlag() == 0 || fs.NFlag() == 1 && f.flags.json && fs.Changed("json") {
				return usageErrorf("nothing to change: pass at least one field flag; run 'kith contact edit --help' for them")
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			target, err := db.ResolveContact(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			cardDays := 0
			if fs.Changed("idea") {
				if cardDays, err = f.cardDays(); err != nil {
					return err
				}
			}
			edit, err := db.EditContactWithCard(cmd.Context(), target.ID, func(c *kith.Contact) error {
				if fs.Changed("name") {
					c.Name = name
				}
				if err := cf.apply(fs, c); err != nil {
					return err
				}
				c.Tags = append(c.Tags, addTags...)
				c.Tags = removeFold(c.Tags, rmTags)
				if fs.Changed("advocacy") {
					return setAdvocacy(c, advocacy)
				}
				return nil
			}, cardDays)
			if err != nil {
				return err
			}
			updated := edit.Contact
			if fs.Changed("email") {
				if err := f.warnSharedEmails(cmd.Context(), db, updated.ID); err != nil {
					return err
				}
			}
			if f.flags.json {
				return renderJSON(f, updated)
			}
			if _, err := fmt.Fprintf(f.Out, "Updated #%d %s\n", updated.ID, render.Cell(updated.Name)); err != nil || edit.Card == nil {
				return err
			}
			return printCardFollowup(f, *edit.Card, edit.AlreadyOpen)
		},
	}
	fs := cmd.Flags()
	cf.bind(fs)
	fs.StringVar(&name, "name", "", "new name")
	fs.StringVar(&advocacy, "advocacy", "", "none, advocate or raving_fan; auto to derive it from introductions")
	fs.StringArrayVar(&addTags, "add-tag", nil, "add a tag (repeatable)")
	fs.StringArrayVar(&rmTags, "rm-tag", nil, "remove a tag (repeatable)")
	registerContactFlagCompletions(cmd)
	_ = cmd.RegisterFlagCompletionFunc("advocacy", fixedCompletions("auto", "none", "advocate", "raving_fan"))
	return cmd
}

// warnSharedEmails warns, on stderr, when the contact now shares an email
// with another one. The contact is still saved: two people can share an
// address (a couple, an office@), and a script adding contacts should not
// stop on it. But the email stops naming one contact as a REF, so the
// warning says so and points at merge for a duplicate.
func (f *Factory) warnSharedEmails(ctx context.Context, db *store.DB, id int64) error {
	shared, err := db.SharedEmails(ctx, id)
	if err != nil {
		return err
	}
	var order []string
	others := map[string][]string{}
	for _, s := range shared {
		if others[s.Email] == nil {
			order = append(order, s.Email)
		}
		others[s.Email] = append(others[s.Email], fmt.Sprintf("#%d %s", s.ContactID, render.Cell(s.Name)))
	}
	for _, email := range order {
		if _, err := fmt.Fprintf(f.ErrOut, "kith: warning: %s is also the email of %s, so it no longer names one contact; use the id as REF, or kith contact merge if they are the same person\n",
			render.Cell(email), strings.Join(others[email], " and ")); err != nil {
			return err
		}
	}
	return nil
}

// setAdvocacy applies --advocacy: a level overrides, auto derives again.
func setAdvocacy(c *kith.Contact, v string) error {
	if strings.EqualFold(strings.TrimSpace(v), "auto") {
		c.AdvocacySet = false
		return nil
	}
	a, err := kith.ParseAdvocacy(v)
	if err != nil {
		return kith.Errorf(kith.Invalid, "unknown advocacy %q", v).WithHint("use none, advocate, raving_fan, or auto")
	}
	c.Advocacy, c.AdvocacySet = a, true
	return nil
}

// removeFold drops from list every value in drop, comparing case-insensitively.
func removeFold(list, drop []string) []string {
	if len(drop) == 0 {
		return list
	}
	gone := map[string]bool{}
	for _, d := range drop {
		gone[kith.Fold(d)] = true
	}
	out := list[:0]
	for _, v := range list {
		if !gone[kith.Fold(v)] {
			out = append(out, v)
		}
	}
	return out
}

func newContactRmCmd(f *Factory) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "rm REF",
		Aliases: []string{"remove"},
		Short:   "Remove a contact and everything that is only theirs",
		Long: `Remove a contact with their follow-ups, introductions and the coffees no one
else attended. On a terminal kith asks first; scripts must pass --yes.`,
		Example: `  kith contact rm "Ana Lima"
  kith contact rm 12 --yes`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !yes && !f.InTTY {
				return usageErrorf("refusing to remove without confirmation: stdin is not a terminal; pass --yes")
			}
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			c, err := db.ResolveContact(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if !yes {
				ok, err := confirm(f, fmt.Sprintf("Remove #%d %s and their follow-ups, introductions and coffees? [y/N] ", c.ID, render.Cell(c.Name)))
				if err != nil || !ok {
					if err == nil {
						fmt.Fprintln(f.ErrOut, "Nothing removed.")
					}
					return err
				}
			}
			if err := db.RemoveContact(cmd.Context(), c.ID); err != nil {
				return err
			}
			if f.flags.json {
				return renderJSON(f, map[string]any{"removed": c.ID, "name": c.Name})
			}
			_, err = fmt.Fprintf(f.Out, "Removed #%d %s\n", c.ID, render.Cell(c.Name))
			return err
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "remove without asking")
	return cmd
}

// confirm asks a yes/no question on the terminal; anything but y or yes is no.
func confirm(f *Factory, question string) (bool, error) {
	fmt.Fprint(f.ErrOut, question)
	line, err := bufio.NewReader(f.In).ReadString('\n')
	if err != nil && line == "" {
		return false, nil
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
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
