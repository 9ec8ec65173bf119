package app

import (
	"context"
	"fmt"
	"sort"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/ladder"
	"github.com/kith-crm/kith/internal/store"
)

// DigestDays is how far ahead the digest looks for birthdays and
// anniversaries: today and the six days after it.
const DigestDays = 7

// Digest is the morning's digest (kith today), section by section. The
// first four are things to do; the objective and the advocate to serve
// say how the week goes and come with them (see Quiet).
type Digest struct {
	Due       []kith.DueItem   `json:"due"`
	Coffees   []kith.Coffee    `json:"coffees"`
	Promises  []PromiseWaiting `json:"promises"`
	Dates     []ComingDate     `json:"dates"`
	Objective *WeekObjective   `json:"objective"`
	Advocate  *ladder.Fan      `json:"advocate"`
}

// PromiseWaiting is an introduction promised long enough ago to ask after,
// with what to do about it.
type PromiseWaiting struct {
	kith.Introduction
	DaysWaiting int    `json:"days_waiting"`
	Reminder    string `json:"reminder"`
}

// ComingDate is a birthday or anniversary in the coming week: Label is
// "birthday" or the anniversary's label, Day as stored, On the day it
// comes round and Years how many it marks (0 when the year is unknown).
type ComingDate struct {
	Contact kith.ContactRef `json:"contact"`
	Label   string          `json:"label"`
	Day     string          `json:"date"`
	On      dates.Date      `json:"on"`
	InDays  int             `json:"in_days"`
	Years   int             `json:"years"`
}

// WeekObjective is this calendar week's one-to-ones (coffees, lunches and
// calls held) against the coffees-per-week objective (0: none set).
type WeekObjective struct {
	From      dates.Date `json:"from"`
	To        dates.Date `json:"to"`
	Held      int        `json:"held"`
	Objective float64    `json:"objective"`
}

// Quiet reports whether there is nothing to do this morning: no follow-up
// due, no coffee planned or left unlogged, no promise to ask after, no
// date coming. The week's objective and the advocate are news only beside
// something to do, so a cron job mails nothing on a quiet morning.
func (d Digest) Quiet() bool {
	return len(d.Due) == 0 && len(d.Coffees) == 0 && len(d.Promises) == 0 && len(d.Dates) == 0
}

// Today gathers the morning digest in one snapshot: follow-ups and
// stay-in-touch items due by today (policy gives the cadences), planned
// coffees, promises made more than promiseDays ago and not yet kept, the
// coming week's birthdays and anniversaries, this week's one-to-ones
// against the objective, and the top advocate of the 211° list.
func Today(ctx context.Context, db *store.DB, policy kith.CadencePolicy, promiseDays int) (Digest, error) {
	var d Digest
	err := db.Read(ctx, "gather the morning digest", func(tx *store.Tx) error {
		today := tx.Today()
		for _, step := range []func() error{
			func() (err error) { d.Due, err = tx.Due(today, policy); return err },
			func() (err error) { d.Coffees, err = tx.PlannedCoffees(today); return err },
			func() (err error) { d.Promises, err = promisesWaiting(tx, today, promiseDays); return err },
			func() (err error) { d.Dates, err = comingDates(tx, today); return err },
			func() (err error) { d.Objective, err = weekObjective(tx, today); return err },
			func() (err error) { d.Advocate, err = topFan(tx); return err },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

func promisesWaiting(tx *store.Tx, today dates.Date, promiseDays int) ([]PromiseWaiting, error) {
	intros, err := tx.PromisesWaiting(today.AddDays(-promiseDays))
	out := make([]PromiseWaiting, len(intros))
	for i, in := range intros {
		out[i] = PromiseWaiting{Introduction: in, DaysWaiting: today.DaysSince(*in.PromisedOn), Reminder: reminder(in)}
	}
	return out, err
}

// reminder says what to do about a promise: ask the one who promised an
// introduction, or make the one the user promised.
func reminder(in kith.Introduction) string {
	if in.Direction == kith.Given {
		return fmt.Sprintf("introduce %s to %s, as you promised", in.From.Name, in.To.Name)
	}
	return fmt.Sprintf("ask %s about %s", in.From.Name, in.To.Name)
}

// comingDates finds the birthdays and anniversaries that come round in the
// DigestDays from today, soonest first.
func comingDates(tx *store.Tx, today dates.Date) ([]ComingDate, error) {
	last := today.AddDays(DigestDays - 1)
	monthDays := make([]string, 0, DigestDays+1)
	for d := today; !d.After(last); d = d.AddDays(1) {
		monthDays = append(monthDays, d.String()[5:])
		// a 29 February birthday falls on the 28th in a common year
		if md := d.String()[5:]; md == "02-28" && d.AddDays(1).String()[5:] != "02-29" {
			monthDays = append(monthDays, "02-29")
		}
	}
	birthdays, err := tx.Birthdays(monthDays)
	if err != nil {
		return nil, err
	}
	anniversaries, err := tx.Anniversaries()
	if err != nil {
		return nil, err
	}
	out := []ComingDate{}
	for _, d := range append(birthdays, anniversaries...) {
		on, years, err := kith.NextOccurrence(d.Day, today)
		if err != nil {
			return nil, fmt.Errorf("contact %d: %s: %w", d.Contact.ID, d.Label, err)
		}
		if !on.After(last) {
			out = append(out, ComingDate{Contact: d.Contact, Label: d.Label, Day: d.Day, On: on,
				InDays: on.DaysSince(today), Years: years})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := out[i].On.Ordinal(), out[j].On.Ordinal(); a != b {
			return a < b
		}
		return kith.Fold(out[i].Contact.Name) < kith.Fold(out[j].Contact.Name)
	})
	return out, nil
}

// weekObjective counts this calendar week's one-to-ones; nil when there is
// neither an objective nor a one-to-one to speak of.
func weekObjective(tx *store.Tx, today dates.Date) (*WeekObjective, error) {
	goals, err := tx.Goals()
	if err != nil {
		return nil, err
	}
	w := &WeekObjective{From: today.StartOfWeek(), Objective: goals[kith.GoalCoffeesPerWeek].Value}
	w.To = w.From.AddDays(6)
	if w.Held, err = tx.OneToOnesHeld(w.From, w.To); err != nil {
		return nil, err
	}
	if w.Held == 0 && w.Objective == 0 {
		return nil, nil
	}
	return w, nil
}

// topFan is the first of the 211° list (kith fans), nil when there is no
// advocate.
func topFan(tx *store.Tx) (*ladder.Fan, error) {
	fans, err := rankFans(tx, FanList{Limit: 1})
	if err != nil || len(fans) == 0 {
		return nil, err
	}
	return &fans[0], nil
}
