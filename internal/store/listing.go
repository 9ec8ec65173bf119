package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/kith-crm/kith/internal/kith"
)

// A listing reads the contacts' own columns in one query and their lists
// (emails, phones, tags, and the introductions that derive advocacy) in one
// query per list, stitched together by contact id: a correlated subquery
// per list and contact cost most of a long listing.
//
// The lists (emails, phones, tags, advocacy) come for a batch of contacts
// at a time, looked up by id: a listing of a million contacts holds one
// batch, as one of ten does.
//
// listBatch is how many contacts a listing reads before it fills in their
// lists.
const listBatch = 512

// query is the listing query for the filter, in its order.
func (f ContactFilter) query() (string, []any) {
	where, args := f.where()
	q := "SELECT " + contactRowArray + " FROM contacts c" + where + f.order()
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// ListContacts returns the contacts that pass the filter, in its order.
func (db *DB) ListContacts(ctx context.Context, f ContactFilter) ([]kith.Contact, error) {
	var out []kith.Contact
	err := db.read(ctx, "list contacts", func(tx *Tx) error {
		var err error
		out, err = tx.ListContacts(f)
		return err
	})
	return out, err
}

// ListContacts is DB.ListContacts on an open transaction, for the use
// cases that list contacts among other reads.
func (tx *Tx) ListContacts(f ContactFilter) ([]kith.Contact, error) {
	// Collected in batches and copied once at the end, not grown by
	// doubling: copying 100,000 contacts again and again cost more than
	// reading them.
	var batches [][]kith.Contact
	n := 0
	err := tx.eachContactBatch(f, func(batch []kith.Contact) error {
		batches = append(batches, append([]kith.Contact(nil), batch...))
		n += len(batch)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]kith.Contact, 0, n)
	for _, b := range batches {
		out = append(out, b...)
	}
	return out, nil
}

// EachContact calls fn with every contact that passes the filter, in
// the filter's order, reading them a batch at a time from one snapshot so an
// export of any size never holds them all (a long one holds every
// contact's lists, which are much smaller).
func (db *DB) EachContact(ctx context.Context, f ContactFilter, fn func(kith.Contact) error) error {
	return db.scan(ctx, "list contacts", func(tx *Tx) error {
		return tx.eachContactBatch(f, func(batch []kith.Contact) error {
			for _, c := range batch {
				if err := fn(c); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// eachContactBatch calls fn with the contacts that pass the filter, in
// the filter's order, a batch at a time. fn must not keep the batch: the next
// reuses it.
func (tx *Tx) eachContactBatch(f ContactFilter, fn func([]kith.Contact) error) error {
	b := &contactBatches{tx: tx, fn: fn}
	var (
		row    string
		fields [contactRowFields]string
	)
	scan := func(rows *sql.Rows) (r contactRow, err error) {
		if err := rows.Scan(&row); err != nil {
			return r, err
		}
		if err := (&packedRows{s: row}).row(fields[:]); err != nil {
			return r, fmt.Errorf("contact row %.40q: %w", row, err)
		}
		return r, r.parse(fields[:])
	}
	q, args := f.query()
	return inBatches(tx, scan, func(rows []contactRow) error {
		b.rows = rows
		return b.flush()
	}, q, args...)
}

// inBatches runs query and calls flush with each listBatch rows that scan
// reads, the last batch shorter. flush must not keep the slice: the next
// batch reuses it.
func inBatches[T any](tx *Tx, scan func(*sql.Rows) (T, error), flush func([]T) error, query string, args ...any) error {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var batch []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if batch = append(batch, v); len(batch) < listBatch {
			continue
		}
		if err := flush(batch); err != nil {
			return err
		}
		batch = batch[:0]
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return flush(batch)
	}
	return nil
}

// contactBatches turns the rows of one listing into batches of contacts
// for fn, reading each batch's lists in one query per list, so a listing
// of any length holds one batch. Its buffers grow as needed, so a short
// listing allocates little.
type contactBatches struct {
	tx    *Tx
	fn    func([]kith.Contact) error
	rows  []contactRow // read but not yet passed to fn
	batch []kith.Contact
}

// flush completes the rows read with their lists and passes them to fn.
func (b *contactBatches) flush() error {
	ids := make([]int64, len(b.rows))
	for i := range b.rows {
		ids[i] = b.rows[i].c.ID
	}
	lists, err := b.tx.readContactLists(ids)
	if err != nil {
		return err
	}
	b.batch = b.batch[:0]
	for i := range b.rows {
		c, err := lists.complete(&b.rows[i])
		if err != nil {
			return err
		}
		b.batch = append(b.batch, c)
	}
	return b.fn(b.batch)
}

// contactLists holds some contacts' lists by contact id: emails and phones
// by position, tags by key, and the advocacy their introductions earn
// (absent: none).
type contactLists struct {
	emails, phones, tags map[int64][]string
	advocacy             map[int64]kith.Advocacy
}

// complete turns a listed row into its contact.
func (l *contactLists) complete(r *contactRow) (kith.Contact, error) {
	id := r.c.ID
	derived, ok := l.advocacy[id]
	if !ok {
		derived = kith.NoAdvocacy
	}
	return r.contact(derived, l.emails[id], l.phones[id], l.tags[id])
}

// The queries that read the lists of the contacts whose ids are in the
// JSON array passed as ?, each packed into one value (packed.go) of
// [contact id, value] pairs ordered by contact id: a row each cost more
// than finding them. The advocacy query ranks a contact's happened
// introductions received as derivedAdvocacy does: one unasked makes a
// raving fan.
const (
	idIn = " IN (SELECT value FROM json_each(?))"

	batchEmails = "SELECT json_group_array(json_array(contact_id, email)) FROM (SELECT contact_id, email FROM contact_emails WHERE contact_id" + idIn + " ORDER BY contact_id, position)"
	batchPhones = "SELECT json_group_array(json_array(contact_id, phone)) FROM (SELECT contact_id, phone FROM contact_phones WHERE contact_id" + idIn + " ORDER BY contact_id, position)"
	batchTags   = "SELECT json_group_array(json_array(contact_id, tag)) FROM (SELECT contact_id, tag FROM contact_tags WHERE contact_id" + idIn + " ORDER BY contact_id, tag_key)"
	batchFans   = "SELECT json_group_array(json_array(from_id, level)) FROM (SELECT i.from_id, CASE MIN(i.asked) WHEN 0 THEN 'raving_fan' ELSE 'advocate' END AS level FROM introductions i WHERE " +
		happenedReceived + " AND i.from_id" + idIn + " GROUP BY i.from_id)"
)

// readContactLists reads the lists of the contacts with the given ids, in
// one query per list.
func (tx *Tx) readContactLists(ids []int64) (*contactLists, error) {
	idList, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	var l contactLists
	if l.emails, err = tx.readIDValues(batchEmails, string(idList)); err != nil {
		return nil, err
	}
	if l.phones, err = tx.readIDValues(batchPhones, string(idList)); err != nil {
		return nil, err
	}
	if l.tags, err = tx.readIDValues(batchTags, string(idList)); err != nil {
		return nil, err
	}
	levels, err := tx.readIDValues(batchFans, string(idList))
	if err != nil {
		return nil, err
	}
	l.advocacy = make(map[int64]kith.Advocacy, len(levels))
	for id, level := range levels {
		l.advocacy[id] = kith.Advocacy(level[0])
	}
	return &l, nil
}

// readIDValues reads the [id, value] pairs q packs for the ids in idList,
// ordered by id, into each id's values in their order. Each id's values
// are a slice of one shared array, capped so that appending to one never
// writes into the next.
func (tx *Tx) readIDValues(q, idList string) (map[int64][]string, error) {
	p, err := tx.queryPacked(q, idList)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, p.rows())
	values := make([]string, 0, p.rows())
	err = p.each(2, func(f []string) error {
		id, err := strconv.ParseInt(f[0], 10, 64)
		ids, values = append(ids, id), append(values, f[1])
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]string)
	for start := 0; start < len(ids); {
		end := start + 1
		for end < len(ids) && ids[end] == ids[start] {
			end++
		}
		out[ids[start]] = values[start:end:end]
		start = end
	}
	return out, nil
}
