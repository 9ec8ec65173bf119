package app

import (
	"context"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// Reconnection is someone you have not met for long: when you last met
// (nil: never), the day that counts from (the last meeting, or the day
// they were added), how many days ago that was, and what you last talked
// about.
type Reconnection struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Company     string      `json:"company"`
	Category    string      `json:"category"`
	LastContact *dates.Date `json:"last_contact"`
	Since       dates.Date  `json:"since"`
	Days        int         `json:"days"`
	// Topic is the topic of the last coffee held, or else the one noted
	// on their card.
	Topic string `json:"topic"`
}

// Reconnect lists the people not met for longest, never-met people among
// them by the day they were added, at most limit of them (0: all), of one
// category when category is set.
func Reconnect(ctx context.Context, db *store.DB, category string, limit int) ([]Reconnection, error) {
	out := []Reconnection{}
	err := db.Read(ctx, "list people to reconnect with", func(tx *store.Tx) error {
		contacts, err := tx.ListContacts(store.ContactFilter{Category: category, Limit: limit, Sort: store.ByLastContact,
			Archive: store.Unarchived})
		if err != nil {
			return err
		}
		ids := make([]int64, len(contacts))
		for i, c := range contacts {
			ids[i] = c.ID
		}
		topics, err := tx.LastTopics(ids)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			out = append(out, reconnection(c, topics[c.ID], tx.LocalDay(c.CreatedAt), tx.Today()))
		}
		return nil
	})
	return out, err
}

// reconnection lays out one contact for the list.
func reconnection(c kith.Contact, lastTopic string, added, today dates.Date) Reconnection {
	r := Reconnection{ID: c.ID, Name: c.Name, Company: c.Company, Category: c.Category,
		LastContact: c.LastContact, Since: added, Topic: lastTopic}
	if c.LastContact != nil {
		r.Since = *c.LastContact
	}
	if r.Topic == "" {
		r.Topic = c.Topic
	}
	r.Days = today.DaysSince(r.Since)
	return r
}
