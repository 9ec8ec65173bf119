package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/kith-crm/kith/internal/kith"
)

// The state kith sync keeps between runs: the collections it syncs, and
// for each card the contact's UID, where the card is and the fields both
// sides held after the last sync (migration 0019). A sync writes it in
// the same transaction as the contacts it changes, so the two never
// disagree, and an undo of the sync puts both back.

// Write runs fn in one named write transaction, which the journal
// records as one entry: for a use case (a sync) whose writes are many
// calls on the Tx.
func (db *DB) Write(ctx context.Context, op string, fn func(*Tx) error) error {
	return db.write(ctx, op, fn)
}

// SyncCollection is a collection kith syncs with: an address book or a
// calendar of one account.
type SyncCollection struct {
	ID      int64
	Account string // the server's address and the user
	Kind    string // addressbook or calendar
	Wanted  string // the setting that chose it ("" for the server's only one)
	Path    string // where the server keeps it
	Version string // the vCard version an address book takes; the components a calendar takes ("" for all)
	Token   string // the sync token of the end of the last sync
}

// FindSyncCollection returns the collection last synced for account,
// kind and wanted, or nil when there is none yet.
func (tx *Tx) FindSyncCollection(account, kind, wanted string) (*SyncCollection, error) {
	c := SyncCollection{Account: account, Kind: kind, Wanted: wanted}
	err := tx.QueryRow(`SELECT id, path, version, token FROM sync_collections
		WHERE account = ? AND kind = ? AND wanted = ? ORDER BY id DESC LIMIT 1`, account, kind, wanted).
		Scan(&c.ID, &c.Path, &c.Version, &c.Token)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &c, err
}

// SaveSyncCollection stores c, by its account, kind and path, and returns
// its id.
func (tx *Tx) SaveSyncCollection(c SyncCollection) (int64, error) {
	var id int64
	err := tx.QueryRow(`INSERT INTO sync_collections (account, kind, wanted, path, version, token)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (account, kind, path) DO UPDATE SET wanted = excluded.wanted, version = excluded.version, token = excluded.token
		RETURNING id`, c.Account, c.Kind, c.Wanted, c.Path, c.Version, c.Token).Scan(&id)
	return id, err
}

// SyncLink is what the last sync left for one card.
type SyncLink struct {
	UID  string
	Href string // "" for a card the server removed from a contact kith kept
	ETag string
	// Base is the contact's fields as both sides held them after the last
	// sync.
	Base kith.Contact
}

// SyncLinks reads the links of a collection.
func (tx *Tx) SyncLinks(collection int64) ([]SyncLink, error) {
	return queryAll(tx, func(s interface{ Scan(...any) error }) (SyncLink, error) {
		var l SyncLink
		var base string
		if err := s.Scan(&l.UID, &l.Href, &l.ETag, &base); err != nil {
			return l, err
		}
		return l, json.Unmarshal([]byte(base), &l.Base)
	}, "SELECT uid, href, etag, base FROM sync_cards WHERE collection_id = ? ORDER BY id", collection)
}

// SaveSyncLink stores a card's link, replacing the one of its UID.
func (tx *Tx) SaveSyncLink(collection int64, l SyncLink) error {
	base, err := json.Marshal(l.Base)
	if err != nil {
		return err
	}
	_, err = tx.execOften(`INSERT INTO sync_cards (collection_id, uid, href, etag, base) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (collection_id, uid) DO UPDATE SET href = excluded.href, etag = excluded.etag, base = excluded.base
		WHERE href IS NOT excluded.href OR etag IS NOT excluded.etag OR base IS NOT excluded.base`,
		collection, l.UID, l.Href, l.ETag, string(base))
	return err
}

// DropSyncLink forgets the card of uid.
func (tx *Tx) DropSyncLink(collection int64, uid string) error {
	_, err := tx.execOften("DELETE FROM sync_cards WHERE collection_id = ? AND uid = ?", collection, uid)
	return err
}

// ContactUIDs maps each contact that has a UID to it.
func (tx *Tx) ContactUIDs() (map[int64]string, error) {
	return queryMap[int64, string](tx, "SELECT id, uid FROM contacts WHERE uid IS NOT NULL")
}

// SetContactUID gives contact id the UID of its card, unless it has one.
func (tx *Tx) SetContactUID(id int64, uid string) error {
	_, err := tx.execOften("UPDATE contacts SET uid = ? WHERE id = ? AND uid IS NOT ?", uid, id, uid)
	if err != nil && sqliteCode(err) == 19 { // SQLITE_CONSTRAINT: another contact holds it
		return kith.Errorf(kith.Conflict, "two contacts would have the card UID %q", uid).Wrap(err)
	}
	return err
}

// MatchContact finds the stored contact c is by contact import's rules
// (Importer.Match): email, LinkedIn, phone, then exact name and company;
// 0 when none is.
func (tx *Tx) MatchContact(c kith.Contact) (int64, error) {
	imp, err := tx.newImporter(ImportOptions{})
	if err != nil {
		return 0, err
	}
	return imp.Match(c)
}

// HasHistory reports whether contact id has a history that reports
// count: coffees, introductions or touches.
func (tx *Tx) HasHistory(id int64) (bool, error) {
	var has bool
	err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM coffee_contacts WHERE contact_id = ?1)
		OR EXISTS (SELECT 1 FROM introductions WHERE from_id = ?1 OR to_id = ?1)
		OR EXISTS (SELECT 1 FROM touches WHERE contact_id = ?1)`, id).Scan(&has)
	return has, err
}

// RemoveContact removes a contact as contact rm does, inside a larger
// write.
func (tx *Tx) RemoveContact(id int64) error {
	if _, err := tx.getContact(id); err != nil {
		return err
	}
	// the meetings only they attended go with them; each of theirs is
	// looked up for anyone else, rather than everyone else's read
	if _, err := tx.Exec(`DELETE FROM coffees WHERE id IN (
		SELECT a.coffee_id FROM coffee_contacts a WHERE a.contact_id = ?1 AND NOT EXISTS (
			SELECT 1 FROM coffee_contacts b WHERE b.coffee_id = a.coffee_id AND b.contact_id <> ?1))`, id); err != nil {
		return err
	}
	if err := tx.handOverFollowups(id); err != nil {
		return err
	}
	_, err := tx.Exec("DELETE FROM contacts WHERE id = ?", id)
	return err
}

// SyncEntry is what kith last wrote of one calendar entry.
type SyncEntry struct {
	UID, Href, ETag string
	Digest          string // of what kith wrote
}

// SyncEntries reads the entries kith keeps in a calendar.
func (tx *Tx) SyncEntries(collection int64) ([]SyncEntry, error) {
	return queryAll(tx, func(s interface{ Scan(...any) error }) (SyncEntry, error) {
		var e SyncEntry
		return e, s.Scan(&e.UID, &e.Href, &e.ETag, &e.Digest)
	}, "SELECT uid, href, etag, digest FROM sync_entries WHERE collection_id = ? ORDER BY id", collection)
}

// SaveSyncEntry stores an entry, replacing the one of its UID.
func (tx *Tx) SaveSyncEntry(collection int64, e SyncEntry) error {
	_, err := tx.execOften(`INSERT INTO sync_entries (collection_id, uid, href, etag, digest) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (collection_id, uid) DO UPDATE SET href = excluded.href, etag = excluded.etag, digest = excluded.digest
		WHERE href IS NOT excluded.href OR etag IS NOT excluded.etag OR digest IS NOT excluded.digest`,
		collection, e.UID, e.Href, e.ETag, e.Digest)
	return err
}

// DropSyncEntry forgets the entry of uid.
func (tx *Tx) DropSyncEntry(collection int64, uid string) error {
	_, err := tx.execOften("DELETE FROM sync_entries WHERE collection_id = ? AND uid = ?", collection, uid)
	return err
}

// OpenFollowups lists the follow-ups still to do, by due day, but those
// of archived contacts (which nothing shows as due).
func (tx *Tx) OpenFollowups() ([]kith.Followup, error) {
	return tx.queryFollowups("SELECT " + followupColumns + ` FROM followups f JOIN contacts c ON c.id = f.contact_id
		WHERE f.done_at IS NULL AND c.archived_on IS NULL ORDER BY f.due_on, f.id`)
}
