package store

import (
	"context"
	"fmt"

	"github.com/kith-crm/kith/internal/kith"
)

// Completion is one shell completion candidate with an optional
// description (shells that can show it print it beside the value).
type Completion struct {
	Value       string
	Description string
}

// completionLimit caps the candidates one TAB returns; a shell cannot show
// more usefully, and completion must stay instant on large databases.
const completionLimit = 200

// ContactNames completes a REF with contact names, each described by its
// company: first the names that start with typed as stored (any case),
// then those with a word that starts with typed's words without regard to
// accents ("lee" offers Hannah Lee, "jur" Jürgen Weber), each part by name.
func (db *DB) ContactNames(ctx context.Context, typed string) ([]Completion, error) {
	var out []Completion
	err := db.read(ctx, "complete contact names", func(tx *Tx) error {
		lo, hi := prefixRange(kith.Fold(typed))
		starting, err := queryAll(tx, scanCompletion, `SELECT id, name, company FROM contacts
			WHERE name_key >= ? AND name_key < ? AND id NOT IN `+archivedIDs+contactOrderPlain+` LIMIT ?`, lo, hi, completionLimit)
		if err != nil {
			return err
		}
		words := kith.SearchWords(typed)
		if len(starting) == completionLimit || len(words) == 0 {
			out = completionsOf(starting)
			return nil
		}
		inside, err := queryAll(tx, scanCompletion, `SELECT c.id, c.name, c.company FROM contact_search s
			JOIN contacts c ON c.id = s.rowid WHERE contact_search MATCH ? AND c.id NOT IN `+archivedIDs+contactOrder+` LIMIT ?`,
			Match{Words: words, Prefix: true, NameOnly: true}.expr(), completionLimit)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, c := range starting {
			seen[c.id] = true
		}
		for _, c := range inside {
			if !seen[c.id] && len(starting) < completionLimit {
				starting = append(starting, c)
			}
		}
		out = completionsOf(starting)
		return nil
	})
	return out, err
}

// contactOrderPlain is contactOrder for a query whose table has no alias.
const contactOrderPlain = " ORDER BY name_key, company_key, id"

// namedContact is a contact as completion offers it.
type namedContact struct {
	id            int64
	name, company string
}

func scanCompletion(r interface{ Scan(...any) error }) (namedContact, error) {
	var c namedContact
	return c, r.Scan(&c.id, &c.name, &c.company)
}

// completionsOf offers each contact's name, described by its company.
func completionsOf(cs []namedContact) []Completion {
	out := make([]Completion, len(cs))
	for i, c := range cs {
		out[i] = Completion{Value: c.name, Description: c.company}
	}
	return out
}

// Categories returns the categories in use, one spelling of each, for
// shell completion.
func (db *DB) Categories(ctx context.Context, prefix string) ([]string, error) {
	return db.completeStrings(ctx, `SELECT min(category) FROM contacts
		WHERE category_key >= ? AND category_key < ? AND category_key <> ''
		GROUP BY category_key ORDER BY category_key LIMIT ?`, prefix)
}

// Tags returns the tags in use, one spelling of each, for shell
// completion.
func (db *DB) Tags(ctx context.Context, prefix string) ([]string, error) {
	return db.completeStrings(ctx, `SELECT min(tag) FROM contact_tags
		WHERE tag_key >= ? AND tag_key < ?
		GROUP BY tag_key ORDER BY tag_key LIMIT ?`, prefix)
}

// Segments returns the target segments in use, one spelling of each, for
// shell completion.
func (db *DB) Segments(ctx context.Context, prefix string) ([]string, error) {
	return db.completeStrings(ctx, `SELECT min(segment) FROM targets
		WHERE kith_fold(segment) >= ? AND kith_fold(segment) < ? AND segment <> ''
		GROUP BY kith_fold(segment) ORDER BY kith_fold(segment) LIMIT ?`, prefix)
}

// completeStrings runs a query taking a folded prefix's bounds and a limit.
func (db *DB) completeStrings(ctx context.Context, query, prefix string) ([]string, error) {
	var out []string
	err := db.read(ctx, "complete", func(tx *Tx) (err error) {
		lo, hi := prefixRange(kith.Fold(prefix))
		out, err = queryAll(tx, func(r interface{ Scan(...any) error }) (s string, err error) {
			return s, r.Scan(&s)
		}, query, lo, hi, completionLimit)
		return err
	})
	return out, err
}

// prefixRange returns bounds that select, through an index on a folded
// key, the keys starting with prefix: SQLite compares text bytewise, and no
// UTF-8 text continues with a byte above 0xF4.
func prefixRange(prefix string) (string, string) {
	return prefix, prefix + "\xf5"
}

// OpenFollowupIDs returns the open follow-ups' ids, soonest due first, each
// described by its contact and text, for shell completion.
func (db *DB) OpenFollowupIDs(ctx context.Context) ([]Completion, error) {
	var out []Completion
	err := db.read(ctx, "list open followup ids", func(tx *Tx) (err error) {
		out, err = queryAll(tx, func(r interface{ Scan(...any) error }) (Completion, error) {
			var id int64
			var name, text string
			err := r.Scan(&id, &name, &text)
			return Completion{Value: fmt.Sprint(id), Description: name + ": " + text}, err
		}, `SELECT id, contact_name, text FROM followups
			WHERE done_at IS NULL ORDER BY due_on, id LIMIT ?`, completionLimit)
		return err
	})
	return out, err
}

// IntroIDs returns the introductions' ids, newest first, each described by
// who introduced whom and its status, for shell completion.
func (db *DB) IntroIDs(ctx context.Context) ([]Completion, error) {
	var out []Completion
	err := db.read(ctx, "list introduction ids", func(tx *Tx) (err error) {
		out, err = queryAll(tx, func(r interface{ Scan(...any) error }) (Completion, error) {
			var id int64
			var from, to, status string
			err := r.Scan(&id, &from, &to, &status)
			return Completion{Value: fmt.Sprint(id), Description: from + " → " + to + " (" + status + ")"}, err
		}, `SELECT i.id, a.name, b.name, i.status FROM introductions i
			JOIN contacts a ON a.id = i.from_id JOIN contacts b ON b.id = i.to_id
			ORDER BY i.intro_on DESC, i.id DESC LIMIT ?`, completionLimit)
		return err
	})
	return out, err
}

// CoffeeIDs returns the coffees' ids, newest first, each described by its
// day, kind and people, for shell completion; with plans, only the plans
// not held (what coffee held and cancel take).
func (db *DB) CoffeeIDs(ctx context.Context, plans bool) ([]Completion, error) {
	var out []Completion
	err := db.read(ctx, "list coffee ids", func(tx *Tx) (err error) {
		out, err = queryAll(tx, func(r interface{ Scan(...any) error }) (Completion, error) {
			var id int64
			var on, kind, who string
			err := r.Scan(&id, &on, &kind, &who)
			return Completion{Value: fmt.Sprint(id), Description: on + " " + kind + " with " + who}, err
		}, `SELECT f.id, f.held_on, f.kind, (SELECT group_concat(c.name, ', ') FROM coffee_contacts cc
				JOIN contacts c ON c.id = cc.contact_id WHERE cc.coffee_id = f.id)
			FROM coffees f WHERE ? = 0 OR f.planned = 1 ORDER BY f.held_on DESC, f.id DESC LIMIT ?`, plans, completionLimit)
		return err
	})
	return out, err
}
