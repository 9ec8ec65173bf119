package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Due returns everything to do up to and including the day through: open
// stored follow-ups and the stay-in-touch items cadences imply, oldest
// first, with overdue days counted from today.
//
// It reads only index ranges (migrations 0003 and 0005): the open
// follow-ups by due day, and for cadences the contacts whose base day (last
// contact, or the day they were added) is early enough. The index keys use
// the UTC day of created_at, which can differ from the user's local day by
// one, so the ranges reach one day further and Go keeps the exact matches.
func (db *DB) Due(ctx context.Context, through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	var out []kith.DueItem
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.due(through, policy)
		return err
	})
	return out, err
}

// The due queries return all their rows packed in one text value: one line
// per row, fields separated by tabs, free text JSON-quoted (json_quote
// escapes tabs and line breaks, so neither can split a record). A morning
// list can hold tens of thousands of items, and database/sql costs about a
// microsecond a row; one value costs nothing of the kind.

// dueFollowupsQuery packs the open follow-ups due by a day as
// due_on, id, contact_id, contact name, text; it reads only the covering
// index followups_open_due.
const dueFollowupsQuery = `SELECT group_concat(due_on || char(9) || id || char(9) || contact_id || char(9)
	|| json_quote(contact_name) || char(9) || json_quote(text), char(10))
	FROM followups WHERE done_at IS NULL AND due_on <= ?`

// cadenceFields packs a contact as id, name, last contact, created_at and
// cadence days, for a cadence query.
const cadenceFields = `SELECT group_concat(id || char(9) || json_quote(name) || char(9) || COALESCE(last_contact, '')
	|| char(9) || created_at || char(9) || `

// dueOwnCadenceQuery packs the contacts with a cadence of their own that may
// be due by a day, reading only the covering index contacts_cadence_due.
const dueOwnCadenceQuery = cadenceFields + `cadence_days, char(10)) FROM contacts
	WHERE cadence_days IS NOT NULL
	AND julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days <= julianday(?) + 1`

// dueCategoryCadenceQuery packs the contacts of one category, without a
// cadence of their own, last seen by a day (index contacts_category_base).
const dueCategoryCadenceQuery = cadenceFields + `?, char(10)) FROM contacts
	WHERE cadence_days IS NULL AND category_key = ?
	AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?`

// dueDefaultCadenceQuery packs the contacts outside the listed categories,
// without a cadence of their own, last seen by a day (index contacts_base).
const dueDefaultCadenceQuery = cadenceFields + `?, char(10)) FROM contacts
	WHERE cadence_days IS NULL AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?
	AND category_key NOT IN (SELECT value FROM json_each(?))`

func (tx *Tx) due(through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	today := tx.Today()
	items := []kith.DueItem{}
	reserve := func(n int) { items = slices.Grow(items, n) }
	days := dayCache{}
	var ids []int64 // one allocation for all the items' ids
	err := tx.queryPacked(func(n int) { reserve(n); ids = make([]int64, 0, n) }, func(f []string) error {
		due, err := days.parse(f[0])
		if err != nil {
			return fmt.Errorf("follow-up %s: due_on: %w", f[1], err)
		}
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return err
		}
		ids = append(ids, id)
		it := kith.DueItem{ID: &ids[len(ids)-1], Kind: kith.KindFollowup, Due: due, OverdueDays: today.DaysSince(due)}
		if it.ContactID, err = strconv.ParseInt(f[2], 10, 64); err != nil {
			return err
		}
		if it.Contact, err = unquoteJSON(f[3]); err != nil {
			return err
		}
		if it.What, err = unquoteJSON(f[4]); err != nil {
			return err
		}
		items = append(items, it)
		return nil
	}, dueFollowupsQuery, through.String())
	if err != nil {
		return nil, err
	}

	cadence := func(f []string) error {
		item, ok, err := tx.cadenceItem(f, through, days)
		if ok {
			items = append(items, item)
		}
		return err
	}
	// contacts with a cadence of their own: the covering index contacts_cadence_due
	if err := tx.queryPacked(reserve, cadence, dueOwnCadenceQuery, through.String()); err != nil {
		return nil, err
	}

	// the rest, by the cadence of their category, else the default
	categories := make([]string, 0, len(policy.ByCategory))
	for cat := range policy.ByCategory {
		categories = append(categories, kith.Fold(cat))
	}
	sort.Strings(categories)
	for _, cat := range categories {
		days := policy.For(cat, nil)
		if days <= 0 {
			continue
		}
		if err := tx.queryPacked(reserve, cadence, dueCategoryCadenceQuery, days, cat, through.AddDays(1-days).String()); err != nil {
			return nil, err
		}
	}
	if policy.Default > 0 {
		// categories with a cadence of their own (or none) are not the default's
		others, err := json.Marshal(categories)
		if err != nil {
			return nil, err
		}
		if err := tx.queryPacked(reserve, cadence, dueDefaultCadenceQuery, policy.Default, through.AddDays(1-policy.Default).String(), string(others)); err != nil {
			return nil, err
		}
	}
	return kith.SortDue(items), nil
}

// cadenceItem reads one packed contact and returns its stay-in-touch item
// when it falls due by through.
func (tx *Tx) cadenceItem(f []string, through dates.Date, days dayCache) (kith.DueItem, bool, error) {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return kith.DueItem{}, false, err
	}
	cadence, err := strconv.Atoi(f[4])
	if err != nil {
		return kith.DueItem{}, false, fmt.Errorf("contact %d: cadence: %w", id, err)
	}
	var due dates.Date
	if f[2] != "" {
		last, err := days.parse(f[2])
		if err != nil {
			return kith.DueItem{}, false, fmt.Errorf("contact %d: last_contact: %w", id, err)
		}
		due = kith.CadenceDue(&last, dates.Date{}, cadence)
	} else {
		added, err := time.Parse(time.RFC3339, f[3])
		if err != nil {
			return kith.DueItem{}, false, fmt.Errorf("contact %d: created_at: %w", id, err)
		}
		due = kith.CadenceDue(nil, tx.localDay(added), cadence)
	}
	if due.After(through) {
		return kith.DueItem{}, false, nil
	}
	name, err := unquoteJSON(f[1])
	return kith.CadenceItem(id, name, due, tx.Today()), true, err
}

// queryPacked runs a query that packs its rows (see above) and calls each
// with the fields of every row.
// reserve hears first how many rows there are.
func (tx *Tx) queryPacked(reserve func(rows int), each func(fields []string) error, query string, args ...any) error {
	var packed sql.NullString
	if err := tx.QueryRow(query, args...).Scan(&packed); err != nil {
		return err
	}
	if packed.String != "" {
		reserve(strings.Count(packed.String, "\n") + 1)
	}
	var fields [5]string
	for rest := packed.String; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		for i := range fields {
			field, after, found := strings.Cut(line, "\t")
			if !found && i < len(fields)-1 {
				return fmt.Errorf("packed row %q has %d fields, want %d", line, i+1, len(fields))
			}
			fields[i], line = field, after
		}
		if err := each(fields[:]); err != nil {
			return err
		}
	}
	return nil
}

// unquoteJSON reads a string written by SQLite's json_quote.
func unquoteJSON(q string) (string, error) {
	if len(q) >= 2 && q[0] == '"' && q[len(q)-1] == '"' && !strings.ContainsRune(q, '\\') {
		return q[1 : len(q)-1], nil
	}
	var s string
	err := json.Unmarshal([]byte(q), &s)
	return s, err
}

// dayCache parses YYYY-MM-DD days, each distinct one once: a long due list
// repeats a few hundred days.
type dayCache map[string]dates.Date

func (c dayCache) parse(s string) (dates.Date, error) {
	if d, ok := c[s]; ok {
		return d, nil
	}
	d, err := dates.ParseISO(s)
	if err == nil {
		c[s] = d
	}
	return d, err
}
