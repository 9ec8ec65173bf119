package app

import (
	"context"
	"errors"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// The kinds of record kith search finds, in the order it lists them.
const (
	HitContact      = "contact"
	HitCoffee       = "coffee"
	HitIntroduction = "introduction"
	HitFollowup     = "followup"
)

// SearchHit is one record a search found.
type SearchHit struct {
	Kind string `json:"kind"` // contact, coffee, introduction or followup
	ID   int64  `json:"id"`
	// Date is the coffee's day, the introduction's, the follow-up's due
	// day; contacts have none.
	Date string `json:"date,omitempty"`
	// Title names the record: the contact, the people at the coffee, who
	// introduced whom, whose follow-up.
	Title string `json:"title"`
	// Detail says more: a contact's company, a coffee's kind, an
	// introduction's kind and status, a follow-up's status.
	Detail string `json:"detail"`
	// Field is where the words were found (name, company, emails, tags,
	// met_at, topic, idea, notes, place, people, text), Text what it holds.
	Field string `json:"field"`
	Text  string `json:"text"`
}

// field is one searched field of a record, by the name SearchHit.Field
// gives it.
type field struct{ name, text string }

// Search finds the records holding every word of text, without regard to
// case or accents (kith.SearchWords), and calls fn with each as it is
// read: contacts, then coffees, introductions and follow-ups, at most
// limit of each kind (0: all). Best first within a kind: whole words
// before words they begin and, for contacts, a match in the name before
// one elsewhere; then newest first. Text without a letter or digit finds
// nothing.
func Search(ctx context.Context, db *store.DB, text string, limit int, fn func(SearchHit) error) error {
	words := kith.SearchWords(text)
	if len(words) == 0 {
		return nil
	}
	whole, begun := store.Match{Words: words}, store.Match{Words: words, Prefix: true}
	inName, begunInName := whole, begun
	inName.NameOnly, begunInName.NameOnly = true, true
	// A search with no limit may read much of the database: through the
	// page cache, as the lists do, not the memory map.
	return db.Scan(ctx, "search", func(tx *store.Tx) error {
		err := findHits([]store.Match{inName, whole, begunInName, begun}, limit, tx.SearchContacts,
			func(c kith.Contact) int64 { return c.ID }, func(c kith.Contact) error {
				notes, err := tx.Notes(c.ID)
				if err != nil {
					return err
				}
				return fn(contactHit(c, notes, words))
			})
		if err != nil {
			return err
		}
		err = findHits([]store.Match{whole, begun}, limit, tx.SearchCoffees,
			func(c kith.Coffee) int64 { return c.ID }, func(c kith.Coffee) error { return fn(coffeeHit(c, words)) })
		if err != nil {
			return err
		}
		err = findHits([]store.Match{whole, begun}, limit, tx.SearchIntroductions,
			func(in kith.Introduction) int64 { return in.ID }, func(in kith.Introduction) error { return fn(introHit(in, words)) })
		if err != nil {
			return err
		}
		return findHits([]store.Match{whole, begun}, limit, tx.SearchFollowups,
			func(f kith.Followup) int64 { return f.ID }, func(f kith.Followup) error { return fn(followupHit(f)) })
	})
}

// errEnough stops a match that has found as many records as were asked
// for.
var errEnough = errors.New("enough records")

// findHits runs the matches in order, passing to hit each record found
// that an earlier one did not, until limit records are found (0: all of
// them). Each match asks for limit records: those an earlier one found may
// come first, and there are fewer than limit of them.
func findHits[T any](tiers []store.Match, limit int, find func(store.Match, int, func(T) error) error,
	id func(T) int64, hit func(T) error) error {
	seen := map[int64]bool{}
	for _, m := range tiers {
		err := find(m, limit, func(r T) error {
			if seen[id(r)] {
				return nil
			}
			seen[id(r)] = true
			if err := hit(r); err != nil {
				return err
			}
			if limit > 0 && len(seen) == limit {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// contactHit describes a contact found, with the first field that holds a
// word searched for; each of their dated notes is one of their notes.
func contactHit(c kith.Contact, notes []kith.Note, words []string) SearchHit {
	h := SearchHit{Kind: HitContact, ID: c.ID, Title: c.Name, Detail: c.Company}
	fields := []field{{"name", c.Name}, {"company", c.Company}, {"title", c.Title}, {"category", c.Category},
		{"emails", strings.Join(c.Emails, ", ")}, {"tags", strings.Join(c.Tags, ", ")},
		{"met_at", c.MetAt}, {"topic", c.Topic}, {"idea", c.Idea}, {"notes", c.Notes}}
	for _, n := range notes {
		fields = append(fields, field{"notes", n.Text})
	}
	h.Field, h.Text = foundIn(words, fields...)
	return h
}

// coffeeHit describes a coffee found.
func coffeeHit(c kith.Coffee, words []string) SearchHit {
	names := make([]string, len(c.Contacts))
	for i, p := range c.Contacts {
		names[i] = p.Name
	}
	h := SearchHit{Kind: HitCoffee, ID: c.ID, Date: c.On.String(), Title: strings.Join(names, ", "), Detail: string(c.Kind)}
	h.Field, h.Text = foundIn(words, field{"place", c.Place}, field{"topic", c.Topic}, field{"notes", c.Notes})
	return h
}

// followupHit describes a follow-up found.
func followupHit(f kith.Followup) SearchHit {
	return SearchHit{Kind: HitFollowup, ID: f.ID, Date: f.Due.String(), Title: f.Contact, Detail: f.Status(), Field: "text", Text: f.Text}
}

// introHit describes an introduction found.
func introHit(in kith.Introduction, words []string) SearchHit {
	people := in.From.Name + " → " + in.To.Name
	h := SearchHit{Kind: HitIntroduction, ID: in.ID, Date: in.On.String(), Title: people,
		Detail: string(in.Kind) + ", " + string(in.Status)}
	h.Field, h.Text = foundIn(words, field{"people", people}, field{"notes", in.Notes})
	return h
}

// foundIn returns the field holding the most of the words searched for,
// the first of those that hold as many.
func foundIn(words []string, fields ...field) (string, string) {
	best, most := fields[0], 0
	for _, f := range fields {
		if n := kith.WordsFound(f.text, words); n > most {
			best, most = f, n
		}
	}
	return best.name, best.text
}
