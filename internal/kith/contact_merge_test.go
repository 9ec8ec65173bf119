package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func TestMergeFields(t *testing.T) {
	days := func(n int) *int { return &n }
	stored := kith.Contact{
		Name: "Ana Lima", Emails: []string{"Ana@Lima.law"}, Phones: []string{"+1 415 555 0100", "ext. desk"},
		Tags: []string{"BNI"}, Company: "Lima & Co", Stage: kith.Lead, CadenceDays: days(30), Source: "manual",
		Anniversaries: []string{"work:2021-06-01"},
	}
	in := kith.Contact{
		Name: "Ana M. Lima", Emails: []string{"ana@lima.law", "ana@example.com"},
		Phones: []string{"415-555-0100", "EXT. DESK", "+44 20 7946 0000"}, Tags: []string{"bni", "golf"},
		Company: "Lima Law", Title: "Partner", Stage: kith.Client, CadenceDays: days(14), Source: "import:csv",
		Advocacy: kith.Advocate, AdvocacySet: true, Anniversaries: []string{"WORK:2020-01-01", "wedding:--06-20"},
	}
	// a contact has one date per label: the stored one stays
	anniversaries := []string{"work:2021-06-01", "wedding:--06-20"}
	tests := []struct {
		name      string
		overwrite bool
		want      kith.Contact
	}{
		{"fills what is empty and joins the lists", false, kith.Contact{
			Name: "Ana Lima", Emails: []string{"Ana@Lima.law", "ana@example.com"},
			Phones: []string{"+1 415 555 0100", "ext. desk", "+44 20 7946 0000"}, Tags: []string{"BNI", "golf"},
			Company: "Lima & Co", Title: "Partner", Stage: kith.Lead, CadenceDays: days(30), Source: "manual",
			Advocacy: kith.Advocate, AdvocacySet: true, Anniversaries: anniversaries,
		}},
		{"overwrites what differs but keeps the source", true, kith.Contact{
			Name: "Ana M. Lima", Emails: []string{"Ana@Lima.law", "ana@example.com"},
			Phones: []string{"+1 415 555 0100", "ext. desk", "+44 20 7946 0000"}, Tags: []string{"BNI", "golf"},
			Company: "Lima Law", Title: "Partner", Stage: kith.Client, CadenceDays: days(14), Source: "manual",
			Advocacy: kith.Advocate, AdvocacySet: true, Anniversaries: anniversaries,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kith.MergeFields(stored, in, tt.overwrite)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, []string{"Ana@Lima.law"}, stored.Emails, "the stored contact's lists are not changed in place")
		})
	}
}

func TestMergeFieldsKeepsAChosenAdvocacy(t *testing.T) {
	stored := kith.Contact{Advocacy: kith.RavingFan, AdvocacySet: true}
	in := kith.Contact{Advocacy: kith.Advocate, AdvocacySet: true}
	assert.Equal(t, kith.RavingFan, kith.MergeFields(stored, in, false).Advocacy)
	assert.Equal(t, kith.Advocate, kith.MergeFields(stored, in, true).Advocacy)
	derived := kith.Contact{Advocacy: kith.Advocate}
	assert.False(t, kith.MergeFields(kith.Contact{}, derived, true).AdvocacySet, "a derived level is not imported")
}

func TestSameContact(t *testing.T) {
	days := func(n int) *int { return &n }
	a := kith.Contact{Name: "Ana", Emails: []string{"ana@lima.law"}, CadenceDays: days(30)}
	b := a
	b.CadenceDays = days(30)
	assert.True(t, kith.SameContact(a, b), "cadences compare by value")
	b.Emails = []string{"ANA@lima.law"}
	assert.False(t, kith.SameContact(a, b), "a changed spelling is written")
	b = a
	b.Source, b.Email, b.ID = "import:csv", "ana@lima.law", 9
	assert.True(t, kith.SameContact(a, b), "no import changes the source, the primary email or the id")
}

func TestCombineContacts(t *testing.T) {
	early, late := dates.New(2025, 3, 1), dates.New(2026, 1, 9)
	keep := kith.Contact{Name: "Ana Lima", Notes: "likes golf", MetAt: "BNI", Topic: "zoning", LastContact: &early}
	other := kith.Contact{Name: "Ana", Notes: "two kids", MetAt: "BNI", Topic: "zoning rules", Idea: "intro to banker",
		Company: "Lima & Co", LastContact: &late}
	got := kith.CombineContacts(keep, other)
	assert.Equal(t, "Ana Lima", got.Name, "keep's fields stay")
	assert.Equal(t, "Lima & Co", got.Company, "empty ones are filled")
	assert.Equal(t, "likes golf\ntwo kids", got.Notes, "different notes are joined")
	assert.Equal(t, "BNI", got.MetAt, "the same card note is kept once")
	assert.Equal(t, "zoning\nzoning rules", got.Topic)
	assert.Equal(t, "intro to banker", got.Idea)
	assert.Equal(t, &late, got.LastContact, "the later last contact")

	keep.Notes, other.Notes = "likes golf and two kids", "two kids"
	assert.Equal(t, "likes golf and two kids", kith.CombineContacts(keep, other).Notes, "notes already holding the other's stay")
}
