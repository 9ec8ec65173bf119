package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

func TestValidateEmail(t *testing.T) {
	for _, ok := range []string{"ana@lima.law", "a.b+c@sub.example.co.uk", "root@localhost", "zoë@exämple.de", "contact1@invalid"} {
		assert.NoError(t, kith.ValidateEmail(ok), ok)
	}
	for _, bad := range []string{"ana", "ana@", "@x.io", "Ana <ana@lima.law>", "ana@@x.io", "a b@x.io", "ana@x.io,bo@y.io"} {
		assert.Error(t, kith.ValidateEmail(bad), bad)
	}
	// an answer "Dan@Acme" is a name at a company, not an address
	assert.True(t, kith.LooksLikeEmail("ana@lima.law"))
	assert.True(t, kith.LooksLikeEmail("root@localhost"))
	assert.False(t, kith.LooksLikeEmail("dan@acme"))
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

func TestSamePhoneDigits(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"equal", "4155550100", "4155550100", true},
		{"equal short", "0100", "0100", true},
		{"+1 and without", kith.PhoneDigits("+1 415 555 0100"), kith.PhoneDigits("415-555-0100"), true},
		{"either order", "4155550100", "14155550100", true},
		{"+33 and nine national digits", kith.PhoneDigits("+33 6 12 34 56 78"), "612345678", true},
		{"three-digit country code", kith.PhoneDigits("+353 87 123 4567"), "871234567", true},
		{"trunk 0 is no country code", kith.PhoneDigits("0 415 555 0100"), "4155550100", false},
		{"international prefix is no country code", kith.PhoneDigits("011 44 20 7946 0958"), "442079460958", false},
		{"four extra digits", "12344155550100", "4155550100", false},
		{"eight digits never take a code", "4412345678", "12345678", false},
		{"other country codes", kith.PhoneDigits("+1 415 555 0100"), kith.PhoneDigits("+44 415 555 0100"), false},
		{"same tail, other number", "14155550100", "24155550199", false},
		{"extension is not a code", "415555010012", "4155550100", false},
		{"empty", "", "", true},
		{"empty and some", "", "4155550100", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.same, kith.SamePhoneDigits(tt.a, tt.b))
			assert.Equal(t, tt.same, kith.SamePhoneDigits(tt.b, tt.a), "symmetric")
			if tt.same {
				assert.Equal(t, kith.PhoneMatchKey(tt.a), kith.PhoneMatchKey(tt.b), "one number, one match key")
			}
		})
	}
}

func TestPhoneMatchKey(t *testing.T) {
	assert.Equal(t, "155550100", kith.PhoneMatchKey("14155550100"))
	assert.Equal(t, "612345678", kith.PhoneMatchKey("612345678"))
	assert.Equal(t, "12345678", kith.PhoneMatchKey("12345678"))
	assert.Equal(t, "", kith.PhoneMatchKey(""))
}

// TestInvisibleNames checks that a name made only of characters that print
// as nothing (zero-width space and joiners, a byte order mark, the Braille
// blank, a bidi mark) is refused like an empty one, and that such
// characters pasted around a name are trimmed like spaces.
func TestInvisibleNames(t *testing.T) {
	for _, name := range []string{"\u200b", "\u200d\u200c", "\ufeff", " \u2800 ", "\u202e", "\u3164", "\u200e\u00a0"} {
		c := kith.Contact{Name: name}
		assert.ErrorContains(t, c.Normalize(), "a contact needs a name", "%q", name)
		tg := kith.Target{Name: name}
		assert.ErrorContains(t, tg.Normalize(), "a target needs a name", "%q", name)
		_, err := kith.ValidateFollowupText(name)
		assert.ErrorContains(t, err, "a follow-up needs text", "%q", name)
	}
	c := kith.Contact{Name: "\ufeff\u200bAna Lima\u200b "}
	require.NoError(t, c.Normalize())
	assert.Equal(t, "Ana Lima", c.Name)
	// inside a name they stay: a joiner builds an emoji family
	c = kith.Contact{Name: "Ana 👩\u200d👩\u200d👧"}
	require.NoError(t, c.Normalize())
	assert.Equal(t, "Ana 👩\u200d👩\u200d👧", c.Name)
}

func TestFoldIgnoresInvisibleEnds(t *testing.T) {
	assert.Equal(t, "ana lima", kith.Fold("\u200b Ana Lima\ufeff"))
	assert.Equal(t, "jos\u00e9", kith.Fold("JOSE\u0301"))
}

func TestFoldCountsASpaceRunAsOne(t *testing.T) {
	for _, s := range []string{"Ana  Lima", "Ana\tLima", "Ana \u00a0Lima", "Ana\nLima", " Ana Lima "} {
		assert.Equal(t, "ana lima", kith.Fold(s), "%q", s)
	}
}
