package app

import (
	"context"
	"sort"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// NapkinColumn is one category of the napkin: how many people are in it,
// how many of them the user has never met, and the most recently met.
type NapkinColumn struct {
	Category string             `json:"category"` // "" holds the contacts without one
	Count    int                `json:"count"`
	NeverMet int                `json:"never_met"`
	Recent   []store.NapkinName `json:"recent"`
}

// Napkin is every category with its people, and the people not met for
// the longest time across all of them.
type Napkin struct {
	Columns  []NapkinColumn `json:"columns"`
	Total    int            `json:"total"`
	NeverMet int            `json:"never_met"`
	// Longest are the people whose last coffee is the oldest, among those
	// the user has met at all.
	Longest []store.NapkinName `json:"longest_without_coffee"`
}

// DrawNapkin reads the napkin: every category by size with its recent
// most names, and the longest most people without a coffee. Each part
// reads one category through an index, never a whole category.
func DrawNapkin(ctx context.Context, db *store.DB, recent, longest int) (Napkin, error) {
	n := Napkin{Columns: []NapkinColumn{}}
	err := db.Scan(ctx, "napkin", func(tx *store.Tx) error {
		sizes, err := tx.CategorySizes()
		if err != nil {
			return err
		}
		for _, size := range sizes {
			col := NapkinColumn{Count: size.Count, NeverMet: size.NeverMet}
			// at least one name, for the category's spelling
			if col.Recent, err = tx.RecentlyMet(size.Key, max(recent, 1)); err != nil {
				return err
			}
			col.Category = col.Recent[0].Category
			col.Recent = col.Recent[:min(recent, len(col.Recent))]
			oldest, err := tx.LongestUnmet(size.Key, longest)
			if err != nil {
				return err
			}
			n.Columns = append(n.Columns, col)
			n.Total += col.Count
			n.NeverMet += col.NeverMet
			n.Longest = append(n.Longest, oldest...)
		}
		return nil
	})
	n.sort(longest)
	return n, err
}

// sort puts the largest categories first (the uncategorised last) and
// keeps the longest people longest without a coffee, oldest first.
func (n *Napkin) sort(longest int) {
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
		n.Longest = []store.NapkinName{}
	}
}
