// Package kithtest holds test data that tests of several packages share.
package kithtest

import (
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// FullContact returns a contact with every field of kith.Contact set (kith's
// own tests check that none is left zero), in the form kith stores it: the
// lists normalised and the tags in order, so that a round trip through a
// file or the database that loses a field is noticed.
func FullContact() kith.Contact {
	cadence := 30
	last := dates.New(2026, time.February, 20)
	return kith.Contact{
		ID:          7,
		Name:        "Ana Lima",
		Email:       "ana@lima.law",
		Emails:      []string{"ana@lima.law", "ana.lima@example.com"},
		Phone:       "+1 415 555 0100",
		Phones:      []string{"+1 415 555 0100", "020 7946 0000"},
		Company:     "Lima & Co",
		Title:       "Partner",
		Category:    "lawyer",
		Tags:        []string{"bni", "golf"},
		Stage:       kith.Client,
		Advocacy:    kith.RavingFan,
		AdvocacySet: true,
		MetAt:       "Chamber breakfast",
		Topic:       "opening a second office",
		Idea:        "send seminar invite",
		CadenceDays: &cadence,
		LinkedInURL: "https://www.linkedin.com/in/ana-lima",
		Birthday:    "1985-04-12",
		// the one vCard names (wedding: ANNIVERSARY) and one of kith's own
		Anniversaries: []string{"wedding:2012-06-20", "work:--06-01"},
		Source:        "import:csv",
		LastContact:   &last,
		Notes:         "Prefers mornings.\nTwo children.",
		CreatedAt:     time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC),
		UpdatedAt:     time.Date(2026, time.February, 21, 10, 30, 0, 0, time.UTC),
	}
}
