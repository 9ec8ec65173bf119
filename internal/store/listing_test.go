package store

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

// TestListingAgreesWithOneByOne lists a database of a few batches of
// contacts through every way a listing reads the lists (lookups by id,
// whole passes from the start, and the switch from one to the other) and
// checks each listing against the contacts read one at a time with their
// lists from subqueries, and against filters and order worked out in Go.
func TestListingAgreesWithOneByOne(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "kith.db"), func() time.Time {
		return time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })

	const n = 3*listBatch + 17
	rng := rand.New(rand.NewSource(11))
	pick := func(from ...string) string { return from[rng.Intn(len(from))] }
	some := func(max int, value func(int) string) []string {
		out := []string{}
		for i := rng.Intn(max + 1); i > 0; i-- {
			out = append(out, value(i))
		}
		return out
	}
	var ids []int64
	require.NoError(t, db.write(ctx, "test", func(tx *Tx) error {
		for i := 0; i < n; i++ {
			c := kith.Contact{
				// few names, so namesakes sort by company, then by id
				Name:     pick("Ana Lima", "ana lima", "Bruno Díaz", "Émile Roux", "Zoë Quintero", "Carl"),
				Company:  pick("", "Acme", "acme", "Lima Law", "Zeta"),
				Title:    pick("", "Partner", "CFO"),
				Category: pick("", "lawyer", "Banker", "banker"),
				Stage:    kith.Stages[rng.Intn(len(kith.Stages))],
				Notes:    pick("", "met at the ACME fair", "likes sailing"),
				// several of each, not in the order they are listed in
				Emails: some(3, func(k int) string { return fmt.Sprintf("p%d.%d@example.com", i, k) }),
				Phones: some(2, func(k int) string { return fmt.Sprintf("+351 9%d%04d", k, i) }),
				Tags:   some(3, func(k int) string { return pick("VIP", "bni", "Alumni", "zeta", "Ängel") + strings.Repeat("x", k) }),
			}
			if rng.Intn(10) == 0 {
				c.Advocacy, c.AdvocacySet = kith.Advocate, true
			}
			added, err := tx.AddContact(c)
			if err != nil {
				return err
			}
			ids = append(ids, added.ID)
		}
		for i := 0; i < n/3; i++ {
			from, to := ids[rng.Intn(n)], ids[rng.Intn(n)]
			if from == to {
				continue
			}
			if _, err := tx.AddIntroduction(NewIntroduction{FromID: from, ToID: to,
				Direction: []kith.Direction{kith.Received, kith.Given}[rng.Intn(2)],
				Kind:      kith.IntroKinds[rng.Intn(len(kith.IntroKinds))], Asked: rng.Intn(3) > 0,
				Status: kith.IntroStatuses[rng.Intn(len(kith.IntroStatuses))]}); err != nil {
				return err
			}
		}
		return nil
	}))
	byID := map[int64]kith.Contact{}
	for _, id := range ids {
		c, err := db.GetContact(ctx, id)
		require.NoError(t, err)
		byID[id] = c
	}

	for _, tc := range []struct {
		name string
		f    ContactFilter
	}{
		{"everyone", ContactFilter{}},
		{"a few", ContactFilter{Limit: 5}},
		{"half", ContactFilter{Limit: n / 2}},
		{"category", ContactFilter{Category: "BANKER"}},
		{"stage", ContactFilter{Stage: kith.Halo}},
		{"tag", ContactFilter{Tag: "vip"}},
		{"rare tag", ContactFilter{Tag: "ängelx"}},
		{"search", ContactFilter{Search: "acme"}},
		{"search an email", ContactFilter{Search: "P7.2@EXAMPLE"}},
		{"search without accents", ContactFilter{Search: "emile"}},
		{"search a tag", ContactFilter{Search: "angel"}},
		{"search punctuation only", ContactFilter{Search: `" * (`}},
		{"filters combined", ContactFilter{Category: "lawyer", Tag: "bnix", Limit: 3}},
		{"no one", ContactFilter{Tag: "no such tag"}},
	} {
		f := tc.f
		t.Run(tc.name, func(t *testing.T) {
			var want []kith.Contact
			for _, id := range ids {
				if c := byID[id]; passes(c, f) {
					want = append(want, c)
				}
			}
			sort.SliceStable(want, func(i, j int) bool {
				a, b := want[i], want[j]
				if kith.Fold(a.Name) != kith.Fold(b.Name) {
					return kith.Fold(a.Name) < kith.Fold(b.Name)
				}
				if kith.Fold(a.Company) != kith.Fold(b.Company) {
					return kith.Fold(a.Company) < kith.Fold(b.Company)
				}
				return a.ID < b.ID
			})
			if f.Limit > 0 && len(want) > f.Limit {
				want = want[:f.Limit]
			}
			if want == nil {
				want = []kith.Contact{}
			}
			got, err := db.ListContacts(ctx, f)
			require.NoError(t, err)
			assert.Equal(t, want, got)

			var each []kith.Contact
			require.NoError(t, db.EachContact(ctx, f, func(c kith.Contact) error {
				each = append(each, c)
				return nil
			}))
			assert.Equal(t, len(want), len(each))
			if len(each) > 0 {
				assert.Equal(t, want, each)
			}
		})
	}
}

// passes is ContactFilter's rule, worked out in Go.
func passes(c kith.Contact, f ContactFilter) bool {
	if f.Category != "" && kith.Fold(c.Category) != kith.Fold(f.Category) ||
		f.Stage != "" && c.Stage != f.Stage {
		return false
	}
	has := func(list []string, match func(string) bool) bool {
		for _, v := range list {
			if match(kith.Fold(v)) {
				return true
			}
		}
		return false
	}
	if f.Tag != "" && !has(c.Tags, func(t string) bool { return t == kith.Fold(f.Tag) }) {
		return false
	}
	if f.Search == "" {
		return true
	}
	// every word of the search begins a word of some field
	fields := append([]string{c.Name, c.Company, c.Title, c.Category, c.MetAt, c.Topic, c.Idea, c.Notes}, c.Emails...)
	fields = append(fields, c.Tags...)
	words := kith.SearchWords(f.Search)
	for _, w := range words {
		if !has(fields, func(v string) bool { return kith.WordsFound(v, []string{w}) > 0 }) {
			return false
		}
	}
	return len(words) > 0
}
