package store

import (
	"context"
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
	lo, hi := prefixRange(key)
	prefixed, err := tx.queryContacts("SELECT "+contactColumns+
		" FROM contacts c WHERE c.name_key >= ? AND c.name_key < ?"+contactOrder+" LIMIT ?",
		lo, hi, maxCandidates+1)
	return pickOne(ref, prefixed, err)
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

// FindContactExact finds a contact only by exact name (case-insensitive) or
// email, never by prefix: answers to the referral questions must not land
// on "Carla Mendes" when the user typed "Carl". It returns nil when no
// contact matches.
func (tx *Tx) FindContactExact(ref string) (*kith.Contact, error) {
	key := kith.Fold(ref)
	q := "SELECT " + contactColumns + " FROM contacts c WHERE c.name_key = ? ORDER BY c.id"
	if strings.Contains(ref, "@") {
		q = "SELECT " + contactColumns + ` FROM contacts c WHERE c.id IN
			(SELECT contact_id FROM contact_emails WHERE email_key = ?) ORDER BY c.id`
	}
	found, err := tx.queryContacts(q, key)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	c, err := pickOne(ref, found, nil)
	return &c, err
}

// pickOne turns the matches for ref into one contact or a clear error.
func pickOne(ref string, found []kith.Contact, err error) (kith.Contact, error) {
	switch {
	case err != nil:
		return kith.Contact{}, err
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0:
		return kith.Contact{}, kith.Errorf(kith.NotFound, "no contact matches %q", ref).
			WithHint("kith contact list --search %q finds contacts by part of a name, company or email", ref)
	}
	return kith.Contact{}, &AmbiguousError{Ref: ref, Candidates: found}
}

// AmbiguousError says a REF matched several contacts and lists them.
type AmbiguousError struct {
	Ref        string
	Candidates []kith.Contact // at most maxCandidates+1; more means "and others"
}

// Error lists the candidates on one line.
func (e *AmbiguousError) Error() string {
	var names []string
	for i, c := range e.Candidates {
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
	return "\"" + e.Ref + "\" matches several contacts: " + strings.Join(names, ", ")
}

// Unwrap lets callers treat the ambiguity as a kith error with a hint.
func (e *AmbiguousError) Unwrap() error {
	if strings.Contains(e.Ref, "@") { // a shared email: only the id tells them apart
		return kith.Errorf(kith.Ambiguous, "%s", e.Error()).WithHint("use the id, e.g. kith contact show %d", e.Candidates[0].ID)
	}
	return kith.Errorf(kith.Ambiguous, "%s", e.Error()).WithHint("use the id or the email, e.g. kith contact show %d", e.Candidates[0].ID)
}
