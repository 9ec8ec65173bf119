package kith

import (
	"strings"
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

// OneToOne reports whether a meeting of this kind is a one-to-one: a
// coffee, lunch or call, held, counts toward the coffee objective; an event
// or any other meeting (an email thread) is shown apart and never does.
func (k CoffeeKind) OneToOne() bool {
	return k == KindCoffee || k == KindLunch || k == KindCall
}

// ParseCoffeeKind validates a meeting kind.
func ParseCoffeeKind(s string) (CoffeeKind, error) {
	return parseEnum(s, CoffeeKinds, "meeting kind")
}

// ContactRef names a contact inside another record.
type ContactRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CoffeeStatus is where a meeting stands: held, still planned, planned
// for a day that has passed without being logged, or cancelled.
type CoffeeStatus string

// The coffee statuses, as written in JSON.
const (
	CoffeeHeld      CoffeeStatus = "held"
	CoffeePlanned   CoffeeStatus = "planned"
	CoffeeNotLogged CoffeeStatus = "not_logged" // planned, its day passed, neither held nor cancelled
	CoffeeCancelled CoffeeStatus = "cancelled"
)

// CoffeeStatusOf tells where a meeting on day on stands today: a planned
// one whose day has passed is not logged until it is marked held or
// cancelled. Only a held meeting counts anywhere.
func CoffeeStatusOf(planned, cancelled bool, on, today dates.Date) CoffeeStatus {
	switch {
	case !planned:
		return CoffeeHeld
	case cancelled:
		return CoffeeCancelled
	case on.Before(today):
		return CoffeeNotLogged
	}
	return CoffeePlanned
}

// Label is the status as lists show it: nothing for a held meeting, the
// others in words ("not logged").
func (s CoffeeStatus) Label() string {
	if s == CoffeeHeld {
		return ""
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// Coffee is one meeting (coffee, lunch, call, event) with one or more
// contacts. A planned coffee (Planned: not held, whether still to come,
// not logged or cancelled) does not count as contact; Status says which.
type Coffee struct {
	ID        int64        `json:"id"`
	Kind      CoffeeKind   `json:"kind"`
	On        dates.Date   `json:"date"`
	Place     string       `json:"place"`
	Topic     string       `json:"topic"`
	Notes     string       `json:"notes"`
	Planned   bool         `json:"planned"`
	Status    CoffeeStatus `json:"status"`
	Contacts  []ContactRef `json:"contacts"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// NextStep is what the user means to do after a coffee; the store turns
// it into one follow-up for everyone at the coffee, or for those For
// names.
type NextStep struct {
	Text string
	Due  dates.Date
	For  []string // REFs of the people it is for, each at the coffee; none: everyone there
}

// CheckCoffeeDate applies the rule that a coffee held cannot be in the
// future, and a planned one cannot be in the past. The caller adds the
// hint, which depends on what was typed (coffee log, edit or held).
func CheckCoffeeDate(on, today dates.Date, planned bool) *Error {
	if !planned && on.After(today) {
		return Errorf(Invalid, "%s is in the future: a coffee is logged after it happens", on)
	}
	if planned && on.Before(today) {
		return Errorf(Invalid, "%s is in the past: a planned coffee is still to come", on)
	}
	return nil
}
