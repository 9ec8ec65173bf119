package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// TestNamesakes finds who a new contact would be taken for: by name, by
// email, by phone (with or without a country code), never themselves.
func TestNamesakes(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ben, err := db.AddContact(ctx, kith.Contact{Name: "Ben Carter", Emails: []string{"ben@carter.io"}, Phones: []string{"+1 415 555 0100"}})
	require.NoError(t, err)
	addContacts(t, db, "Carla Mendes", "Hannah Lee")

	for name, tt := range map[string]struct {
		c    kith.Contact
		same string
	}{
		"name":          {kith.Contact{Name: "BEN  carter"}, "name"},
		"email":         {kith.Contact{Name: "B", Emails: []string{"Ben@Carter.io"}}, "email"},
		"phone":         {kith.Contact{Name: "B", Phones: []string{"(415) 555-0100"}}, "phone"},
		"no one":        {kith.Contact{Name: "Ben", Phones: []string{"555 0100"}}, ""},
		"short numbers": {kith.Contact{Name: "B", Phones: []string{"0100"}}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			found, err := db.Namesakes(ctx, tt.c, 0, false)
			require.NoError(t, err)
			if tt.same == "" {
				assert.Empty(t, found)
				return
			}
			require.Len(t, found, 1)
			assert.Equal(t, store.Namesake{ContactRef: kith.ContactRef{ID: ben.ID, Name: "Ben Carter"}, Same: tt.same,
				Value: found[0].Value}, found[0])
		})
	}
	found, err := db.Namesakes(ctx, kith.Contact{Name: "Ben Carter"}, ben.ID, true)
	require.NoError(t, err)
	assert.Empty(t, found, "a rename leaves the contact renamed out")

	for typed, want := range map[string][]string{"hannah": {"Hannah Lee"}, "Carl": nil, "Han": nil, "hannah lee": nil} {
		starts, err := db.NameStarts(ctx, typed)
		require.NoError(t, err)
		assert.Equal(t, want, namesOrNil(starts), typed)
	}
}

func namesOrNil(cs []kith.Contact) []string {
	if len(cs) == 0 {
		return nil
	}
	return names(cs)
}
