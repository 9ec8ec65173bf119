package store

import (
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// Match is what a search looks for in the search index (migration
// 0017_search.sql): words as kith.SearchWords cuts them, every one of
// which a record must hold.
type Match struct {
	Words []string
	// Prefix lets a word match the words it begins ("mar" finds
	// "Marathon"); without it only whole words match.
	Prefix bool
	// NameOnly looks in a contact's name alone.
	NameOnly bool
}

// expr writes m as an FTS5 query. Each word is quoted, so no word is
// read as an operator ("AND", "NEAR") and no text is a syntax error; the
// query is always passed as a parameter. Without words it is the empty
// phrase, which matches nothing.
func (m Match) expr() string {
	if len(m.Words) == 0 {
		return `""`
	}
	var b strings.Builder
	if m.NameOnly {
		b.WriteString("{name} : (")
	}
	for i, w := range m.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ftsString(w))
		if m.Prefix {
			b.WriteByte('*')
		}
	}
	if m.NameOnly {
		b.WriteByte(')')
	}
	return b.String()
}

// ftsString writes s as an FTS5 string: in double quotes, a double
// quote inside doubled.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// nameStartExpr is the FTS5 query for the names whose words begin with
// words, in order, from the first word of the name; the last may be cut
// short when prefix is set. It finds the candidates for a REF typed
// without its accents.
func nameStartExpr(words []string, prefix bool) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = ftsString(w)
	}
	q := "{name} : ^" + strings.Join(quoted, " + ")
	if prefix {
		q += "*"
	}
	return q
}

// Records are found newest first, and passed to fn as they are read: the
// index is read in id order from the end, and stops after limit, so a word
// in a million coffees costs no more than a rare one. A limit of 0 or less
// finds every match.

// SearchContacts calls fn with the contacts that hold m, newest first.
func (tx *Tx) SearchContacts(m Match, limit int, fn func(kith.Contact) error) error {
	q, args, ok := searchQuery("SELECT "+contactColumns+
		" FROM contact_search s JOIN contacts c ON c.id = s.rowid", "contact_search", m, limit)
	if !ok {
		return nil
	}
	return queryEach(tx, scanContact, fn, q, args...)
}

// SearchCoffees calls fn with the coffees whose place, topic or notes
// hold m, newest first.
func (tx *Tx) SearchCoffees(m Match, limit int, fn func(kith.Coffee) error) error {
	q, args, ok := searchQuery("SELECT f.id"+
		" FROM coffee_search s JOIN coffees f ON f.id = s.rowid", "coffee_search", m, limit)
	if !ok {
		return nil
	}
	return tx.eachCoffee(fn, q, args...)
}

// SearchIntroductions calls fn with the introductions whose people or
// notes hold m, newest first.
func (tx *Tx) SearchIntroductions(m Match, limit int, fn func(kith.Introduction) error) error {
	q, args, ok := searchQuery("SELECT "+introColumns+" FROM intro_search s JOIN introductions i ON i.id = s.rowid"+
		" JOIN contacts fc ON fc.id = i.from_id JOIN contacts tc ON tc.id = i.to_id", "intro_search", m, limit)
	if !ok {
		return nil
	}
	return queryEach(tx, scanIntro, fn, q, args...)
}

// SearchFollowups calls fn with the follow-ups whose text holds m, newest
// first.
func (tx *Tx) SearchFollowups(m Match, limit int, fn func(kith.Followup) error) error {
	q, args, ok := searchQuery("SELECT "+followupColumns+" FROM followup_search s JOIN followups f ON f.id = s.rowid",
		"followup_search", m, limit)
	if !ok {
		return nil
	}
	return queryEach(tx, scanFollowup, fn, q, args...)
}

// searchQuery completes a SELECT from an index (aliased s) joined to its
// records with the match, newest first, and the limit. Without words
// there is nothing to look for: ok is false.
func searchQuery(selectFrom, index string, m Match, limit int) (q string, args []any, ok bool) {
	if len(m.Words) == 0 {
		return "", nil, false
	}
	q = selectFrom + " WHERE " + index + " MATCH ? ORDER BY s.rowid DESC"
	args = []any{m.expr()}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	return q, args, true
}
