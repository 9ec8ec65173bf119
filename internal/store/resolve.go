package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// maxCandidates bounds the names an ambiguity error lists.
const maxCandidates = 10

// ResolveContact finds the one contact a REF names: an id, an email, a
// case-insensitive full name, or a unique prefix of a name.
func (db *DB) ResolveContact(ctx context.Context, ref string) (kith.Contact, error) {
	var c kith.Contact
	err := db.read(ctx, "resolve contact", func(tx *Tx) error {
		var err error
		c, err = tx.ResolveContact(ref)
		return err
	})
	return c, err
}

// ResolveContacts resolves several REFs in one snapshot, failing on the
// first that names no one (or more than one).
func (db *DB) ResolveContacts(ctx context.Context, refs []string) ([]kith.Contact, error) {
	var out []kith.Contact
	err := db.read(ctx, "resolve contacts", func(tx *Tx) error {
		for _, ref := range refs {
			c, err := tx.ResolveContact(ref)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// ResolveContact is the in-transaction form of DB.ResolveContact.
func (tx *Tx) ResolveContact(ref string) (kith.Contact, error) {
	ref = kith.TrimText(ref)
	if ref == "" {
		return kith.Contact{}, kith.Errorf(kith.Invalid, "empty contact reference").
			WithHint("name a contact by id, email, or name")
	}
	if id, ok := parseID(ref); ok {
		if c, err := tx.getContact(id); err == nil {
			return c, nil
		}
	}
	key := kith.Fold(ref)
	if strings.Contains(ref, "@") {
		found, err := tx.queryContacts("SELECT "+contactColumns+` FROM contacts c WHERE c.id IN
			(SELECT contact_id FROM contact_emails WHERE email_key = ?) ORDER BY c.name_key, c.id`, key)
		if err != nil || len(found) > 0 {
			return pickOne(ref, found, err)
		}
	}
	exact, err := tx.queryContacts("SELECT "+contactColumns+" FROM contacts c WHERE c.name_key = ? ORDER BY c.id", key)
	if err != nil || len(exact) > 0 {
		return pickOne(ref, exact, err)
	}
	same, starting, err := tx.namesWithoutAccents(ref, true)
	if err != nil {
		return kith.Contact{}, err
	}
	if len(same) > 0 {
		return tx.pickByIDs(ref, same)
	}
	if len(starting) > 0 || len(kith.SearchWords(ref)) > 0 {
		return tx.pickByIDs(ref, starting)
	}
	// a REF without a letter or digit ("#", "(") is a prefix of names as
	// they are stored
	lo, hi := prefixRange(key)
	prefixed, err := tx.queryContacts("SELECT "+contactColumns+
		" FROM contacts c WHERE c.name_key >= ? AND c.name_key < ?"+contactOrder+" LIMIT ?",
		lo, hi, maxCandidates+1)
	return pickOne(ref, prefixed, err)
}

// namesWithoutAccents finds, without regard to case or accents
// (kith.FoldAccents), the contacts named ref (same) and, with prefixes,
// those whose name starts with it (starting), each by name. The search
// index gives the candidates, the names whose words begin with ref's
// words; the whole name is then compared, so "ana-" stays a prefix of
// "Ana-Maria" only.
func (tx *Tx) namesWithoutAccents(ref string, prefixes bool) (same, starting []int64, err error) {
	words := kith.SearchWords(ref)
	if len(words) == 0 {
		return nil, nil, nil
	}
	plain := kith.FoldAccents(ref)
	rows, err := tx.Query(`SELECT c.id, c.name FROM contact_search s JOIN contacts c ON c.id = s.rowid
		WHERE contact_search MATCH ?`+contactOrder+" LIMIT ?", nameStartExpr(words, true), maxNameCandidates)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, nil, err
		}
		switch n := kith.FoldAccents(name); {
		case n == plain:
			same = append(same, id)
		case prefixes && strings.HasPrefix(n, plain) && len(starting) <= maxCandidates:
			starting = append(starting, id)
		}
	}
	return same, starting, rows.Err()
}

// maxNameCandidates bounds the names a REF typed without accents is
// compared with: the index narrows them to names starting with its words,
// so only a REF like "a" reaches it.
const maxNameCandidates = 5000

// pickByIDs reads the contacts ids name and picks one, as pickOne does.
func (tx *Tx) pickByIDs(ref string, ids []int64) (kith.Contact, error) {
	if len(ids) == 0 {
		return kith.Contact{}, tx.notFound(ref)
	}
	found := make([]kith.Contact, 0, len(ids))
	for _, id := range ids {
		c, err := tx.getContact(id)
		if err != nil {
			return kith.Contact{}, err
		}
		found = append(found, c)
	}
	return pickOne(ref, found, nil)
}

// parseID reads a REF as a contact id: digits as kith prints them, or
// "#12" as lists and messages show it. "007" and "+1" are not ids but
// names: a contact called "007" must not resolve to #7.
func parseID(ref string) (int64, bool) {
	ref = strings.TrimPrefix(ref, "#")
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != ref {
		return 0, false
	}
	return id, true
}

// FindContactExact finds a contact only by exact name or email, never by
// prefix: answers to the referral questions must not land on "Carla
// Mendes" when the user typed "Carl". Case never matters, and accents
// only when they tell two names apart: "Jurgen Weber" is "Jürgen Weber"
// unless a "Jurgen Weber" is stored too. It returns nil when no contact
// matches.
func (tx *Tx) FindContactExact(ref string) (*kith.Contact, error) {
	key := kith.Fold(ref)
	q := "SELECT " + contactColumns + " FROM contacts c WHERE c.name_key = ? ORDER BY c.id"
	if strings.Contains(ref, "@") {
		q = "SELECT " + contactColumns + ` FROM contacts c WHERE c.id IN
			(SELECT contact_id FROM contact_emails WHERE email_key = ?) ORDER BY c.id`
	}
	found, err := tx.queryContacts(q, key)
	switch {
	case err != nil:
		return nil, err
	case len(found) > 0:
		c, err := pickOne(ref, found, nil)
		return &c, err
	case strings.Contains(ref, "@"):
		return nil, nil
	}
	same, _, err := tx.namesWithoutAccents(ref, false)
	if err != nil || len(same) == 0 {
		return nil, err
	}
	c, err := tx.pickByIDs(ref, same)
	return &c, err
}

// notFound says no contact's name is or starts with ref. Its hint names
// the contacts whose name has ref's words further in ("lee": Hannah Lee),
// or else the search that looks in every field.
func (tx *Tx) notFound(ref string) error {
	err := kith.Errorf(kith.NotFound, "no contact matches %q", ref)
	near, qerr := collect(func(add func(kith.Contact) error) error {
		return tx.SearchContacts(Match{Words: kith.SearchWords(ref), Prefix: true, NameOnly: true}, maxCandidates+1, add)
	})
	if qerr != nil || len(near) == 0 {
		return err.WithHint(searchHint, ref)
	}
	return err.WithHint("did you mean %s?", candidateList(near))
}

// searchHint points from a REF that names no one to the search.
const searchHint = "kith contact list --search %q finds contacts by words of a name, company, email or notes"

// pickOne turns the matches for ref into one contact or a clear error.
func pickOne(ref string, found []kith.Contact, err error) (kith.Contact, error) {
	switch {
	case err != nil:
		return kith.Contact{}, err
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0:
		return kith.Contact{}, kith.Errorf(kith.NotFound, "no contact matches %q", ref).WithHint(searchHint, ref)
	}
	return kith.Contact{}, &AmbiguousError{Ref: ref, Candidates: found}
}

// AmbiguousError says a REF matched several contacts and lists them.
type AmbiguousError struct {
	Ref        string
	Candidates []kith.Contact // at most maxCandidates+1; more means "and others"
	// Retry, when the command line is known, is that command again with
	// the REF replaced by the first candidate's id, to suggest instead of
	// kith contact show.
	Retry string
}

// Error lists the candidates on one line.
func (e *AmbiguousError) Error() string {
	return "\"" + e.Ref + "\" matches several contacts: " + candidateList(e.Candidates)
}

// candidateList names contacts for a message, each by id, name, company
// and email, and at most maxCandidates of them.
func candidateList(found []kith.Contact) string {
	var names []string
	for i, c := range found {
		if i == maxCandidates {
			names = append(names, "...")
			break
		}
		label := c.Name
		if c.Company != "" { // namesakes without an email differ by company
			label += " at " + c.Company
		}
		if c.Email != "" {
			label += " <" + c.Email + ">"
		}
		names = append(names, "#"+strconv.FormatInt(c.ID, 10)+" "+label)
	}
	return strings.Join(names, ", ")
}

// Unwrap lets callers treat the ambiguity as a kith error with a hint.
func (e *AmbiguousError) Unwrap() error {
	example := fmt.Sprintf("kith contact show %d", e.Candidates[0].ID)
	if e.Retry != "" {
		example = e.Retry
	}
	if strings.Contains(e.Ref, "@") { // a shared email: only the id tells them apart
		return kith.Errorf(kith.Ambiguous, "%s", e.Error()).WithHint("use the id, e.g. %s", example)
	}
	return kith.Errorf(kith.Ambiguous, "%s", e.Error()).WithHint("use the id or the email, e.g. %s", example)
}
