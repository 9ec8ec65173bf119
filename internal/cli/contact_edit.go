package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
)

// contactEditOptions is what contact edit runs with: the REF, and the
// fields to change, of which only the flags given apply.
type contactEditOptions struct {
	f                    *Factory
	ref                  string
	yes                  bool // rename onto another contact's name without asking
	fields               contactFields
	name, advocacy       string
	nameSet, advocacySet bool
	addTags, rmTags      []string
	rmAnniversaries      []string
}

func newContactEditCmd(f *Factory) *cobra.Command {
	opts := &contactEditOptions{f: f}
	cmd := &cobra.Command{
		Use:   "edit REF",
		Short: "Change a contact's fields",
		Long: `Change only the fields whose flags you pass. --email, --phone and --tag
replace the whole list; --add-tag and --rm-tag change one tag. Moving
--stage records the move in the funnel's history. --advocacy overrides
the level kith derives from introductions; --advocacy auto returns to it.
Pass an empty value (--company "") to clear a field. --note adds a dated
note, as kith note does: notes are never replaced. A new --idea becomes
a follow-up as it does on contact add, unless one saying the same is open.
A --name another contact has is asked about on a terminal and refused in
a script unless --yes (kith contact merge makes two records of one person
one). --anniversary LABEL:DATE adds a date that matters (or changes the
date of that label); --rm-anniversary LABEL removes one. Birthdays and
anniversaries of the coming week show in 'kith today' and 'kith calendar'.`,
		Example: `  kith contact edit ana --stage lead
  kith contact edit ana --add-tag bni --rm-tag golf
  kith contact edit ana --birthday 03-14 --anniversary work:2021-06-01
  kith contact edit 12 --name "Ana Lima-Souza" --email ana@new.law --email ana@home.net`,
		Args:              exactArgs(1, "one contact REF (id, email or name)"),
		ValidArgsFunction: argsUpTo(1, completeContacts(f)),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if fs.NFlag() == 0 || fs.NFlag() == 1 && f.flags.json && fs.Changed("json") {
				return usageErrorf("nothing to change: pass at least one field flag; run 'kith contact edit --help' for them")
			}
			opts.ref = args[0]
			opts.nameSet, opts.advocacySet = fs.Changed("name"), fs.Changed("advocacy")
			return runContactEdit(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	opts.fields.bind(fs)
	fs.StringVar(&opts.name, "name", "", "new name")
	fs.BoolVar(&opts.yes, "yes", false, "with --name: rename even onto another contact's name, without asking")
	fs.StringVar(&opts.advocacy, "advocacy", "", "none, advocate or raving_fan; auto to derive it from introductions")
	fs.StringArrayVar(&opts.addTags, "add-tag", nil, "add a tag (repeatable)")
	fs.StringArrayVar(&opts.rmTags, "rm-tag", nil, "remove a tag (repeatable)")
	fs.StringArrayVar(&opts.rmAnniversaries, "rm-anniversary", nil, "remove the anniversary with this LABEL (repeatable)")
	registerContactFlagCompletions(cmd)
	_ = cmd.RegisterFlagCompletionFunc("advocacy", fixedCompletions(append([]string{"auto"}, enumNames(kith.Advocacies)...)...))
	return cmd
}

// runContactEdit changes the contact, with a follow-up for a new card idea.
func runContactEdit(ctx context.Context, opts *contactEditOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	target, err := db.ResolveContact(ctx, opts.ref)
	if err != nil {
		return err
	}
	if opts.nameSet && !opts.yes {
		same, err := db.Namesakes(ctx, kith.Contact{Name: opts.name}, target.ID, true)
		if err != nil {
			return err
		}
		hint := "--yes renames them all the same"
		if len(same) > 0 {
			hint += fmt.Sprintf(", or kith contact merge %d %d if they are one person", same[0].ID, target.ID)
		}
		if ok, err := f.confirmNamesakes(ctx, same, "change", hint, fmt.Sprintf("Rename #%d all the same?", target.ID)); err != nil || !ok {
			return err
		}
	}
	cardDays := 0
	if opts.fields.given("idea") {
		if cardDays, err = f.cardDays(); err != nil {
			return err
		}
	}
	var notes []string
	if opts.fields.given("note") {
		notes = []string{opts.fields.note}
	}
	edit, err := db.EditContactWithCard(ctx, target.ID, opts.change, cardDays, notes...)
	if err != nil {
		return err
	}
	updated := edit.Contact
	if opts.fields.given("email") {
		if err := f.warnSharedEmails(ctx, db, updated.ID); err != nil {
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
}

// change applies the flags given to the stored contact c.
func (opts *contactEditOptions) change(c *kith.Contact) error {
	if opts.nameSet {
		c.Name = opts.name
	}
	if err := opts.fields.apply(c); err != nil {
		return err
	}
	c.Tags = append(c.Tags, opts.addTags...)
	c.Tags = removeFold(c.Tags, opts.rmTags)
	for _, label := range opts.rmAnniversaries {
		c.Anniversaries = slices.DeleteFunc(c.Anniversaries, func(a string) bool {
			return kith.SameAnniversary(a, label+":")
		})
	}
	if opts.advocacySet {
		return setAdvocacy(c, opts.advocacy)
	}
	return nil
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
	if kith.EnumKey(v) == "auto" {
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
