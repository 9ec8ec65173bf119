package kith

import (
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// CoffeeKind says what sort of meeting a coffee was.
type CoffeeKind string

// The kinds of meeting.
const (
	KindCoffee CoffeeKind = "coffee"
	KindLunch  CoffeeKind = "lunch"
	KindCall   CoffeeKind = "call"
	KindEvent  CoffeeKind = "event"
	KindOther  CoffeeKind = "other"
)

// CoffeeKinds lists the meeting kinds as written in flags and JSON.
var CoffeeKinds = []CoffeeKind{KindCoffee, KindLunch, KindCall, KindEvent, KindOther}

// ParseCoffeeKind validates a meeting kind.
func ParseCoffeeKind(s string) (CoffeeKind, error) {
	return parseEnum(s, CoffeeKinds, "meeting kind")
}

// ContactRef names a contact inside another record.
type ContactRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Coffee is one meeting (coffee, lunch, call, event) with one or more
// contacts. A planned coffee has not happened yet and does not count as
// contact.
type Coffee struct {
	ID        int64        `json:"id"`
	Kind      CoffeeKind   `json:"kind"`
	On        dates.Date   `json:"date"`
	Place     string       `json:"place"`
	Topic     string       `json:"topic"`
	Notes     string       `json:"notes"`
	Planned   bool         `json:"planned"`
	Contacts  []ContactRef `json:"contacts"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// NextStep is what the user means to do after a coffee; the store turns
// it into one follow-up per contact at the coffee.
type NextStep struct {
	Text string
	Due  dates.Date
}

// CheckCoffeeDate applies the rule that a coffee logged as held cannot be
// in the future, and a planned one cannot be in the past.
func CheckCoffeeDate(on, today dates.Date, planned bool) error {
	if !planned && on.After(today) {
		return Errorf(Invalid, "%s is in the future: a coffee is logged after it happens", on).
			WithHint("pass --planned to plan a coffee, or give --on the day you met")
	}
	if planned && on.Before(today) {
		return Errorf(Invalid, "%s is in the past: a planned coffee is still to come", on).
			WithHint("drop --planned to log a coffee that already happened")
	}
	return nil
}
