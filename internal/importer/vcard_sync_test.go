package importer

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

func TestSyncCardRoundTrip(t *testing.T) {
	days := 30
	c := kith.Contact{Name: "Ana; Lima, Jr", Emails: []string{"ana@x.example", "a@y.example"}, Phones: []string{"+1 415 555 0100"},
		Company: "Acme; Sons", Title: "CTO", Category: "lawyer", Tags: []string{"golf, wine", "bni"}, Stage: kith.Client,
		Advocacy: kith.RavingFan, AdvocacySet: true, MetAt: "BNI breakfast", Topic: "kids\\school", Idea: "send the deck",
		CadenceDays: &days, LinkedInURL: "https://www.linkedin.com/in/ana", Birthday: "--03-14",
		Anniversaries: []string{"wedding:2010-06-01", "work:2021-06-01"}, Notes: "line one\nline two",
		UpdatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	require.NoError(t, c.Normalize())
	for _, version := range []string{"3.0", "4.0"} {
		t.Run(version, func(t *testing.T) {
			data, err := SyncCard(c, "uid-1", version)
			require.NoError(t, err)
			assert.Contains(t, string(data), "VERSION:"+version+"\r\n")
			got, err := ReadSyncCard(data, "x.vcf")
			require.NoError(t, err)
			assert.Empty(t, got.Dropped)
			assert.Equal(t, "uid-1", got.UID)
			assert.Equal(t, c.UpdatedAt, got.Rev)
			require.NoError(t, got.Contact.Normalize())
			assert.True(t, kith.SameContact(c, got.Contact), "every synced field comes back:\n%+v\n%+v", c, got.Contact)
		})
	}
}

func TestReadSyncCardProblems(t *testing.T) {
	got, err := ReadSyncCard([]byte("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Team\r\nEND:VCARD\r\n"), "g.vcf")
	require.NoError(t, err)
	assert.NotEmpty(t, got.Skip, "a group is no person")
	got, err = ReadSyncCard([]byte("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo\r\nX-KITH-STAGE:warm\r\nX-KITH-CADENCE:-3\r\nEND:VCARD\r\n"), "b.vcf")
	require.NoError(t, err)
	assert.Len(t, got.Dropped, 2, "kith's own fields it cannot read are left out")
	_, err = ReadSyncCard([]byte("hello"), "h.vcf")
	assert.Error(t, err)
	_, err = ReadSyncCard(nil, "e.vcf")
	assert.Error(t, err)
}

func TestSyncCardOverKeepsWhatKithDoesNotHold(t *testing.T) {
	phone := "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\nUID:ABC-123\r\n" +
		"FN:Ana Lima\r\nN:Lima;Ana;;;\r\nORG:Acme;\r\nTITLE:CTO\r\n" +
		"EMAIL;type=INTERNET;type=WORK;type=pref:ana@acme.example\r\n" +
		"item1.TEL;type=pref:+1 415 555 0100\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n" +
		"ADR;type=HOME:;;1 Main St;Springfield;;12345;USA\r\n" +
		"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDAoKCwsMDBEQDhERFhMUFhYXGBgbHB0dHh8gISIj\r\n" +
		" JCUmJygoKSkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/\r\n" +
		"END:VCARD\r\n"
	read, err := ReadSyncCard([]byte(phone), "a.vcf")
	require.NoError(t, err)
	c := read.Contact
	require.NoError(t, c.Normalize())
	c.Title = "VP Engineering"
	c.Phones = append(c.Phones, "+1 415 555 0199")
	c.Category = "lawyer"

	data, err := SyncCardOver(c, "kith-uid", []byte(phone))
	require.NoError(t, err)
	out := string(data)
	for _, kept := range []string{"PRODID:-//Apple", "UID:ABC-123", "ADR;type=HOME:;;1 Main St", "PHOTO;ENCODING=b", "item1.TEL;type=pref:+1 415 555 0100",
		"item1.X-ABLabel:_$!<Mobile>!$_", "EMAIL;type=INTERNET;type=WORK;type=pref:ana@acme.example", "ORG:Acme;", "N:Lima;Ana;;;"} {
		assert.Contains(t, out, kept, "what kith did not change stays as it was")
	}
	assert.NotContains(t, out, "TITLE:CTO")
	for _, added := range []string{"TITLE:VP Engineering", "TEL:+1 415 555 0199", "X-KITH-CATEGORY:lawyer"} {
		assert.Contains(t, out, added)
	}
	back, err := ReadSyncCard(data, "a.vcf")
	require.NoError(t, err)
	require.NoError(t, back.Contact.Normalize())
	assert.True(t, kith.SameContact(c, back.Contact), "the card reads back as the contact:\n%+v\n%+v", c, back.Contact)
}
