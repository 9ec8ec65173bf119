package store

import (
	"context"
	"errors"

	"github.com/kith-crm/kith/internal/kith"
)

// IntroTag is the tag a contact met through an introduction carries,
// naming who introduced them.
func IntroTag(introducer string) string { return "via:" + introducer }

// FindAnswerContact finds the existing contact an answer names, by exact
// name (any case) or email, never by prefix. When several share the name,
// the answer's company picks one if it can; otherwise the error is an
// *AmbiguousError listing them. It returns nil when no contact matches.
func (db *DB) FindAnswerContact(ctx context.Context, a kith.Answer) (*kith.Contact, error) {
	var c *kith.Contact
	err := db.read(ctx, "find answered contact", func(tx *Tx) error {
		var err error
		c, err = tx.FindAnswerContact(a)
		return err
	})
	return c, err
}

// FindAnswerContact is the in-transaction form of DB.FindAnswerContact.
func (tx *Tx) FindAnswerContact(a kith.Answer) (*kith.Contact, error) {
	c, err := tx.FindContactExact(a.Name)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || a.Company == "" {
		return c, err
	}
	var atCompany []kith.Contact
	for _, cand := range amb.Candidates {
		if kith.Fold(cand.Company) == kith.Fold(a.Company) {
			atCompany = append(atCompany, cand)
		}
	}
	switch len(atCompany) {
	case 0:
		return nil, err
	case 1:
		return &atCompany[0], nil
	}
	return nil, &AmbiguousError{Ref: a.Name + " @ " + a.Company, Candidates: atCompany}
}

// NewContactChoice is the chosenID that says an answer names someone new,
// even though a contact already has that name.
const NewContactChoice int64 = -1

// ContactForAnswer returns the person an answer names: the contact the
// user chose (chosenID, when the name was ambiguous), an existing contact
// by exact name or email, or else a new halo contact tagged with who
// introduced them. created says a contact was added.
func (tx *Tx) ContactForAnswer(a kith.Answer, chosenID int64, introducer kith.Contact) (c kith.Contact, created bool, err error) {
	if chosenID > 0 {
		c, err = tx.getContact(chosenID)
		return c, false, err
	}
	if chosenID != NewContactChoice {
		found, err := tx.FindAnswerContact(a)
		if err != nil || found != nil {
			if found != nil {
				c = *found
			}
			return c, false, err
		}
	}
	c = kith.Contact{Name: a.Name, Company: a.Company, Stage: kith.Halo, Source: "intro",
		Tags: []string{IntroTag(introducer.Name)}}
	if kith.LooksLikeEmail(a.Name) {
		c.Emails = []string{a.Name}
	}
	c, err = tx.AddContact(c)
	return c, err == nil, err
}

// AnswerChoice is an answer to one of the three questions, with the
// contact the user picked when its name matched several.
type AnswerChoice struct {
	kith.Answer
	ContactID int64
}

// RecordedAnswer is the promised introduction an answer became.
type RecordedAnswer struct {
	kith.Introduction
	CreatedContact bool `json:"created_contact"`
	// AlreadyRecorded says the same promise was on record, so nothing new
	// was written for this answer.
	AlreadyRecorded bool `json:"already_recorded"`
}

// RecordAnswers turns answers to the three questions asked of the contact
// fromID into promised, asked introductions, creating the people named
// who are new, all in one transaction.
func (db *DB) RecordAnswers(ctx context.Context, fromID int64, answers []AnswerChoice) ([]RecordedAnswer, error) {
	out := []RecordedAnswer{}
	err := db.write(ctx, "record answers", func(tx *Tx) error {
		from, err := tx.getContact(fromID)
		if err != nil {
			return err
		}
		for _, a := range answers {
			to, created, err := tx.ContactForAnswer(a.Answer, a.ContactID, from)
			if err != nil {
				return err
			}
			n := NewIntroduction{FromID: from.ID, ToID: to.ID, Direction: kith.Received, Kind: a.Kind,
				Asked: true, Status: kith.Promised}
			promise, err := tx.findOpenPromise(n)
			if err != nil {
				return err
			}
			if promise != nil {
				out = append(out, RecordedAnswer{Introduction: *promise, AlreadyRecorded: true})
				continue
			}
			in, err := tx.AddIntroduction(n)
			if err != nil {
				return err
			}
			out = append(out, RecordedAnswer{Introduction: in, CreatedContact: created})
		}
		return nil
	})
	return out, err
}
