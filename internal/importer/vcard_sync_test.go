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
