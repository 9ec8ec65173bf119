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

// Coffees are read as contacts are (listing.go): their own columns row by
// row, and who was at them for a batch of coffees at a time, by coffee id.
// The people's names come from a cache kept for the whole read: a subquery
// per coffee looked each person up in the contacts table, a random read
// of the file for nearly every one of a million coffees, which cost most
// of a long listing's time.

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
	tx      *Tx
	fn      func(kith.Coffee) error
	who     [][]int64 // the contact ids at each coffee of the batch
	people  map[int64]person
	days    dayCache
	created stampCache
	updated stampCache
	missing []int64
	row     string               // the row scan reads
	fields  [coffeeFields]string // its fields
	// looked counts the names looked up by id; triedWhole says the read
	// has tried reading everyone's (readNames)
	looked     int
	triedWhole bool
}

// eachCoffee runs q, which selects coffeeColumns, and calls fn with each
// coffee in the query's order.
func (tx *Tx) eachCoffee(fn func(kith.Coffee) error, q string, args ...any) error {
	r := &coffeeReader{tx: tx, fn: fn, people: map[int64]person{}}
	return inBatches(tx, r.scan, r.flush, q, args...)
}

// coffees is eachCoffee collected into a slice.
func (tx *Tx) coffees(q string, args ...any) ([]kith.Coffee, error) {
	return collect(func(add func(kith.Coffee) error) error { return tx.eachCoffee(add, q, args...) })
}

// scan reads one row selected with coffeeColumns, with the coffee's
// status as of the transaction's day; its people come with the batch.
func (r *coffeeReader) scan(row *sql.Rows) (kith.Coffee, error) {
	var c kith.Coffee
	if err := row.Scan(&r.row); err != nil {
		return c, err
	}
	f := r.fields[:]
	if err := (&packedRows{s: r.row}).row(f); err != nil {
		return c, fmt.Errorf("coffee row %.40q: %w", r.row, err)
	}
	id, err := strconv.ParseInt(f[coffeeID], 10, 64)
	if err != nil {
		return c, err
	}
	c = kith.Coffee{ID: id, Kind: kith.CoffeeKind(f[coffeeKind]), Place: f[coffeePlace], Topic: f[coffeeTopic],
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

// flush fills in who was at each coffee of the batch and passes them on.
func (r *coffeeReader) flush(batch []kith.Coffee) error {
	if err := r.readWho(batch); err != nil {
		return err
	}
	if err := r.readNames(); err != nil {
		return err
	}
	for i := range batch {
		c := &batch[i]
		c.Contacts = make([]kith.ContactRef, len(r.who[i]))
		for j, id := range r.who[i] {
			c.Contacts[j] = kith.ContactRef{ID: id, Name: r.people[id].name}
		}
		slices.SortFunc(c.Contacts, func(a, b kith.ContactRef) int {
			return cmp.Or(cmp.Compare(r.people[a.ID].key, r.people[b.ID].key), cmp.Compare(a.ID, b.ID))
		})
		if err := r.fn(*c); err != nil {
			return err
		}
	}
	return nil
}

// The queries that read who was at some coffees, packed into one value
// (packed.go): a row each cost more than finding them. whoInRange walks
// the coffee ids from ? to ?, in one pass where the batch's ids lie close
// together, as a list in date order's do (ids are given as coffees are
// logged); whoByID looks each id up.
const (
	whoInRange = "SELECT json_group_array(json_array(coffee_id, contact_id)) FROM coffee_contacts WHERE coffee_id BETWEEN ? AND ?"
	whoByID    = "SELECT json_group_array(json_array(coffee_id, contact_id)) FROM coffee_contacts WHERE coffee_id" + idIn
)

// readWho reads the ids of the people at each coffee of the batch into
// r.who, in one query.
func (r *coffeeReader) readWho(batch []kith.Coffee) error {
	at := make(map[int64]int, len(batch))
	ids := make([]int64, len(batch))
	r.who = slices.Grow(r.who[:0], len(batch))[:len(batch)]
	for i, c := range batch {
		at[c.ID], ids[i] = i, c.ID
		r.who[i] = r.who[i][:0]
	}
	var (
		p   packed
		err error
	)
	if low, high := slices.Min(ids), slices.Max(ids); high-low < 4*int64(len(ids)) {
		p, err = r.tx.queryPacked(whoInRange, low, high)
	} else {
		idList, _ := json.Marshal(ids) // a []int64 always marshals
		p, err = r.tx.queryPacked(whoByID, string(idList))
	}
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
		if i, ok := at[coffeeID]; ok { // a range holds other coffees too
			r.who[i] = append(r.who[i], contactID)
		}
		return nil
	})
}

// readNames reads the names of the batch's people not yet in the cache, in
// one query. A long read, once it has looked up wholeAfter names, reads
// everyone's instead, when they fit the cache: one pass through the
// contacts in file order costs less than a read of the file for nearly
// each name, which is what looking a hundred thousand people up by id is.
func (r *coffeeReader) readNames() error {
	r.findMissing()
	if len(r.missing) == 0 {
		return nil
	}
	if r.looked += len(r.missing); r.looked > wholeAfter && !r.triedWhole {
		r.triedWhole = true
		whole, err := r.readEveryName()
		if whole || err != nil {
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
	var n int
	if err := r.tx.QueryRow("SELECT count(*) FROM contacts").Scan(&n); err != nil || n > personCacheMax {
		return false, err
	}
	rows, err := r.tx.Query("SELECT id, name_key, name FROM contacts")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var (
		id int64
		p  person
	)
	for rows.Next() {
		if err := rows.Scan(&id, &p.key, &p.name); err != nil {
			return false, err
		}
		r.people[id] = p
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
