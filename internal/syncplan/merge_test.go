package syncplan

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/kith"
)

var (
	earlier = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	later   = earlier.Add(time.Hour)
)

func TestMerge(t *testing.T) {
	base := kith.Contact{Name: "Ana Lima", Title: "CTO", Emails: []string{"a@x.example"}, Tags: []string{"golf"}, Stage: kith.Lead}
	with := func(edit func(c *kith.Contact)) kith.Contact {
		c := base
		c.Emails = append([]string(nil), base.Emails...)
		c.Tags = append([]string(nil), base.Tags...)
		edit(&c)
		return c
	}
	tests := []struct {
		name          string
		local, remote kith.Contact
		kithAt        time.Time
		want          kith.Contact
		conflict      string // the note that keeps the value not kept
	}{
		{"changed in kith only", with(func(c *kith.Contact) { c.Title = "VP" }), base, later,
			with(func(c *kith.Contact) { c.Title = "VP" }), ""},
		{"changed on the server only", base, with(func(c *kith.Contact) { c.Title = "" }), later,
			with(func(c *kith.Contact) { c.Title = "" }), ""},
		{"different fields both kept", with(func(c *kith.Contact) { c.Title = "VP" }), with(func(c *kith.Contact) { c.Company = "Acme" }), later,
			with(func(c *kith.Contact) { c.Title, c.Company = "VP", "Acme" }), ""},
		{"same change on both sides", with(func(c *kith.Contact) { c.Stage = kith.Client }), with(func(c *kith.Contact) { c.Stage = kith.Client }), later,
			with(func(c *kith.Contact) { c.Stage = kith.Client }), ""},
		{"lists take both sides' additions and removals",
			with(func(c *kith.Contact) { c.Emails = append(c.Emails, "b@x.example"); c.Tags = nil }),
			with(func(c *kith.Contact) { c.Emails = append(c.Emails, "C@x.example"); c.Tags = append(c.Tags, "wine") }), later,
			with(func(c *kith.Contact) {
				c.Emails = []string{"a@x.example", "b@x.example", "C@x.example"}
				c.Tags = []string{"wine"}
			}), ""},
		{"the same field: kith later wins", with(func(c *kith.Contact) { c.Title = "VP" }), with(func(c *kith.Contact) { c.Title = "CEO" }), later,
			with(func(c *kith.Contact) { c.Title = "VP" }), `sync: title was "CEO" in server; kept "VP", changed later in kith`},
		{"the same field: the server later wins", with(func(c *kith.Contact) { c.Title = "VP" }), with(func(c *kith.Contact) { c.Title = "CEO" }), earlier.Add(-time.Hour),
			with(func(c *kith.Contact) { c.Title = "CEO" }), `sync: title was "VP" in kith; kept "CEO", changed later in server`},
		{"notes on both sides keep both", with(func(c *kith.Contact) { c.Notes = "likes golf" }), with(func(c *kith.Contact) { c.Notes = "two kids" }), later,
			with(func(c *kith.Contact) { c.Notes = "likes golf\ntwo kids" }), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conflicts := Merge(base, tt.local, tt.remote, tt.kithAt, earlier)
			assert.True(t, kith.SameContact(tt.want, got), "got %+v\nwant %+v", got, tt.want)
			var notes []string
			for _, c := range conflicts {
				notes = append(notes, ConflictNote(c))
			}
			assert.Equal(t, tt.conflict, strings.Join(notes, "\n"))
		})
	}
}

func TestPlan(t *testing.T) {
	ana := kith.Contact{ID: 1, Name: "Ana Lima", Emails: []string{"ana@x.example"}, Stage: kith.Halo}
	bo := kith.Contact{ID: 2, Name: "Bo Chen", Stage: kith.Halo}
	anaOnPhone := ana
	anaOnPhone.ID, anaOnPhone.Title = 0, "CTO"
	uids := 0
	newUID := func() string { uids++; return "new" }
	t.Run("first sync matches and pushes the rest", func(t *testing.T) {
		p := Make(Input{
			Locals: []Local{{Contact: ana}, {Contact: bo}},
			Cards:  []Card{{Href: "/b/p.vcf", ETag: "e1", UID: "phone", Contact: anaOnPhone, Changed: later}},
			Full:   true, Listed: map[string]bool{"/b/p.vcf": true},
			Match:  func(c kith.Contact) int64 { return map[string]int64{"Ana Lima": 1}[c.Name] },
			NewUID: newUID,
		})
		assert.Len(t, p.Local, 2, "Ana takes the card's title and UID; Bo gets a UID")
		assert.Equal(t, "phone", p.Local[0].UID)
		assert.Equal(t, []string{"title"}, p.Local[0].Fields)
		assert.Len(t, p.Remote, 1)
		assert.Equal(t, Create, p.Remote[0].Op)
		assert.Equal(t, "Bo Chen", p.Remote[0].Contact.Name)
	})
	t.Run("removed on the server, unchanged in kith", func(t *testing.T) {
		p := Make(Input{
			Links:   []Link{{UID: "u1", Href: "/b/u1.vcf", ETag: "e", Base: ana}},
			Locals:  []Local{{UID: "u1", Contact: ana}},
			Deleted: []string{"/b/u1.vcf"}, NewUID: newUID,
		})
		assert.Equal(t, []LocalChange{{Op: Remove, UID: "u1", ID: 1, Contact: ana}}, p.Local)
		assert.Empty(t, p.Remote)
	})
	t.Run("removed in kith, unchanged on the server", func(t *testing.T) {
		p := Make(Input{Links: []Link{{UID: "u1", Href: "/b/u1.vcf", ETag: "e", Base: ana}}, NewUID: newUID})
		assert.Equal(t, []RemoteChange{{Op: Remove, UID: "u1", Href: "/b/u1.vcf", ETag: "e", Contact: ana}}, p.Remote)
		assert.Equal(t, []string{"u1"}, p.Drop)
	})
	t.Run("removed on the server, changed in kith: the change goes back", func(t *testing.T) {
		changed := ana
		changed.Title = "VP"
		p := Make(Input{
			Links:   []Link{{UID: "u1", Href: "/b/u1.vcf", ETag: "e", Base: ana}},
			Locals:  []Local{{UID: "u1", Contact: changed}},
			Deleted: []string{"/b/u1.vcf"}, NewUID: newUID,
		})
		assert.Empty(t, p.Local)
		assert.Equal(t, Create, p.Remote[0].Op)
	})
}
