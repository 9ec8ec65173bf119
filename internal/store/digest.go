package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// The reads of the morning digest (app.Today) beside Due and the advocates.

// PlannedCoffees returns the plans dated up to through, oldest first:
// today's, and those whose day passed without being held or cancelled.
func (tx *Tx) PlannedCoffees(through dates.Date) ([]kith.Coffee, error) {
	return tx.coffees(`SELECT f.id FROM coffees f
		WHERE f.planned = 1 AND f.cancelled = 0 AND f.held_on <= ? ORDER BY f.held_on, f.id`, through.String())
}

// promisesWaitingQuery packs the promises made before a day and not yet
// kept, oldest first, as id, promised_on, direction, kind, and both
// people's ids and names: one value to read instead of a row each, which
// on a large network costs most of the digest's time. The promises come
// from introductions_waiting and the names from contacts_ladder (INDEXED
// BY: SQLite would read each person's row, and thousands of them fault in
// most of the contacts table).
const promisesWaitingQuery = `SELECT json_group_array(json_array(id, promised_on, direction, kind,
	from_id, from_name, to_id, to_name)) FROM (SELECT i.id, i.promised_on, i.direction, i.kind,
		i.from_id, fc.name AS from_name, i.to_id, tc.name AS to_name
	FROM introductions i JOIN contacts fc INDEXED BY contacts_ladder ON fc.id = i.from_id
		JOIN contacts tc INDEXED BY contacts_ladder ON tc.id = i.to_id
	WHERE i.status = 'promised' AND i.promised_on < ? ORDER BY i.promised_on, i.id)`

// PromisesWaiting returns the introductions promised before the day
// before and not yet made, oldest promise first, with what a reminder
// needs: id, direction, kind, who, and the day promised.
func (tx *Tx) PromisesWaiting(before dates.Date) ([]kith.Introduction, error) {
	p, err := tx.queryPacked(promisesWaitingQuery, before.String())
	if err != nil {
		return nil, err
	}
	out := make([]kith.Introduction, 0, p.rows())
	days := &dayCache{}
	err = p.each(8, func(f []string) error {
		in := kith.Introduction{Direction: kith.Direction(f[2]), Kind: kith.IntroKind(f[3]), Status: kith.Promised,
			From: kith.ContactRef{Name: f[5]}, To: kith.ContactRef{Name: f[7]}}
		on, err := days.parse(f[1])
		if err != nil {
			return fmt.Errorf("introduction %s: promised_on: %w", f[0], err)
		}
		in.On, in.StatusOn, in.PromisedOn = on, on, &on
		for _, n := range []struct {
			s  string
			to *int64
		}{{f[0], &in.ID}, {f[4], &in.From.ID}, {f[6], &in.To.ID}} {
			if *n.to, err = strconv.ParseInt(n.s, 10, 64); err != nil {
				return err
			}
		}
		out = append(out, in)
		return nil
	})
	return out, err
}

// birthdaysQuery selects the birthdays, through the contacts_birthday_day
// index; Birthdays narrows it to some month-days.
const birthdaysQuery = `SELECT id, name, birthday FROM contacts WHERE birthday <> '' AND id NOT IN ` + archivedIDs

func scanBirthday(row interface{ Scan(...any) error }) (kith.DateThatMatters, error) {
	d := kith.DateThatMatters{Label: kith.BirthdayLabel}
	err := row.Scan(&d.Contact.ID, &d.Contact.Name, &d.Day)
	return d, err
}

// Birthdays returns the birthdays that fall on any of the month-days
// (MM-DD) given.
func (tx *Tx) Birthdays(monthDays []string) ([]kith.DateThatMatters, error) {
	days, err := json.Marshal(monthDays)
	if err != nil {
		return nil, err
	}
	return queryAll(tx, scanBirthday, birthdaysQuery+` AND substr(birthday, -5) IN (SELECT value FROM json_each(?))`,
		string(days))
}

// DatesThatMatter returns every birthday and anniversary of every
// contact, birthdays first.
func (tx *Tx) DatesThatMatter() ([]kith.DateThatMatters, error) {
	birthdays, err := queryAll(tx, scanBirthday, birthdaysQuery)
	if err != nil {
		return nil, err
	}
	anniversaries, err := tx.Anniversaries()
	return append(birthdays, anniversaries...), err
}

// Anniversaries returns every anniversary of every contact, through the
// partial index of the few contacts that have any.
func (tx *Tx) Anniversaries() ([]kith.DateThatMatters, error) {
	var out []kith.DateThatMatters
	rows, err := tx.Query(`SELECT id, name, anniversaries FROM contacts WHERE anniversaries <> '' AND id NOT IN ` + archivedIDs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c kith.ContactRef
		var list string
		if err := rows.Scan(&c.ID, &c.Name, &list); err != nil {
			return nil, err
		}
		var as []string
		if err := json.Unmarshal([]byte(list), &as); err != nil {
			return nil, fmt.Errorf("contact %d: anniversaries: %w", c.ID, err)
		}
		for _, a := range as {
			label, day := kith.SplitAnniversary(a)
			out = append(out, kith.DateThatMatters{Contact: c, Label: label, Day: day})
		}
	}
	return out, rows.Err()
}

// OneToOnesHeld counts the meetings held from from to to (both included)
// that count toward the coffee objective: coffees, lunches and calls.
func (tx *Tx) OneToOnesHeld(from, to dates.Date) (int, error) {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM coffees WHERE planned = 0 AND held_on BETWEEN ? AND ?
		AND kind IN ('coffee', 'lunch', 'call')`, from.String(), to.String()).Scan(&n)
	return n, err
}
