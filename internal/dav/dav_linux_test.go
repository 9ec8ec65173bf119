//go:build linux

package dav

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/davtest"
	"github.com/kith-crm/kith/internal/kith"
)

const card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u1\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEND:VCARD\r\n"

func TestAgainstRadicale(t *testing.T) {
	srv := davtest.Start(t)
	require.NoError(t, srv.MakeCollection("contacts", false))
	ctx := context.Background()
	c, err := New(Account{URL: srv.URL, Username: davtest.User, Password: davtest.Password})
	require.NoError(t, err)

	principal, err := c.Principal(ctx)
	require.NoError(t, err)
	book, err := c.AddressBook(ctx, principal, "")
	require.NoError(t, err)
	assert.Equal(t, "/ana/contacts/", book.Path)

	ch, err := c.Changes(ctx, book.Path, "")
	require.NoError(t, err)
	assert.True(t, ch.Full)
	assert.Empty(t, ch.Updated)
	assert.NotEmpty(t, ch.Token)

	etag, err := c.Put(ctx, book.Path+"u1.vcf", "text/vcard", []byte(card), "")
	require.NoError(t, err)
	assert.NotEmpty(t, etag)
	_, err = c.Put(ctx, book.Path+"u1.vcf", "text/vcard", []byte(card), "")
	assert.True(t, IsStatus(err, 412), "a create over an existing card is refused: %v", err)
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err))

	next, err := c.Changes(ctx, book.Path, ch.Token)
	require.NoError(t, err)
	assert.False(t, next.Full)
	require.Len(t, next.Updated, 1)
	assert.Equal(t, Ref{Path: book.Path + "u1.vcf", ETag: etag}, next.Updated[0])

	objs, err := c.Fetch(ctx, book.Path, []string{book.Path + "u1.vcf", book.Path + "gone.vcf"}, false)
	require.NoError(t, err)
	require.Len(t, objs, 2)
	byPath := map[string]Object{}
	for _, o := range objs {
		byPath[o.Path] = o
	}
	assert.Contains(t, string(byPath[book.Path+"u1.vcf"].Data), "FN:Ana Lima")
	assert.Equal(t, etag, byPath[book.Path+"u1.vcf"].ETag)
	assert.True(t, byPath[book.Path+"gone.vcf"].Missing)

	_, err = c.Put(ctx, book.Path+"u1.vcf", "text/vcard", []byte(card), "stale")
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err), "a write over a changed card is refused")
	require.Error(t, c.Delete(ctx, book.Path+"u1.vcf", "stale"))
	require.NoError(t, c.Delete(ctx, book.Path+"u1.vcf", etag))
	require.NoError(t, c.Delete(ctx, book.Path+"u1.vcf", etag), "a card already gone is no error")

	last, err := c.Changes(ctx, book.Path, next.Token)
	require.NoError(t, err)
	assert.Equal(t, []string{book.Path + "u1.vcf"}, last.Deleted)
	stale, err := c.Changes(ctx, book.Path, "http://radicale.org/ns/sync/unknown")
	require.NoError(t, err)
	assert.True(t, stale.Full, "a token the server forgot lists everything")
	t.Logf("%d requests", c.Requests())
}

func TestBadAccounts(t *testing.T) {
	srv := davtest.Start(t)
	ctx := context.Background()
	for name, a := range map[string]Account{
		"wrong password": {URL: srv.URL, Username: davtest.User, Password: "nope"},
		"closed port":    {URL: "http://127.0.0.1:1/", Username: "x", Password: "y"},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := New(a)
			require.NoError(t, err)
			_, err = c.Principal(ctx)
			require.Error(t, err)
			t.Log(err)
			var ke *kith.Error
			require.ErrorAs(t, err, &ke)
		})
	}
}
