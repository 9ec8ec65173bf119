package store

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// A list of coffees is read in two steps: the query that chooses them
// gives their ids alone, in its order (for a list in date order the
// held_on index holds both, so no row is read), and the rows themselves
// come a batch at a time, packed into one value (packed.go). A batch of a
// list in date order lies in a short run of ids (ids are given as
// coffees are logged), which one pass through the table reads: a row
// looked up by id, as the query would, cost more than the rest of the
// list. Who was at them comes the same way, and the people's names from a
// cache kept for the whole read: a subquery per coffee looked each person
// up in the contacts table, a random read of the file for nearly every one
// of a million coffees.

// personCacheMax bounds how many people's names one read keeps: more than
// a network of a hundred thousand people, a few megabytes. A read that
// meets more starts the cache again. (A variable, so a test can make it
// small.)
var personCacheMax = 1 << 17

// person is what a coffee shows of someone at it, and the key its people
// are ordered by (name_key, then id).
type person struct {
	key, name string
}

// coffeeReader reads the coffees of one query a batch at a time and
// passes each, complete, to fn. Its buffers are reused from batch to
// batch, so a read of any length holds one batch and the names cache.
type coffeeReader struct {
	tx     *Tx
	fn     func(kith.Coffee) error
	batch  []kith.Coffee // the batch's coffees, in the query's order
	at     batchIndex
	who    [][]int64 // the contact ids at each coffee of the batch
	people map[int64]person
	// everyone holds every contact's name by id, once readEveryName has
	// read them: an array costs less to look a name up in than the map,
	// for each person at each of a million coffees
	everyone []person
	keys     []string // the name keys of the people at one coffee (flush)
	days     dayCache
	created  stampCache
	updated  stampCache
	missing  []int64
	// looked counts the names looked up by id; triedWhole says the read
	// has tried reading everyone's (readNames), and whole that it did
	looked            int
	triedWhole, whole bool
}

// eachCoffee runs q, which selects the ids of coffees (f.id), each once,
// and calls fn with each coffee in the query's order.
func (tx *Tx) eachCoffee(fn func(kith.Coffee) error, q string, args ...any) error {
	r := &coffeeReader{tx: tx, fn: fn, people: map[int64]person{}}
	scan := func(rows *sql.Rows) (id int64, err error) { return id, rows.Scan(&id) }
	return inBatches(tx, scan, r.flush, q, args...)
}

// coffees is eachCoffee collected into a slice.
func (tx *Tx) coffees(q string, args ...any) ([]kith.Coffee, error) {
	return collect(func(add func(kith.Coffee) error) error { return tx.eachCoffee(add, q, args...) })
}

// flush reads the coffees with the batch's ids and who was at them, and
// passes them on in the batch's order.
func (r *coffeeReader) flush(ids []int64) error {
	r.at.index(ids)
	if err := r.readRows(ids); err != nil {
		return err
	}
	if err := r.readWho(); err != nil {
		return err
	}
	if err := r.readNames(); err != nil {
		return err
	}
	for i := range r.batch {
		c := &r.batch[i]
		c.Contacts = make([]kith.ContactRef, len(r.who[i]))
		r.keys = r.keys[:0]
		for j, id := range r.who[i] {
			p := r.person(id)
			c.Contacts[j] = kith.ContactRef{ID: id, Name: p.name}
			r.keys = append(r.keys, p.key)
		}
		sortPeople(c.Contacts, r.keys)
		if err := r.fn(*c); err != nil {
			return err
		}
	}
	return nil
}

// person returns the cached name of the contact with id.
func (r *coffeeReader) person(id int64) person {
	if id >= 0 && id < int64(len(r.everyone)) {
		return r.everyone[id]
	}
	return r.people[id]
}

// sortPeople orders the people at a coffee by name (keys, each person's
// name_key, beside them), then by id. An insertion sort: a coffee has a
// few people, and an event a few dozen.
func sortPeople(refs []kith.ContactRef, keys []string) {
	for a := 1; a < len(refs); a++ {
		for b := a; b > 0 && cmp.Or(cmp.Compare(keys[b], keys[b-1]), cmp.Compare(refs[b].ID, refs[b-1].ID)) < 0; b-- {
			refs[b], refs[b-1] = refs[b-1], refs[b]
			keys[b], keys[b-1] = keys[b-1], keys[b]
		}
	}
}

// The queries that read some coffees, and who was at them, packed into
// one value: by a run of ids, from ? to ?, for a batch whose ids lie close
// together (batchIndex), else by each id in a list.
const (
	coffeesInRange = "SELECT json_group_array(" + coffeeColumns + ") FROM coffees f WHERE f.id BETWEEN ? AND ?"
	coffeesByID    = "SELECT json_group_array(" + coffeeColumns + ") FROM coffees f WHERE f.id" + idIn
	whoInRange     = "SELECT json_group_array(json_array(coffee_id, contact_id)) FROM coffee_contacts WHERE coffee_id BETWEEN ? AND ?"
	whoByID        = "SELECT json_group_array(json_array(coffee_id, contact_id)) FROM coffee_contacts WHERE coffee_id" + idIn
)

// readRows reads the batch's coffees into r.batch, each with its status
// as of the transaction's day.
func (r *coffeeReader) readRows(ids []int64) error {
	p, err := r.at.query(r.tx, coffeesInRange, coffeesByID)
	if err != nil {
		return err
	}
	r.batch = slices.Grow(r.batch[:0], len(ids))[:len(ids)]
	clear(r.batch)
	err = p.each(coffeeFields, func(f []string) error {
		c, err := r.parse(f)
		if i, ok := r.at.pos(c.ID); ok && err == nil { // a run holds other coffees too
			r.batch[i] = c
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("coffee rows: %w", err)
	}
	for i, c := range r.batch {
		if c.ID != ids[i] {
			return fmt.Errorf("coffee %d is listed twice or has no row", ids[i])
		}
	}
	return nil
}

// parse reads the fields of a row selected with coffeeColumns; its people
// come after.
func (r *coffeeReader) parse(f []string) (kith.Coffee, error) {
	id, err := strconv.ParseInt(f[coffeeID], 10, 64)
	if err != nil {
		return kith.Coffee{}, err
	}
	c := kith.Coffee{ID: id, Kind: kith.CoffeeKind(f[coffeeKind]), Place: f[coffeePlace], Topic: f[coffeeTopic],
		Notes: f[coffeeNotes], Planned: f[coffeePlanned] == "1"}
	if c.On, err = r.days.parse(f[coffeeOn]); err != nil {
		return c, err
	}
	c.Status = kith.CoffeeStatusOf(c.Planned, f[coffeeCancelled] == "1", c.On, r.tx.Today())
	if c.CreatedAt, err = r.created.parse(f[coffeeCreated]); err != nil {
		return c, err
	}
	c.UpdatedAt, err = r.updated.parse(f[coffeeUpdated])
	return c, err
}

// readWho reads the ids of the people at each coffee of the batch into
// r.who, in one query.
func (r *coffeeReader) readWho() error {
	r.who = slices.Grow(r.who[:0], len(r.batch))[:len(r.batch)]
	for i := range r.who {
		r.who[i] = r.who[i][:0]
	}
	p, err := r.at.query(r.tx, whoInRange, whoByID)
	if err != nil {
		return err
	}
	return p.each(2, func(f []string) error {
		coffeeID, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return err
		}
		contactID, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return err
		}
		if i, ok := r.at.pos(coffeeID); ok { // a run holds other coffees too
			r.who[i] = append(r.who[i], contactID)
		}
		return nil
	})
}

// batchIndex finds a batch's ids: by their offset in the run of ids they
// lie in, when that run is at most four times as long as the batch (a
// list in date order), else in a map.
type batchIndex struct {
	ids       []int64
	low, high int64
	inRun     []int32 // the position of each id of the run, -1 for none
	byID      map[int64]int
}

// index makes x the index of ids.
func (x *batchIndex) index(ids []int64) {
	x.ids, x.low, x.high = ids, slices.Min(ids), slices.Max(ids)
	x.inRun, x.byID = x.inRun[:0], nil
	if x.high-x.low >= 4*int64(len(ids)) {
		x.byID = make(map[int64]int, len(ids))
		for i, id := range ids {
			x.byID[id] = i
		}
		return
	}
	x.inRun = slices.Grow(x.inRun, int(x.high-x.low+1))[:x.high-x.low+1]
	for i := range x.inRun {
		x.inRun[i] = -1
	}
	for i, id := range ids {
		x.inRun[id-x.low] = int32(i)
	}
}

// pos returns the position of id in the batch.
func (x *batchIndex) pos(id int64) (int, bool) {
	if x.byID != nil {
		i, ok := x.byID[id]
		return i, ok
	}
	if id < x.low || id > x.high || x.inRun[id-x.low] < 0 {
		return 0, false
	}
	return int(x.inRun[id-x.low]), true
}

// query runs the packing query for the batch: inRange over its run of ids
// (two parameters, the first and last), else byID with the list of ids.
func (x *batchIndex) query(tx *Tx, inRange, byID string) (packed, error) {
	if x.byID == nil {
		return tx.queryPacked(inRange, x.low, x.high)
	}
	idList, _ := json.Marshal(x.ids) // a []int64 always marshals
	return tx.queryPacked(byID, string(idList))
}

// readNames reads the names of the batch's people not yet in the cache, in
// one query. A long read, once it has looked up wholeAfter names, reads
// everyone's instead, when they fit the cache: one pass through the
// contacts in file order costs less than a read of the file for nearly
// each name, which is what looking a hundred thousand people up by id is.
func (r *coffeeReader) readNames() error {
	if r.whole {
		return nil // everyone's name is in the cache
	}
	r.findMissing()
	if len(r.missing) == 0 {
		return nil
	}
	if r.looked += len(r.missing); r.looked > wholeAfter && !r.triedWhole {
		r.triedWhole = true
		var err error
		if r.whole, err = r.readEveryName(); r.whole || err != nil {
			return err
		}
	}
	if len(r.people)+len(r.missing) > personCacheMax {
		clear(r.people)
		r.findMissing()
	}
	slices.Sort(r.missing) // in id order, the contacts are read in file order
	var (
		id int64
		p  person
	)
	return r.tx.eachByID("SELECT id, name_key, name FROM contacts WHERE id"+idIn, slices.Compact(r.missing), func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &p.key, &p.name); err != nil {
			return err
		}
		r.people[id] = p
		return nil
	})
}

// wholeAfter is how many names a read looks up one batch at a time before
// it reads everyone's: past it a read is long, and a short one (a week, a
// person's coffees) never reads the whole table. (A variable, so a test
// can make it small.)
var wholeAfter = 4096

// readEveryName fills the cache with every contact's name, when there
// are at most personCacheMax contacts; whole says it did.
func (r *coffeeReader) readEveryName() (whole bool, err error) {
	var n, last int64
	if err := r.tx.QueryRow("SELECT count(*), COALESCE(max(id), 0) FROM contacts").Scan(&n, &last); err != nil || n > int64(personCacheMax) {
		return false, err
	}
	rows, err := r.tx.Query("SELECT id, name_key, name FROM contacts")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	dense := last < 2*int64(personCacheMax) // ids are given in turn: few are gaps
	if dense {
		r.everyone = make([]person, last+1)
	}
	var (
		id int64
		p  person
	)
	for rows.Next() {
		if err := rows.Scan(&id, &p.key, &p.name); err != nil {
			return false, err
		}
		if dense {
			r.everyone[id] = p
		} else {
			r.people[id] = p
		}
	}
	return true, rows.Err()
}

// eachByID runs q, whose one parameter is a list of ids (idIn), and calls
// fn with each row. A long read runs q for every batch: it is prepared
// once.
func (tx *Tx) eachByID(q string, ids []int64, fn func(*sql.Rows) error) error {
	idList, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	st, err := tx.prepared(q)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(tx.ctx, string(idList))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// findMissing lists in r.missing the batch's people whose names are not
// in the cache.
func (r *coffeeReader) findMissing() {
	r.missing = r.missing[:0]
	for _, ids := range r.who {
		for _, id := range ids {
			if _, ok := r.people[id]; !ok {
				r.missing = append(r.missing, id)
			}
		}
	}
}

// stampCache parses created_at and updated_at stamps, reusing the last
// one parsed: the rows a command writes share one stamp, so a long read
// meets each many times in a row.
type stampCache struct {
	last string
	t    time.Time
}

func (c *stampCache) parse(s string) (time.Time, error) {
	if s == c.last && s != "" {
		return c.t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, err
	}
	c.last, c.t = s, t
	return t, nil
}
