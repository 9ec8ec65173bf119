package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// coffeeColumns selects a whole coffee in one row, its contacts as a JSON
// array of {id, name} ordered by name.
const coffeeColumns = `f.id, f.kind, f.held_on, f.place, f.topic, f.notes, f.planned, f.created_at, f.updated_at,
	(SELECT json_group_array(json_object('id', id, 'name', name)) FROM (
		SELECT c.id, c.name FROM coffee_contacts cc JOIN contacts c ON c.id = cc.contact_id
		WHERE cc.coffee_id = f.id ORDER BY c.name_key, c.id))`

func scanCoffee(row interface{ Scan(...any) error }) (kith.Coffee, error) {
	var (
		c                         kith.Coffee
		on, created, updated, who string
	)
	if err := row.Scan(&c.ID, &c.Kind, &on, &c.Place, &c.Topic, &c.Notes, &c.Planned, &created, &updated, &who); err != nil {
		return c, err
	}
	var err error
	if c.On, err = dates.ParseISO(on); err != nil {
		return c, err
	}
	if c.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return c, err
	}
	if c.UpdatedAt, err = time.Parse(time.RFC3339, updated); err != nil {
		return c, err
	}
	return c, json.Unmarshal([]byte(who), &c.Contacts)
}

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

// LoggedCoffee is a stored coffee with the follow-ups holding its next
// step: new ones, and those already open with the same text (AlreadyOpen,
// a subset; see JoinFollowup). Both are [] rather than null in JSON.
type LoggedCoffee struct {
	kith.Coffee
	FollowupIDs []int64 `json:"followup_ids"`
	AlreadyOpen []int64 `json:"already_open_followup_ids"`
}

// LogCoffee stores a meeting. Every REF must name one contact, or nothing
// is written. A held coffee moves each contact's last contact date forward;
// a next step becomes a follow-up for each contact, due on its date.
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
// already resolved to ids; in.Refs is ignored.
func (tx *Tx) LogCoffee(in NewCoffee, contactIDs []int64) (LoggedCoffee, error) {
	out := LoggedCoffee{FollowupIDs: []int64{}, AlreadyOpen: []int64{}}
	if len(contactIDs) == 0 {
		return out, kith.Errorf(kith.Invalid, "a coffee needs at least one contact").WithHint("name who you met, e.g. kith coffee log ana")
	}
	if in.Kind == "" {
		in.Kind = kith.KindCoffee
	}
	if _, err := kith.ParseCoffeeKind(string(in.Kind)); err != nil {
		return out, err
	}
	if err := kith.CheckCoffeeDate(in.On, tx.Today(), in.Planned); err != nil {
		return out, err
	}
	res, err := tx.Exec(`INSERT INTO coffees (kind, held_on, place, topic, notes, planned, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		string(in.Kind), in.On.String(), strings.TrimSpace(in.Place), strings.TrimSpace(in.Topic),
		strings.TrimSpace(in.Notes), in.Planned, tx.Now(), tx.Now())
	if err != nil {
		return out, err
	}
	coffeeID, err := res.LastInsertId()
	if err != nil {
		return out, err
	}
	for _, id := range contactIDs {
		if _, err := tx.Exec("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (?, ?)", coffeeID, id); err != nil {
			return out, err
		}
		if !in.Planned {
			// Dates are YYYY-MM-DD text, so max() compares them as days.
			if _, err := tx.Exec(`UPDATE contacts SET last_contact = max(COALESCE(last_contact, ''), ?), updated_at = ?
				WHERE id = ?`, in.On.String(), tx.Now(), id); err != nil {
				return out, err
			}
		}
		if in.Next != nil {
			fu, joined, err := tx.JoinFollowup(NewFollowup{ContactID: id, Text: in.Next.Text, Due: in.Next.Due,
				Source: kith.FromCoffee, CoffeeID: &coffeeID})
			if err != nil {
				return out, err
			}
			out.FollowupIDs = append(out.FollowupIDs, fu.ID)
			if joined {
				out.AlreadyOpen = append(out.AlreadyOpen, fu.ID)
			}
		}
	}
	out.Coffee, err = tx.getCoffee(coffeeID)
	return out, err
}

func (tx *Tx) getCoffee(id int64) (kith.Coffee, error) {
	c, err := scanCoffee(tx.QueryRow("SELECT "+coffeeColumns+" FROM coffees f WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, kith.Errorf(kith.NotFound, "no coffee with id %d", id).WithHint("kith coffee list shows the ids")
	}
	return c, err
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
	var out []kith.Coffee
	err := db.read(ctx, "list coffees", func(tx *Tx) error {
		var err error
		out, err = tx.ListCoffees(f)
		return err
	})
	return out, err
}

// ListCoffees is the in-transaction form of DB.ListCoffees.
func (tx *Tx) ListCoffees(f CoffeeFilter) ([]kith.Coffee, error) {
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
	q := "SELECT " + coffeeColumns + from
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY f.held_on DESC, f.id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return queryAll(tx, scanCoffee, q, args...)
}
