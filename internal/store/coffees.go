package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// coffeeColumns selects a coffee's own columns as one JSON array, in
// coffeeFields' order, for coffeeReader.parse. The queries that list
// coffees select their ids alone, and the reader reads the rest
// (coffee_people.go).
const coffeeColumns = `json_array(f.id, f.kind, f.held_on, f.place, f.topic, f.notes, f.planned, f.cancelled, f.created_at, f.updated_at)`

// The fields of a row selected with coffeeColumns.
const (
	coffeeID = iota
	coffeeKind
	coffeeOn
	coffeePlace
	coffeeTopic
	coffeeNotes
	coffeePlanned
	coffeeCancelled
	coffeeCreated
	coffeeUpdated
	coffeeFields // how many
)

// NewCoffee is a meeting to log: who was there (REFs, resolved in the same
// transaction), what it was, and the next step, if any.
type NewCoffee struct {
	Refs    []string
	Kind    kith.CoffeeKind
	On      dates.Date
	Place   string
	Topic   string
	Notes   string
	Planned bool
	Next    *kith.NextStep
}

// LoggedCoffee is a stored coffee with the follow-up holding its next
// step (one, for everyone it is for), in FollowupIDs; when it was already
// open with the same text its id is in AlreadyOpen too (see
// JoinFollowup). Both are [] rather than null in JSON.
// FromPlan says the coffee was a plan for the same people on that day,
// now held, rather than a new one.
type LoggedCoffee struct {
	kith.Coffee
	FollowupIDs []int64 `json:"followup_ids"`
	AlreadyOpen []int64 `json:"already_open_followup_ids"`
	// NextStepFor is who the next step's follow-up is for ([] without one).
	NextStepFor []kith.ContactRef `json:"next_step_for"`
	FromPlan    bool              `json:"from_plan"`
}

// LogCoffee stores a meeting. Every REF must name one contact, or nothing
// is written. A held coffee moves each contact's last contact date forward;
// a next step becomes one follow-up, due on its date, for everyone at the
// coffee or those it names.
func (db *DB) LogCoffee(ctx context.Context, in NewCoffee) (LoggedCoffee, error) {
	var out LoggedCoffee
	err := db.write(ctx, "log coffee", func(tx *Tx) error {
		ids := make([]int64, 0, len(in.Refs))
		seen := map[int64]bool{}
		for _, ref := range in.Refs {
			c, err := tx.ResolveContact(ref)
			if err != nil {
				return err
			}
			if !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
		var err error
		out, err = tx.LogCoffee(in, ids)
		return err
	})
	return out, err
}

// LogCoffee is the in-transaction form of DB.LogCoffee, for contacts
// already resolved to ids; in.Refs is ignored. A held coffee with the same
// people on the day of a plan for them (not cancelled) is that plan
// happening: the plan becomes the held coffee instead of gaining a twin.
func (tx *Tx) LogCoffee(in NewCoffee, contactIDs []int64) (LoggedCoffee, error) {
	out := LoggedCoffee{FollowupIDs: []int64{}, AlreadyOpen: []int64{}, NextStepFor: []kith.ContactRef{}}
	if len(contactIDs) == 0 {
		return out, kith.Errorf(kith.Invalid, "a coffee needs at least one contact").WithHint("name who you met, e.g. kith coffee log ana")
	}
	if in.Kind != "" {
		var err error
		if in.Kind, err = kith.ParseCoffeeKind(string(in.Kind)); err != nil {
			return out, err
		}
	}
	if err := kith.CheckCoffeeDate(in.On, tx.Today(), in.Planned); err != nil {
		if in.Planned {
			return out, err.WithHint("drop --planned to log a coffee that already happened")
		}
		return out, err.WithHint("pass --planned to plan a coffee, or give --on the day you met")
	}
	coffeeID, err := tx.planFor(in, contactIDs)
	if err != nil {
		return out, err
	}
	out.FromPlan = coffeeID != 0
	if out.FromPlan {
		err = tx.holdPlan(coffeeID, in)
	} else {
		coffeeID, err = tx.insertCoffee(in, contactIDs)
	}
	if err != nil {
		return out, err
	}
	for _, id := range contactIDs {
		if in.Planned {
			break // a plan is not contact yet
		}
		// Dates are YYYY-MM-DD text, so max() compares them as days.
		if _, err := tx.Exec(`UPDATE contacts SET last_contact = max(COALESCE(last_contact, ''), ?), updated_at = ?
			WHERE id = ?`, in.On.String(), tx.Now(), id); err != nil {
			return out, err
		}
	}
	if in.Next != nil {
		if err := tx.logNextStep(&out, *in.Next, coffeeID, contactIDs); err != nil {
			return out, err
		}
	}
	out.Coffee, err = tx.getCoffee(coffeeID)
	return out, err
}

// logNextStep makes a coffee's next step one follow-up for the people
// next.For names, each of whom must be at the coffee, else for everyone
// there.
func (tx *Tx) logNextStep(out *LoggedCoffee, next kith.NextStep, coffeeID int64, there []int64) error {
	people := there
	if len(next.For) > 0 {
		people = nil
		for _, ref := range next.For {
			c, err := tx.ResolveContact(ref)
			if err != nil {
				return err
			}
			if !slices.Contains(there, c.ID) {
				return kith.Errorf(kith.Invalid, "--next-for %s: %s is not at this coffee", ref, c.Name).
					WithHint("name someone you met, or log them at the coffee too")
			}
			if !slices.Contains(people, c.ID) {
				people = append(people, c.ID)
			}
		}
	}
	fu, joined, err := tx.JoinFollowup(NewFollowup{ContactID: people[0], Others: people[1:], Text: next.Text,
		Due: next.Due, Source: kith.FromCoffee, CoffeeID: &coffeeID})
	if err != nil {
		return err
	}
	for _, id := range people {
		c, err := tx.getContact(id)
		if err != nil {
			return err
		}
		out.NextStepFor = append(out.NextStepFor, kith.ContactRef{ID: c.ID, Name: c.Name})
	}
	out.FollowupIDs = append(out.FollowupIDs, fu.ID)
	if joined {
		out.AlreadyOpen = append(out.AlreadyOpen, fu.ID)
	}
	return nil
}

// insertCoffee stores a new meeting with the people at it.
func (tx *Tx) insertCoffee(in NewCoffee, contactIDs []int64) (int64, error) {
	if in.Kind == "" {
		in.Kind = kith.KindCoffee
	}
	res, err := tx.Exec(`INSERT INTO coffees (kind, held_on, place, topic, notes, planned, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		string(in.Kind), in.On.String(), strings.TrimSpace(in.Place), strings.TrimSpace(in.Topic),
		strings.TrimSpace(in.Notes), in.Planned, tx.Now(), tx.Now())
	if err != nil {
		return 0, err
	}
	coffeeID, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, id := range contactIDs {
		if _, err := tx.Exec("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (?, ?)", coffeeID, id); err != nil {
			return 0, err
		}
	}
	return coffeeID, nil
}

// planFor returns the id of the plan a held coffee fulfils: the oldest
// planned, not cancelled meeting on in.On with exactly these people. 0
// when there is none, and always for a plan being logged.
func (tx *Tx) planFor(in NewCoffee, contactIDs []int64) (int64, error) {
	if in.Planned {
		return 0, nil
	}
	ids, _ := json.Marshal(contactIDs) // a []int64 always marshals
	var id int64
	err := tx.QueryRow(`SELECT f.id FROM coffees f WHERE f.held_on = ? AND f.planned = 1 AND f.cancelled = 0
		AND (SELECT count(*) FROM coffee_contacts cc WHERE cc.coffee_id = f.id) = ?
		AND NOT EXISTS (SELECT 1 FROM coffee_contacts cc WHERE cc.coffee_id = f.id
			AND cc.contact_id NOT IN (SELECT value FROM json_each(?)))
		ORDER BY f.id LIMIT 1`, in.On.String(), len(contactIDs), string(ids)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// holdPlan turns a plan into the meeting held on in.On: what the log says
// (kind, place, topic, notes) replaces what the plan said, where it says
// anything.
func (tx *Tx) holdPlan(id int64, in NewCoffee) error {
	_, err := tx.Exec(`UPDATE coffees SET planned = 0, cancelled = 0, held_on = ?,
		kind = COALESCE(NULLIF(?, ''), kind), place = COALESCE(NULLIF(?, ''), place),
		topic = COALESCE(NULLIF(?, ''), topic), notes = COALESCE(NULLIF(?, ''), notes), updated_at = ?
		WHERE id = ?`, in.On.String(), string(in.Kind), strings.TrimSpace(in.Place), strings.TrimSpace(in.Topic),
		strings.TrimSpace(in.Notes), tx.Now(), id)
	return err
}

func (tx *Tx) getCoffee(id int64) (kith.Coffee, error) {
	found, err := tx.coffees("SELECT f.id FROM coffees f WHERE f.id = ?", id)
	if err != nil {
		return kith.Coffee{}, err
	}
	if len(found) == 0 {
		return kith.Coffee{}, kith.Errorf(kith.NotFound, "no coffee with id %d", id).WithHint("kith coffee list shows the ids")
	}
	return found[0], nil
}

// CoffeeFilter narrows a coffee listing; zero fields do not filter.
type CoffeeFilter struct {
	ContactID int64       // only coffees this contact attended
	Since     *dates.Date // on or after this day
	Until     *dates.Date // on or before this day
	Held      bool        // leave out planned coffees
	Limit     int
}

// ListCoffees returns the coffees that pass the filter, newest first.
func (db *DB) ListCoffees(ctx context.Context, f CoffeeFilter) ([]kith.Coffee, error) {
	return collect(func(add func(kith.Coffee) error) error { return db.EachCoffee(ctx, f, add) })
}

// EachCoffee calls fn with each coffee that passes the filter, newest
// first, as it is read.
func (db *DB) EachCoffee(ctx context.Context, f CoffeeFilter, fn func(kith.Coffee) error) error {
	return db.scan(ctx, "list coffees", func(tx *Tx) error {
		q, args := coffeeQuery(f)
		return tx.eachCoffee(fn, q, args...)
	})
}

// ListCoffees is the in-transaction form of DB.ListCoffees.
func (tx *Tx) ListCoffees(f CoffeeFilter) ([]kith.Coffee, error) {
	q, args := coffeeQuery(f)
	return tx.coffees(q, args...)
}

// coffeeQuery is the query that lists the coffees passing f.
func coffeeQuery(f CoffeeFilter) (string, []any) {
	var conds []string
	var args []any
	from := " FROM coffees f"
	if f.ContactID != 0 {
		// CROSS JOIN keeps SQLite starting from the contact's few coffees
		// instead of walking every coffee in date order to find theirs.
		from = " FROM coffee_contacts fc CROSS JOIN coffees f ON f.id = fc.coffee_id"
		conds = append(conds, "fc.contact_id = ?")
		args = append(args, f.ContactID)
	}
	if f.Since != nil {
		conds = append(conds, "f.held_on >= ?")
		args = append(args, f.Since.String())
	}
	if f.Until != nil {
		conds = append(conds, "f.held_on <= ?")
		args = append(args, f.Until.String())
	}
	if f.Held {
		conds = append(conds, "f.planned = 0")
	}
	q := "SELECT f.id" + from
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY f.held_on DESC, f.id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// Coffee returns the coffee with id.
func (db *DB) Coffee(ctx context.Context, id int64) (kith.Coffee, error) {
	var out kith.Coffee
	err := db.read(ctx, "read coffee", func(tx *Tx) error {
		var err error
		out, err = tx.getCoffee(id)
		return err
	})
	return out, err
}
