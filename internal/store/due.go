package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Due returns everything to do up to and including the day through: open
// stored follow-ups and the stay-in-touch items cadences imply, oldest
// first, with overdue days counted from today.
//
// It reads only index ranges (see migration 0003): the follow-ups by open
// due day, and for cadences the contacts whose base day (last contact, or
// the day they were added) is early enough. The index keys use the UTC day
// of created_at, which can differ from the user's local day by one, so the
// ranges reach one day further and Go keeps the exact matches.
func (db *DB) Due(ctx context.Context, through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	var out []kith.DueItem
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.due(through, policy)
		return err
	})
	return out, err
}

func (tx *Tx) due(through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	items, err := tx.dueFollowups(through)
	if err != nil {
		return nil, err
	}
	cad := cadenceScan{tx: tx, through: through, items: items}

	// contacts with a cadence of their own
	if err := cad.scan(`SELECT id, name, last_contact, created_at, cadence_days FROM contacts
		WHERE cadence_days IS NOT NULL
		AND julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days <= julianday(?) + 1`,
		through.String()); err != nil {
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
		if err := cad.scan(`SELECT id, name, last_contact, created_at, ? FROM contacts
			WHERE cadence_days IS NULL AND category_key = ?
			AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?`,
			days, cat, through.AddDays(1-days).String()); err != nil {
			return nil, err
		}
	}
	if policy.Default > 0 {
		// categories with a cadence of their own (or none) are not the default's
		others, err := json.Marshal(categories)
		if err != nil {
			return nil, err
		}
		if err := cad.scan(`SELECT id, name, last_contact, created_at, ? FROM contacts
			WHERE cadence_days IS NULL AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?
			AND category_key NOT IN (SELECT value FROM json_each(?))`,
			policy.Default, through.AddDays(1-policy.Default).String(), string(others)); err != nil {
			return nil, err
		}
	}
	items = cad.items
	kith.SortDue(items)
	return items, nil
}

// dueFollowups returns the open stored follow-ups due by through.
func (tx *Tx) dueFollowups(through dates.Date) ([]kith.DueItem, error) {
	rows, err := tx.Query(`SELECT f.id, f.contact_id, c.name, f.text, f.due_on
		FROM followups f JOIN contacts c ON c.id = f.contact_id
		WHERE f.done_at IS NULL AND f.due_on <= ?`, through.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	today := tx.Today()
	items := []kith.DueItem{}
	for rows.Next() {
		var (
			fu  kith.Followup
			due string
		)
		if err := rows.Scan(&fu.ID, &fu.ContactID, &fu.Contact, &fu.Text, &due); err != nil {
			return nil, err
		}
		if fu.Due, err = dates.ParseISO(due); err != nil {
			return nil, fmt.Errorf("follow-up %d: due_on: %w", fu.ID, err)
		}
		items = append(items, fu.Item(today))
	}
	return items, rows.Err()
}

// cadenceScan collects stay-in-touch items from queries that select a
// contact's id, name, last_contact, created_at and cadence in days.
type cadenceScan struct {
	tx      *Tx
	through dates.Date
	items   []kith.DueItem
}

func (s *cadenceScan) scan(q string, args ...any) error {
	rows, err := s.tx.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	today := s.tx.Today()
	for rows.Next() {
		var (
			id            int64
			name, created string
			last          sql.NullString
			days          int
		)
		if err := rows.Scan(&id, &name, &last, &created, &days); err != nil {
			return err
		}
		var lastDay *dates.Date
		if last.Valid {
			d, err := dates.ParseISO(last.String)
			if err != nil {
				return fmt.Errorf("contact %d: last_contact: %w", id, err)
			}
			lastDay = &d
		}
		addedAt, err := time.Parse(time.RFC3339, created)
		if err != nil {
			return fmt.Errorf("contact %d: created_at: %w", id, err)
		}
		due := kith.CadenceDue(lastDay, s.tx.localDay(addedAt), days)
		if due.After(s.through) {
			continue
		}
		s.items = append(s.items, kith.CadenceItem(id, name, due, today))
	}
	return rows.Err()
}
