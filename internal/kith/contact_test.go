package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

func TestValidateEmail(t *testing.T) {
	for _, ok := range []string{"ana@lima.law", "a.b+c@sub.example.co.uk", "root@localhost", "zoë@exämple.de"} {
		assert.NoError(t, kith.ValidateEmail(ok), ok)
	}
	for _, bad := range []string{"ana", "ana@", "@x.io", "ana@lima", "Ana <ana@lima.law>", "ana@@x.io", "a b@x.io", "ana@x.io,bo@y.io"} {
		assert.Error(t, kith.ValidateEmail(bad), bad)
	}
}

func TestNormalize(t *testing.T) {
	c := kith.Contact{
		Name:   "  Ana Lima ",
		Emails: []string{" ana@lima.law", "ANA@lima.law", "", "ana@home.net"},
		Tags:   []string{"BNI", "bni", " golf "},
		Phones: []string{"+1 555", ""},
	}
	require.NoError(t, c.Normalize())
	assert.Equal(t, "Ana Lima", c.Name)
	assert.Equal(t, []string{"ana@lima.law", "ana@home.net"}, c.Emails)
	assert.Equal(t, "ana@lima.law", c.Email)
	assert.Equal(t, []string{"BNI", "golf"}, c.Tags)
	assert.Equal(t, "+1 555", c.Phone)
	assert.Equal(t, kith.Halo, c.Stage)
	assert.Equal(t, kith.NoAdvocacy, c.Advocacy)

	for name, bad := range map[string]kith.Contact{
		"empty name":   {Name: " "},
		"bad email":    {Name: "A", Emails: []string{"x"}},
		"bad stage":    {Name: "A", Stage: "warm"},
		"bad advocacy": {Name: "A", Advocacy: "fan"},
		"zero cadence": {Name: "A", CadenceDays: new(int)},
		"bad birthday": {Name: "A", Birthday: "hello"},
	} {
		t.Run(name, func(t *testing.T) {
			err := bad.Normalize()
			require.Error(t, err)
			assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
		})
	}
}

func TestPhoneDigits(t *testing.T) {
	assert.Equal(t, "15550100", kith.PhoneDigits("+1 (555) 01-00"))
}
