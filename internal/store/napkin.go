package store

import (
	"context"
	"database/sql"
	"sort"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// NapkinName is one person on the napkin.
type NapkinName struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Category    string      `json:"category"`
	LastContact *dates.Date `json:"last_contact"`
}

// NapkinColumn is one category of the napkin: how many people are in it,
// how many of them the user has never met, and the most recently met.
type NapkinColumn struct {
	Category string       `json:"category"` // "" holds the contacts without one
	Count    int          `json:"count"`
	NeverMet int          `json:"never_met"`
	Recent   []NapkinName `json:"recent"`
}

// Napkin is every category with its people, and the people not met for
// the longest time across all of them.
type Napkin struct {
	Columns  []NapkinColumn `json:"columns"`
	Total    int            `json:"total"`
	NeverMet int            `json:"never_met"`
	// Longest are the people whose last coffee is the oldest, among those
	// the user has met at all.
	Longest []NapkinName `json:"longest_without_coffee"`
}

// Napkin reads the napkin: every category by size with its recent most
// names, and the longest most people without a coffee. Each part reads
// the contacts_category_seen index, never a whole category.
func (db *DB) Napkin(ctx context.Context, recent, longest int) (Napkin, error) {
	n := Napkin{Columns: []NapkinColumn{}}
	err := db.read(ctx, "napkin", func(tx *Tx) error {
		rows, err := tx.Query(napkinCountsSQL)
		if err != nil {
			return err
		}
		var keys []string
		for rows.Next() {
			var col NapkinColumn
			var key string
			if err := rows.Scan(&key, &col.Count, &col.NeverMet); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, key)
			n.Columns = append(n.Columns, col)
			n.Total += col.Count
			n.NeverMet += col.NeverMet
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, key := range keys {
			col := &n.Columns[i]
			// NULLs sort first, so DESC puts the never-met last.
			if col.Recent, err = tx.napkinNames(napkinRecentSQL, key, max(recent, 1)); err != nil {
				return err
			}
			col.Category = col.Recent[0].Category
			col.Recent = col.Recent[:min(recent, len(col.Recent))]
			oldest, err := tx.napkinNames(napkinOldestSQL, key, longest)
			if err != nil {
				return err
			}
			n.Longest = append(n.Longest, oldest...)
		}
		return nil
	})
	sort.SliceStable(n.Columns, func(i, j int) bool {
		a, b := n.Columns[i], n.Columns[j]
		if (a.Category == "") != (b.Category == "") {
			return b.Category == "" // the uncategorised go last
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return kith.Fold(a.Category) < kith.Fold(b.Category)
	})
	sort.SliceStable(n.Longest, func(i, j int) bool {
		a, b := n.Longest[i], n.Longest[j]
		if *a.LastContact != *b.LastContact {
			return a.LastContact.Before(*b.LastContact)
		}
		return a.ID < b.ID
	})
	n.Longest = n.Longest[:min(longest, len(n.Longest))]
	if n.Longest == nil {
		n.Longest = []NapkinName{}
	}
	return n, err
}

func (tx *Tx) napkinNames(q string, args ...any) ([]NapkinName, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []NapkinName{}
	for rows.Next() {
		var nn NapkinName
		var last sql.NullString
		if err := rows.Scan(&nn.ID, &nn.Name, &nn.Category, &last); err != nil {
			return nil, err
		}
		if nn.LastContact, err = dateOf(last); err != nil {
			return nil, err
		}
		out = append(out, nn)
	}
	return out, rows.Err()
}

// The queries, named so a test can check each one's plan reads an index.
const (
	napkinCountsSQL = `SELECT category_key, count(*), count(*) - count(last_contact)
			FROM contacts GROUP BY category_key`
	napkinRecentSQL = `SELECT id, name, category, last_contact FROM contacts
				WHERE category_key = ? ORDER BY last_contact DESC, id DESC LIMIT ?`
	napkinOldestSQL = `SELECT id, name, category, last_contact FROM contacts
				WHERE category_key = ? AND last_contact IS NOT NULL ORDER BY last_contact, id LIMIT ?`
)
