package store

import (
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
)

// NapkinName is one person on the napkin.
type NapkinName struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Category    string      `json:"category"`
	LastContact *dates.Date `json:"last_contact"`
}

// CategorySize counts the contacts of one napkin category.
type CategorySize struct {
	Key      string // the category folded; "" holds the contacts without one
	Count    int
	NeverMet int // never had a coffee
}

// CategorySizes counts the contacts of every category, archived contacts
// aside.
func (tx *Tx) CategorySizes() ([]CategorySize, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (CategorySize, error) {
		var c CategorySize
		err := row.Scan(&c.Key, &c.Count, &c.NeverMet)
		return c, err
	}, napkinCountsSQL)
}

// RecentlyMet returns the n people of the category with the key who had
// a coffee most recently, those never met last.
func (tx *Tx) RecentlyMet(categoryKey string, n int) ([]NapkinName, error) {
	// NULLs sort first, so DESC puts the never-met last.
	return queryAll(tx, scanNapkinName, napkinRecentSQL, categoryKey, n)
}

// LongestUnmet returns the n people of the category with the key whose
// last coffee is the oldest, among those met at all.
func (tx *Tx) LongestUnmet(categoryKey string, n int) ([]NapkinName, error) {
	return queryAll(tx, scanNapkinName, napkinOldestSQL, categoryKey, n)
}

func scanNapkinName(row interface{ Scan(...any) error }) (NapkinName, error) {
	var nn NapkinName
	var last sql.NullString
	if err := row.Scan(&nn.ID, &nn.Name, &nn.Category, &last); err != nil {
		return nn, err
	}
	var err error
	nn.LastContact, err = dateOf(last)
	return nn, err
}

// The queries, named so a test can check each one's plan reads an index.
const (
	// Counted as they are written, in the category tally
	// (0031_category_tally). A category whose contacts all went keeps a
	// row of none.
	napkinCountsSQL = `SELECT category_key, contacts, never_met FROM category_tally WHERE contacts > 0`
	napkinRecentSQL = `SELECT id, name, category, last_contact FROM contacts
				WHERE category_key = ? AND id NOT IN ` + archivedIDs + ` ORDER BY last_contact DESC, id DESC LIMIT ?`
	napkinOldestSQL = `SELECT id, name, category, last_contact FROM contacts
				WHERE category_key = ? AND last_contact IS NOT NULL AND id NOT IN ` + archivedIDs + `
				ORDER BY last_contact, id LIMIT ?`
)
