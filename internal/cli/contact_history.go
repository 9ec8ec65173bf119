package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// contactFilter resolves a list command's --contact REF to an id; no REF
// is 0, which filters nothing.
func contactFilter(ctx context.Context, db *store.DB, ref string) (int64, error) {
	if ref == "" {
		return 0, nil
	}
	c, err := db.ResolveContact(ctx, ref)
	return c.ID, err
}

// historyOf opens the database and reads the contact ref names with their
// history.
func (f *Factory) historyOf(ctx context.Context, ref string) (*store.DB, kith.Contact, store.History, error) {
	db, err := f.Store(ctx)
	if err != nil {
		return nil, kith.Contact{}, store.History{}, err
	}
	c, h, err := db.ContactHistory(ctx, ref)
	return db, c, h, err
}

// historyShown caps the coffees and introductions contact show lists; the
// list commands show the rest.
const historyShown = 10

// contactView is contact show's JSON: the contact with the evidence for
// their advocacy, the give-and-take balance and their history.
type contactView struct {
	kith.Contact
	AdvocacyEvidence *kith.Introduction `json:"advocacy_evidence"`
	DerivedAdvocacy  kith.Advocacy      `json:"derived_advocacy"`
	// AdvocacySince is the day they reached their advocacy: the made day
	// of the introduction that put them there (null when none did, or the
	// level is one the user set that the introductions do not give).
	AdvocacySince *dates.Date  `json:"advocacy_since"`
	Balance       kith.Balance `json:"balance"`
	store.History
	today dates.Date // for when birthdays come round
}

func newContactView(c kith.Contact, h store.History, today dates.Date) contactView {
	derived, evidence := kith.DeriveAdvocacy(c.ID, h.Introductions)
	v := contactView{Contact: c, AdvocacyEvidence: evidence, DerivedAdvocacy: derived,
		Balance: kith.BalanceOf(c.ID, h.Introductions), History: h, today: today}
	if evidence != nil && derived == c.Advocacy {
		v.AdvocacySince = evidence.MadeOn
	}
	return v
}

// fields lays the contact and their history out for the record view.
func (v contactView) fields() []render.Field {
	fields := contactFieldsView(v.Contact, v.today)
	for i := range fields {
		switch fields[i].Label {
		case "Advocacy":
			fields[i].Value = v.advocacyLine()
		case "Notes":
			fields[i].Value = noteLines(v)
		}
	}
	archived := ""
	if v.ArchivedOn != nil {
		archived = fmt.Sprintf("%s (hidden from lists and due; kith contact unarchive %d brings them back)", v.ArchivedOn, v.ID)
	}
	return append(fields,
		render.Field{Label: "Archived", Value: archived},
		render.Field{Label: "Give/receive", Value: v.balanceLine()},
		render.Field{Label: "Coffees", Value: v.coffeeLines()},
		render.Field{Label: "Introductions", Value: v.introLines()},
	)
}

// advocacyLine says the level and which evidence put them there.
func (v contactView) advocacyLine() string {
	because := "no introduction made yet"
	if v.Balance.PromisedToYou > 0 {
		because += fmt.Sprintf(", %s promised", plural(v.Balance.PromisedToYou, "introduction"))
	}
	if e := v.AdvocacyEvidence; e != nil {
		how := "when asked"
		if !e.Asked {
			how = "without being asked"
		}
		because = fmt.Sprintf("introduction #%d, made %s on %s: %s", e.ID, how, e.MadeOn, introSentence(*e))
	}
	if v.AdvocacySet {
		return fmt.Sprintf("%s (set by you; the introductions say %s: %s)", v.Advocacy, v.DerivedAdvocacy, because)
	}
	return fmt.Sprintf("%s (%s)", v.Advocacy, because)
}

func (v contactView) balanceLine() string {
	b := v.Balance
	if b == (kith.Balance{}) {
		return ""
	}
	line := fmt.Sprintf("you gave %d, received %d", b.Given, b.Received)
	var open []string
	if b.PromisedByYou > 0 {
		open = append(open, fmt.Sprintf("%d promised by you", b.PromisedByYou))
	}
	if b.PromisedToYou > 0 {
		open = append(open, fmt.Sprintf("%d promised to you", b.PromisedToYou))
	}
	if len(open) > 0 {
		line += " (" + strings.Join(open, ", ") + ")"
	}
	return line
}

func (v contactView) coffeeLines() string {
	var lines []string
	for i, c := range v.Coffees {
		if i == historyShown {
			lines = append(lines, fmt.Sprintf("… %d more: kith coffee list --contact %d", len(v.Coffees)-i, v.ID))
			break
		}
		line := c.On.String() + " " + string(c.Kind)
		if label := c.Status.Label(); label != "" {
			line += " (" + label + ")"
		}
		if c.Place != "" {
			line += " at " + c.Place
		}
		if c.Topic != "" {
			line += ": " + c.Topic
		}
		var others []kith.ContactRef
		for _, o := range c.Contacts {
			if o.ID != v.ID {
				others = append(others, o)
			}
		}
		if len(others) > 0 {
			line += " (with " + contactNames(others) + ")"
		}
		lines = append(lines, render.Cell(line))
	}
	return strings.Join(lines, "\n")
}

func (v contactView) introLines() string {
	var lines []string
	for i, in := range v.Introductions {
		if i == historyShown {
			lines = append(lines, fmt.Sprintf("… %d more: kith intro list --contact %d", len(v.Introductions)-i, v.ID))
			break
		}
		line := fmt.Sprintf("#%d %s %s (%s)", in.ID, in.On, introSentence(in), introTraits(in))
		if in.Value != nil {
			line += ", value " + formatValue(in.Value)
		}
		lines = append(lines, render.Cell(line))
	}
	return strings.Join(lines, "\n")
}

// plural writes a count with its noun, adding s when it is not one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
