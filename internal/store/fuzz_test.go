package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kith-crm/kith/internal/kith"
)

// FuzzResolveContact: no REF may panic, and whatever one resolves to is
// a contact it names: by id ("12" or "#12" as lists show it), by email,
// by whole name or by name prefix, with or without its accents.
// A failure is a kith error the CLI can print.
func FuzzResolveContact(f *testing.F) {
	for _, s := range []string{"1", "ana", "Ana Lima", "ana@example.com", "ANA@EXAMPLE.COM", "Zoë", "zo", "%", "_", "'", "", "-1", "999"} {
		f.Add(s)
	}
	db, _ := openTemp(f)
	ctx := context.Background()
	for _, c := range []kith.Contact{
		{Name: "Ana Lima", Emails: []string{"ana@example.com"}},
		{Name: "Ana Lopes"},
		{Name: "Zoë Ölund", Emails: []string{"zoe@example.com", "z@ex.org"}},
		{Name: "100% Real"},
		{Name: "O'Brien_Co"},
		{Name: "42"},
	} {
		if _, err := db.AddContact(ctx, c); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, ref string) {
		c, err := db.ResolveContact(ctx, ref)
		if err != nil {
			var ke *kith.Error
			if !errors.As(err, &ke) {
				t.Fatalf("ResolveContact(%q): %v is not a kith error", ref, err)
			}
			if ke.Code == kith.Internal {
				t.Fatalf("ResolveContact(%q): internal error %v", ref, err)
			}
			return
		}
		ref = strings.TrimSpace(ref)
		key := kith.Fold(ref)
		id, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64)
		named := (err == nil && id == c.ID) || strings.HasPrefix(kith.Fold(c.Name), key) ||
			strings.HasPrefix(kith.FoldAccents(c.Name), kith.FoldAccents(ref))
		for _, e := range c.Emails {
			named = named || kith.Fold(e) == key
		}
		if !named || key == "" {
			t.Fatalf("ResolveContact(%q) = #%d %q, which that REF does not name", ref, c.ID, c.Name)
		}
	})
}
