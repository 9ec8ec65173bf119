package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// History is what happened with one contact: their coffees, the
// introductions they are part of and their dated notes, each newest
// first. The dated notes sit beside the contact's own notes, the text
// they came with (contact add --note, an import).
type History struct {
	Coffees       []kith.Coffee       `json:"coffees"`
	Introductions []kith.Introduction `json:"introductions"`
	DatedNotes    []kith.Note         `json:"dated_notes"`
	// ArchivedOn is the day they were archived (kith contact archive),
	// null when they are not.
	ArchivedOn *dates.Date `json:"archived_on"`
}

// ContactHistory resolves ref and reads the contact with their history in
// one snapshot.
func (db *DB) ContactHistory(ctx context.Context, ref string) (kith.Contact, History, error) {
	var (
		c kith.Contact
		h History
	)
	err := db.read(ctx, "contact history", func(tx *Tx) error {
		var err error
		if c, err = tx.ResolveContact(ref); err != nil {
			return err
		}
		h, err = tx.History(c.ID)
		return err
	})
	return c, h, err
}

// History is the in-transaction form of DB.ContactHistory for a known id.
func (tx *Tx) History(id int64) (History, error) {
	var h History
	var err error
	if h.Coffees, err = tx.ListCoffees(CoffeeFilter{ContactID: id}); err != nil {
		return h, err
	}
	if h.Introductions, err = tx.ListIntroductions(IntroFilter{ContactID: id}); err != nil {
		return h, err
	}
	if h.DatedNotes, err = tx.Notes(id); err != nil {
		return h, err
	}
	h.ArchivedOn, err = tx.ArchivedOn(id)
	return h, err
}

// AdvocateStats is what the 211° list weighs for one advocate.
type AdvocateStats struct {
	Contact     kith.ContactRef
	Advocacy    kith.Advocacy // advocate, or raving_fan when asked for them too
	LastContact *dates.Date
	Made        int // introductions they made to the user
	Promised    int // introductions they promised and have not made
	Given       int // introductions the user made for them
}

// AdvocateCut narrows Advocates to those who could be among the first N
// (0: everyone) of a ranking by a closeness of Made, Given and Promised
// for each introduction made, given and promised, plus at most Recent:
// anyone whose introductions plus Recent fall short of the Nth highest
// introductions alone is behind at least N others.
type AdvocateCut struct {
	N, Made, Given, Promised, Recent int
}

// Advocates returns the numbers behind the 211° list for everyone whose
// advocacy is advocate (derived or set by the user), and with ravingFans
// the raving fans too, in one query, narrowed by cut. The topics of their
// last coffees cost a look at each coffee, so LastTopics fetches them for
// only the advocates shown.
func (tx *Tx) Advocates(ravingFans bool, cut AdvocateCut) ([]AdvocateStats, error) {
	rows, err := tx.queryPacked(advocatesQuery, advocacyLevel(ravingFans), cut.N, cut.Made, cut.Given, cut.Promised, cut.Recent)
	if err != nil {
		return nil, err
	}
	out := make([]AdvocateStats, 0, rows.rows())
	days := &dayCache{}
	err = rows.each(7, func(f []string) error {
		a := AdvocateStats{Contact: kith.ContactRef{Name: f[1]}, Advocacy: kith.Advocacy(f[3])}
		var err error
		if a.Contact.ID, err = strconv.ParseInt(f[0], 10, 64); err != nil {
			return err
		}
		if f[2] != "" {
			d, err := days.parse(f[2])
			if err != nil {
				return fmt.Errorf("contact %d: last_contact: %w", a.Contact.ID, err)
			}
			a.LastContact = &d
		}
		for i, n := range []*int{&a.Made, &a.Promised, &a.Given} {
			if *n, err = strconv.Atoi(f[4+i]); err != nil {
				return err
			}
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// advocatesQuery reads the advocates (and those at the level given as
// ?1) with their counts, kept per person in the advocate tally
// (0040_advocate_tally): those who made an introduction, and those whose
// advocacy the user set. The advocacy the counts earn is
// effectiveAdvocacy's rule on them. Their names and the rest come from
// contacts_ladder (INDEXED BY: SQLite would read the rows by rowid, a
// tenth of the table faulted in for every thousand people). ?2 to ?6 are
// an AdvocateCut. No ORDER BY: ranking sorts them.
const advocatesQuery = `WITH people (id, made, unasked, promised, given) AS (
	SELECT contact_id, made, unasked, promised, given FROM advocate_tally WHERE made > 0
	UNION ALL SELECT s.id, 0, 0, COALESCE(t.promised, 0), COALESCE(t.given, 0)
		FROM contacts s LEFT JOIN advocate_tally t ON t.contact_id = s.id
		WHERE s.advocacy IN ('advocate', ?1) AND COALESCE(t.made, 0) = 0),
advocates AS (SELECT c.id, c.name, c.last_contact, p.made, p.promised, p.given,
		COALESCE(c.advocacy, CASE WHEN p.unasked > 0 THEN 'raving_fan' WHEN p.made > 0 THEN 'advocate' ELSE 'none' END) AS level,
		?3 * p.made + ?4 * p.given + ?5 * p.promised AS reach
	FROM people p JOIN contacts c INDEXED BY contacts_ladder ON c.id = p.id
	WHERE c.archived_on IS NULL AND level IN ('advocate', ?1))
SELECT json_group_array(json_array(id, name, last_contact, level, made, promised, given)) FROM advocates
WHERE ?2 = 0 OR reach + ?6 >= COALESCE((SELECT reach FROM advocates ORDER BY reach DESC LIMIT 1 OFFSET ?2 - 1), 0)`

// advocacyLevel is the level Advocates reads beside advocate: raving_fan when
// they are asked for, else advocate again, which adds no one.
func advocacyLevel(ravingFans bool) kith.Advocacy {
	if ravingFans {
		return kith.RavingFan
	}
	return kith.Advocate
}

// RavingFanCount counts the contacts whose advocacy is raving fan (derived
// or set by the user): the people past the 211° list, for saying why it
// is empty.
func (db *DB) RavingFanCount(ctx context.Context) (int, error) {
	var n int
	err := db.read(ctx, "count raving fans", func(tx *Tx) error {
		return tx.QueryRow(`SELECT count(*) FROM contacts c
			WHERE c.id IN (SELECT from_id FROM introductions i WHERE ` + happenedReceived + ` AND i.asked = 0
				UNION SELECT id FROM contacts WHERE advocacy = 'raving_fan')
			AND c.id NOT IN ` + archivedIDs + ` AND ` + effectiveAdvocacy + ` = 'raving_fan'`).Scan(&n)
	})
	return n, err
}

// lastTopicsSQL reads the topic of the latest coffee held with each of
// the contacts in a JSON array of ids: which coffee that is comes from
// the last-coffee tally (0032_last_coffee_tally), read in contact id
// order, and the coffees are then read in id order, each page of the
// table once. Finding the latest among each person's coffees read and
// sorted every one of them: 333,000 for the whole 211° list (19,000
// people) on the benchmark data, a second of CPU.
const lastTopicsSQL = `WITH latest AS MATERIALIZED (SELECT contact_id, coffee_id FROM last_coffee_tally
		WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY coffee_id)
	SELECT latest.contact_id, f.topic FROM latest CROSS JOIN coffees f ON f.id = latest.coffee_id`

// LastTopics returns the topic of the latest coffee held with each of the
// contacts ids names; contacts without one are left out.
func (tx *Tx) LastTopics(ids []int64) (map[int64]string, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ids))
	rows, err := tx.Query(lastTopicsSQL, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var topic string
		if err := rows.Scan(&id, &topic); err != nil {
			return nil, err
		}
		out[id] = topic
	}
	return out, rows.Err()
}
